package io.parkgate.central;

import io.parkgate.cli.CommandLines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * Central's command line, parsed and checked once: {@code serve} (the default), {@code lanes credentials} or
 * {@code broker artemis}.
 * Help goes to standard output; a wrong option is named on standard error with the closest real one, and the
 * program exits 2. Passwords are refused on the command line, which {@code ps} shows to every user.
 */
public final class CentralCommandLine {

    static final String NAME = "parkgate-central";

    /** A lane given on the command line instead of a site file: {@code id:post:IN|OUT}. */
    record LaneArg(String id, String post, String direction) {
    }

    /** Serves the site: database, broker, lanes' uplinks, HTTP API and console. */
    @Command(name = "serve", sortOptions = false, description = "Runs central: the registry and card centre, the"
            + " register, exceptions, shifts, the lanes' uplink and the web console.")
    public static final class Serve {
        @Option(names = "--config", paramLabel = "SITE.yaml", description = "the site file; repeat for each"
                + " compound of a group of sites, with a --secrets for each (central's own settings come from the"
                + " first)")
        List<Path> configs = new ArrayList<>();

        @Option(names = "--site", paramLabel = "ID", description = "a site without a site file (tests and trials),"
                + " its lanes given with --lane")
        String site;

        @Option(names = "--lane", paramLabel = "id:post:IN|OUT", converter = LaneConverter.class,
                description = "a lane of a --site site; repeat for each")
        List<LaneArg> lanes = new ArrayList<>();

        @Option(names = "--data", required = true, paramLabel = "DIR", description = "central's data folder")
        Path data;

        @Option(names = "--secrets", required = true, paramLabel = "FILE", description = "central's secrets file"
                + " (generate it with 'parkgate-central lanes credentials'); one per --config, in the same order")
        List<Path> secretsFiles = new ArrayList<>();

        /** The first site file, or null with --site. */
        Path config() {
            return configs.isEmpty() ? null : configs.get(0);
        }

        /** The first secrets file: central's own (its MQTT password, the first manager's). */
        Path secrets() {
            return secretsFiles.get(0);
        }

        @Option(names = "--manager", paramLabel = "USER",
                description = "the first manager's user name (the password is manager.password in the secrets file)")
        String manager;

        @Option(names = "--http-port", paramLabel = "N", description = "with --site (default: ${DEFAULT-VALUE})")
        int httpPort = 8080;

        @Option(names = "--mqtt-port", paramLabel = "N", description = "with --site (default: ${DEFAULT-VALUE})")
        int mqttPort = 1883;

        @Option(names = "--broker", paramLabel = "URL", description = "with --site: an external broker")
        String broker;

        @Option(names = "--mqtt-user", paramLabel = "U", description =
                "central's broker user (default: ${DEFAULT-VALUE})")
        String mqttUser = "central";

        @Option(names = "--management-host", paramLabel = "HOST",
                description = "address of /metrics and /health (default: ${DEFAULT-VALUE})")
        String managementHost = "127.0.0.1";

        @Option(names = "--management-port", paramLabel = "N",
                description = "their port, -1 = off (default: ${DEFAULT-VALUE})")
        int managementPort = CentralMain.DEFAULT_MANAGEMENT_PORT;

        @Option(names = "--broker-ca", paramLabel = "FILE", description = "CA certificate of a TLS broker")
        Path brokerCa;

        @Option(names = "--broker-cert", paramLabel = "FILE", description = "central's client certificate")
        Path brokerCert;

        @Option(names = "--broker-key", paramLabel = "FILE", description = "its private key")
        Path brokerKey;

        @Option(names = "--ingest-group", paramLabel = "GROUP", description = "one of several centrals on one "
                + "PostgreSQL database and an external broker: the MQTT shared-subscription group they read lane "
                + "events through (docs/scaling.md); default: the only central")
        String ingestGroup;

        @Option(names = "--instance", paramLabel = "NAME", description = "with --ingest-group: this central's "
                + "name among them, unique (default: host name and process id)")
        String instance;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;

        void check(CommandLine cl) {
            if (instance != null && ingestGroup == null) {
                throw new ParameterException(cl, "--instance names one of several centrals: give --ingest-group too");
            }
            port(cl, "--http-port", httpPort, 0);
            port(cl, "--mqtt-port", mqttPort, 0);
            port(cl, "--management-port", managementPort, -1);
            if (configs.isEmpty() && site == null) {
                throw new ParameterException(cl, "--config SITE.yaml (or --site ID with --lane) is required");
            }
            if (configs.size() > 1 && secretsFiles.size() != configs.size()) {
                throw new ParameterException(cl, "a group of " + configs.size() + " site files needs one --secrets"
                        + " per --config, in the same order; " + secretsFiles.size() + " given");
            }
            if (configs.size() <= 1 && secretsFiles.size() > 1) {
                throw new ParameterException(cl, "--secrets is given once, unless --config is given for several sites");
            }
            if (!configs.isEmpty() && (site != null || !lanes.isEmpty() || broker != null)) {
                throw new ParameterException(cl, "--config takes the site, its lanes and broker from the site file:"
                        + " no --site, --lane or --broker with it");
            }
            if (manager != null && manager.contains(":")) {
                throw new ParameterException(cl, "--manager takes the user name only; the password is"
                        + " manager.password in the secrets file");
            }
            if ((brokerCert == null) != (brokerKey == null)) {
                throw new ParameterException(cl, "--broker-cert and --broker-key go together");
            }
        }
    }

