package io.parkgate.agent.app;

import io.parkgate.cli.CommandLines;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The gate agent's command line, parsed and checked once: {@code run} (the default) or {@code seed}. Help goes
 * to standard output; a wrong option is named on standard error with the closest real one, and the program
 * exits 2. Secrets are refused on the command line, which {@code ps} shows to every user.
 */
public final class AgentCommandLine {

    static final String NAME = "parkgate-agent";
    private static final List<String> SECRET_OPTIONS = List.of("--mqtt-password", "--command-secret");

    /** The options both commands take. */
    abstract static class LaneOptions {
        @Option(names = "--site", required = true, paramLabel = "SITE.yaml", description = "the site file")
        Path site;

        @Option(names = "--lane", required = true, paramLabel = "LANE_ID", description = "this PC's lane")
        String lane;

        @Option(names = "--data", paramLabel = "DIR",
                description = "the lane's data folder (default: the site file's agents.dataDir/LANE_ID)")
        Path data;

        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    /** Runs the lane. */
    @Command(name = "run", sortOptions = false, description = "Runs one lane: its devices, decisions, journal and"
            + " uplink to central; keeps deciding while central is away.")
    public static final class Run extends LaneOptions {
        @Option(names = "--secrets", paramLabel = "FILE", description = "the lane's secrets file (mqtt.password,"
                + " commandSecret), readable by the service user only; without it, from the environment")
        Path secrets;

        @Option(names = "--no-central", description = "run without central: the registry seeded with 'seed'")
        boolean noCentral;

        @Option(names = "--broker-ca", paramLabel = "FILE", description = "CA certificate of a TLS broker")
        Path brokerCa;

        @Option(names = "--broker-cert", paramLabel = "FILE", description = "this lane's client certificate")
        Path brokerCert;

        @Option(names = "--broker-key", paramLabel = "FILE", description = "its private key")
        Path brokerKey;

        @Option(names = "--metrics-host", paramLabel = "HOST",
                description = "address of /metrics and /health (default: ${DEFAULT-VALUE})")
        String metricsHost = "127.0.0.1";

        @Option(names = "--metrics-port", paramLabel = "N",
                description = "their port, 0 = off (default: ${DEFAULT-VALUE})")
        int metricsPort = AgentMain.DEFAULT_METRICS_PORT;

        @Option(names = "--frame-host", paramLabel = "HOST",
                description = "the name cameras use for this PC (default: its host name)")
        String frameHost;

        void check(CommandLine cl) {
            if (metricsPort < 0 || metricsPort > 65_535) {
                throw new ParameterException(cl, "--metrics-port " + metricsPort + " is out of range: 0 to 65535");
            }
            if ((brokerCert == null) != (brokerKey == null)) {
                throw new ParameterException(cl, "--broker-cert and --broker-key go together");
            }
            if (noCentral && (secrets != null || brokerCa != null || brokerCert != null)) {
                throw new ParameterException(cl, "--no-central takes no --secrets or broker options");
            }
        }
    }

    /** Seeds a lane without central from the card centre's resident file. */
    @Command(name = "seed", sortOptions = false, description = "Seeds the registry of a lane that has no central"
            + " yet from the card centre's resident CSV; refuses a file with errors.")
    public static final class Seed extends LaneOptions {
        @Option(names = "--residents", required = true, paramLabel = "FILE.csv", description = "the resident file")
        Path residents;
    }

    @Command(name = NAME, subcommands = {Run.class, Seed.class},
            description = "The gate agent of one lane. Without a command: run.")
    static final class Top {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "print this help and exit")
        boolean help;
    }

    private AgentCommandLine() {
    }

    /**
     * @return a {@link Run} or a {@link Seed}
     * @throws CommandLines.Exit after printing help (status 0) or what was wrong (status 2)
     */
    public static LaneOptions parse(PrintWriter out, PrintWriter err, String... args) {
        for (String a : args) {
            String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
            if (SECRET_OPTIONS.contains(name)) {
                CommandLines.refuse(err, NAME + ": " + name + " is not accepted on the command line (ps shows it"
                        + " to every user): put it in the secrets file given by --secrets");
            }
        }
        boolean command = args.length > 0 && !args[0].startsWith("-");
        boolean topHelp = args.length == 1 && (args[0].equals("-h") || args[0].equals("--help"));
        return (LaneOptions) CommandLines.parse(new CommandLine(new Top()), out, err, NAME + ": ", (cl, o) -> {
            if (o instanceof Run run) {
                run.check(cl);
            }
        }, command || topHelp ? args : prepend("run", args));
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
