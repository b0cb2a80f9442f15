package io.parkgate.config;

/**
 * Log format of the services (slf4j-simple): date and time with offset always, level, logger name; each
 * lane's story at INFO; chatty libraries at WARN. Called by a service's main class before its first logger
 * exists; a {@code -Dorg.slf4j.simpleLogger.*} property given by the operator wins. With the environment
 * variable {@code PARKGATE_LOG_FORMAT=json} (or {@code -Dparkgate.log.format=json}) every line is a JSON object.
 */
public final class ServiceLogs {

    private static final String P = "org.slf4j.simpleLogger.";

    private ServiceLogs() {
    }

    public static void configure() {
        String format = System.getProperty("parkgate.log.format", System.getenv("PARKGATE_LOG_FORMAT"));
        if ("json".equalsIgnoreCase(format)) {
            // slf4j-simple writes to whatever System.err is at the time of each record
            System.setErr(new JsonLogLines(System.err));
        } else if (format != null && !format.isBlank() && !"text".equalsIgnoreCase(format)) {
            // Before any logger exists, from a service's main class: one line and the configuration exit code.
            System.err.println("parkgate: unknown log format '" + format + "' in PARKGATE_LOG_FORMAT or "
                    + "-Dparkgate.log.format; use text or json");
            System.exit(2);
        }
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
