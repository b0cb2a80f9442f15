package io.parkgate.config;

/**
 * Log format of the services (slf4j-simple): date and time with offset always, level, logger name; each
 * lane's story at INFO; chatty libraries at WARN. Called by a service's main class before its first logger
 * exists; a {@code -Dorg.slf4j.simpleLogger.*} property given by the operator wins.
 */
public final class ServiceLogs {

    private static final String P = "org.slf4j.simpleLogger.";

    private ServiceLogs() {
    }

    public static void configure() {
        setDefault("showDateTime", "true");
        setDefault("dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        setDefault("showThreadName", "false");
        setDefault("showLogName", "true");
        setDefault("showShortLogName", "false");
        setDefault("levelInBrackets", "true");
        setDefault("defaultLogLevel", "info");
        setDefault("log.io.moquette", "warn");
        setDefault("log.io.netty", "warn");
        setDefault("log.io.vertx", "warn");
        setDefault("log.org.eclipse.paho", "warn");
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(P + key) == null) {
            System.setProperty(P + key, value);
        }
    }
}