    /** Writes the lanes' broker credentials and command secrets, and central's secrets file. */
    @Command(name = "credentials", sortOptions = false, description = "Writes every lane's secrets file and"
            + " central's, and the broker's password and ACL files, for the site file's lanes.")
    public static final class Credentials {
        @Option(names = "--config", required = true, paramLabel = "SITE.yaml", description = "the site file; repeat"
                + " for each site of a group served by one central (then each site's files go to OUT/<site> and one"
                + " Mosquitto password file and ACL for the group to OUT/mosquitto)")
        List<Path> configs = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "where to write them")
        Path out;

        @Option(names = "--mqtt-user", paramLabel = "U", description =
                "central's broker user (default: ${DEFAULT-VALUE})")
        String mqttUser = "central";

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    /** Writes one node of an Apache ActiveMQ Artemis cluster for the site (docs/scaling.md). */
    @Command(name = "artemis", sortOptions = false, description = "Writes broker.xml, artemis-users.properties and"
            + " artemis-roles.properties of one node of an Apache ActiveMQ Artemis cluster into the etc folder of an"
            + " instance made by 'artemis create': the nodes are the site file's central.mqttUrl list, the users and"
            + " their per-lane rights come from central's secrets file.")
    public static final class ArtemisNode {
        @Option(names = "--config", required = true, paramLabel = "SITE.yaml", description = "the site file; repeat"
                + " for each site of a group that one central serves, as for 'serve' (the nodes are the first's)")
        List<Path> configs = new ArrayList<>();

        @Option(names = "--secrets", required = true, paramLabel = "FILE", description = "central's secrets file"
                + " (from 'parkgate-central lanes credentials'); one per --config, in the same order")
        List<Path> secretsFiles = new ArrayList<>();

        @Option(names = "--node", required = true, paramLabel = "N", description = "which node: 1 for the first"
                + " URL of central.mqttUrl, 2 for the second, ...")
        int node;

        @Option(names = "--etc", required = true, paramLabel = "DIR", description = "the instance's etc folder")
        Path etc;

        @Option(names = "--cluster-ports", split = ",", paramLabel = "P,P,...", description = "the port each node"
                + " reaches the others on, one per node in order (default: 61616 on every node)")
        List<Integer> clusterPorts = new ArrayList<>();

        @Option(names = "--mqtt-user", paramLabel = "U", description =
                "central's broker user (default: ${DEFAULT-VALUE})")
        String mqttUser = "central";

        @Option(names = "--no-journal-sync", description = "acknowledge before the journal is on disk (faster;"
                + " a node's power cut may then lose what it acknowledged, which the lanes send again)")
        boolean noJournalSync;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;

        void check(CommandLine cl) {
            if (secretsFiles.size() != configs.size()) {
                throw new ParameterException(cl, configs.size() + " --config and " + secretsFiles.size()
                        + " --secrets: one secrets file per site file, in the same order");
            }
        }
    }

    @Command(name = "broker", subcommands = ArtemisNode.class, description = "The site's broker cluster.")
    static final class Broker {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    @Command(name = "lanes", subcommands = Credentials.class, description = "The lanes' credentials.")
    static final class Lanes {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    @Command(name = NAME, subcommands = {Serve.class, Lanes.class, Broker.class},
            description = "parkgate's central service. Without a command: serve.")
    static final class Top {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    /** id:post:IN|OUT; never echoes more than the id, as a password pasted here must not reach the log. */
    static final class LaneConverter implements ITypeConverter<LaneArg> {
        @Override
        public LaneArg convert(String v) {
            String[] p = v.split(":");
            if (p.length != 3 || !(p[2].equals("IN") || p[2].equals("OUT"))) {
                throw new TypeConversionException("'" + (p.length > 3 ? p[0] + ":..." : v)
                        + "' is not id:post:IN|OUT (secrets go in the --secrets file)");
            }
            return new LaneArg(p[0], p[1], p[2]);
        }
    }

    private CentralCommandLine() {
    }

    /**
     * @return a {@link Serve}, a {@link Credentials} or an {@link ArtemisNode}
     * @throws CommandLines.Exit after printing help (status 0) or what was wrong (status 2)
     */
    public static Object parse(PrintWriter out, PrintWriter err, String... args) {
        for (String a : args) {
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (name.equals("--mqtt-password")) {
                CommandLines.refuse(err, NAME + ": --mqtt-password is not accepted on the command line (ps shows it"
                        + " to every user): put central.mqtt.password in the file given by --secrets");
            }
        }
        boolean command = args.length > 0 && !args[0].startsWith("-");
        boolean topHelp = args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"));
        return CommandLines.parse(new CommandLine(new Top()), out, err, NAME + ": ", (cl, o) -> {
            if (o instanceof Serve serve) {
                serve.check(cl);
            } else if (o instanceof ArtemisNode node) {
                node.check(cl);
            } else if (!(o instanceof Credentials)) {
                throw new ParameterException(cl, "which command? " + cl.getSubcommands().keySet());
            }
        }, command || topHelp ? args : prepend("serve", args));
    }

    private static void port(CommandLine cl, String option, int value, int min) {
        if (value < min || value > 65_535) {
            throw new ParameterException(cl, option + " " + value + " is out of range: " + min + " to 65535");
        }
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
