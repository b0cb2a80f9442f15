package io.parkgate.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The agent's command line as an installer types it, typos included. */
class AgentCommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private AgentCommandLine.LaneOptions parse(String... args) {
        return AgentCommandLine.parse(new PrintWriter(out), new PrintWriter(err), args);
    }

    private int exit(String... args) {
        return assertThrows(CommandLines.Exit.class, () -> parse(args)).status();
    }

    /** Verifies that options without a command mean run, with the documented defaults. */
    @Test
    void runIsTheDefaultCommand() {
        AgentCommandLine.Run run = assertInstanceOf(AgentCommandLine.Run.class,
                parse("--site", "site.yaml", "--lane", "north-in"));
        assertEquals(Path.of("site.yaml"), run.site);
        assertEquals("north-in", run.lane);
        assertEquals(AgentMain.DEFAULT_METRICS_PORT, run.metricsPort);
        assertEquals("127.0.0.1", run.metricsHost);
        assertNull(run.data);
        assertInstanceOf(AgentCommandLine.Run.class, parse("run", "--site=s.yaml", "--lane=x", "--metrics-port", "0"));
        AgentCommandLine.Seed seed = assertInstanceOf(AgentCommandLine.Seed.class,
                parse("seed", "--site", "s.yaml", "--lane", "x", "--residents", "r.csv", "--data", "d"));
        assertEquals(Path.of("r.csv"), seed.residents);
        assertEquals(Path.of("d"), seed.data);
    }

    /** Verifies that help goes to standard output and exits 0, for the agent and for each command. */
    @Test
    void helpOnStandardOutput() {
        assertEquals(0, exit("--help"));
        assertTrue(out.toString().contains("seed"), out.toString());
        assertEquals(0, exit("run", "--help"));
        assertTrue(out.toString().contains("--metrics-port"), out.toString());
        assertEquals("", err.toString());
    }

    /** Verifies that a typo is named with the closest real option, and a missing one is named too. */
    @Test
    void typosAndMissingOptionsExit2() {
        assertEquals(2, exit("--sit", "s.yaml", "--lane", "x"));
        assertTrue(err.toString().contains("--site"), err.toString());
        assertEquals(2, exit("--site", "s.yaml"));
        assertTrue(err.toString().contains("--lane"), err.toString());
        assertEquals(2, exit("seed", "--site", "s.yaml", "--lane", "x"));
        assertTrue(err.toString().contains("--residents"), err.toString());
        assertEquals(2, exit("sede", "--site", "s.yaml", "--lane", "x"));
        assertTrue(err.toString().contains("seed"), err.toString());
        assertEquals("", out.toString());
    }

    /** Verifies that values are checked: a port that is not a number or out of range, half a TLS pair. */
    @Test
    void valuesAreChecked() {
        assertEquals(2, exit("--site", "s", "--lane", "x", "--metrics-port", "ninety"));
        assertTrue(err.toString().contains("ninety"), err.toString());
        assertEquals(2, exit("--site", "s", "--lane", "x", "--metrics-port", "70000"));
        assertTrue(err.toString().contains("0 to 65535"), err.toString());
        assertEquals(2, exit("--site", "s", "--lane", "x", "--broker-cert", "c.pem"));
        assertTrue(err.toString().contains("--broker-key"), err.toString());
        assertEquals(2, exit("--site", "s", "--lane", "x", "--no-central", "--secrets", "f"));
    }

    /** Verifies that a secret on the command line, which ps shows to every user, is refused and not echoed. */
    @Test
    void secretsAreRefused() {
        assertEquals(2, exit("--site", "s", "--lane", "x", "--mqtt-password", "hunter2"));
        assertTrue(err.toString().contains("secrets file"), err.toString());
        assertEquals(2, exit("--site", "s", "--lane", "x", "--command-secret=abc123"));
        assertTrue(!err.toString().contains("hunter2") && !err.toString().contains("abc123"), err.toString());
    }
}
