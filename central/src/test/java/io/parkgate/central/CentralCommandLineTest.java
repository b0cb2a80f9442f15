package io.parkgate.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Central's command line as an operator types it, typos and pasted passwords included. */
class CentralCommandLineTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private Object parse(String... args) {
        return CentralCommandLine.parse(new PrintWriter(out), new PrintWriter(err), args);
    }

    private int exit(String... args) {
        return assertThrows(CommandLines.Exit.class, () -> parse(args)).status();
    }

    /** Verifies that options without a command mean serve, with a site file or with --site and its lanes. */
    @Test
    void serveIsTheDefaultCommand() {
        CentralCommandLine.Serve s = assertInstanceOf(CentralCommandLine.Serve.class,
                parse("--config", "site.yaml", "--data", "d", "--secrets", "s"));
        assertEquals(List.of(Path.of("site.yaml")), s.configs);
        assertEquals(CentralMain.DEFAULT_MANAGEMENT_PORT, s.managementPort);
        CentralCommandLine.Serve t = assertInstanceOf(CentralCommandLine.Serve.class, parse("serve", "--site",
                "gardens", "--lane", "north-in:north:IN", "--lane", "north-out:north:OUT", "--data", "d", "--secrets",
                "s", "--management-port", "-1", "--http-port", "0"));
        assertEquals(List.of(new CentralCommandLine.LaneArg("north-in", "north", "IN"),
                new CentralCommandLine.LaneArg("north-out", "north", "OUT")), t.lanes);
        assertEquals(-1, t.managementPort);
        CentralCommandLine.Credentials c = assertInstanceOf(CentralCommandLine.Credentials.class,
                parse("lanes", "credentials", "--config", "site.yaml", "--out", "secrets"));
        assertEquals(Path.of("secrets"), c.out);
        CentralCommandLine.ArtemisNode a = assertInstanceOf(CentralCommandLine.ArtemisNode.class,
                parse("broker", "artemis", "--config", "site.yaml", "--secrets", "central.secrets", "--node", "2",
                        "--etc", "node2/etc", "--cluster-ports", "61616,61617"));
        assertEquals(2, a.node);
        assertEquals(List.of(61616, 61617), a.clusterPorts);
        assertEquals(Path.of("node2/etc"), a.etc);
        assertEquals(List.of(Path.of("site.yaml")), a.configs);
    }

    /** Verifies that a group of sites is one --config and one --secrets per site, in order, and nothing else. */
    @Test
    void groupOfSitesTakesASecretsFilePerSiteFile() {
        CentralCommandLine.Serve s = assertInstanceOf(CentralCommandLine.Serve.class, parse("--config", "north.yaml",
                "--secrets", "north.secrets", "--config", "south.yaml", "--secrets", "south.secrets", "--data", "d"));
        assertEquals(List.of(Path.of("north.yaml"), Path.of("south.yaml")), s.configs);
        assertEquals(List.of(Path.of("north.secrets"), Path.of("south.secrets")), s.secretsFiles);
        assertEquals(Path.of("north.secrets"), s.secrets());
        assertEquals(2, exit("--config", "north.yaml", "--config", "south.yaml", "--secrets", "s", "--data", "d"));
        assertTrue(err.toString().contains("one --secrets per --config"), err.toString());
        assertEquals(2, exit("--config", "north.yaml", "--secrets", "a", "--secrets", "b", "--data", "d"));
        CentralCommandLine.Credentials c = assertInstanceOf(CentralCommandLine.Credentials.class,
                parse("lanes", "credentials", "--config", "north.yaml", "--config", "south.yaml", "--out", "o"));
        assertEquals(2, c.configs.size());
        CentralCommandLine.ArtemisNode a = assertInstanceOf(CentralCommandLine.ArtemisNode.class, parse("broker",
                "artemis", "--config", "north.yaml", "--secrets", "north.secrets", "--config", "south.yaml",
                "--secrets", "south.secrets", "--node", "1", "--etc", "etc"));
        assertEquals(List.of(Path.of("north.secrets"), Path.of("south.secrets")), a.secretsFiles);
        assertEquals(2, exit("broker", "artemis", "--config", "north.yaml", "--config", "south.yaml", "--secrets",
                "s", "--node", "1", "--etc", "etc"));
        assertTrue(err.toString().contains("one secrets file per site file"), err.toString());
    }

    /** Verifies that help goes to standard output and exits 0, for central and each command. */
    @Test
    void helpOnStandardOutput() {
        assertEquals(0, exit("--help"));
        assertTrue(out.toString().contains("serve") && out.toString().contains("lanes"), out.toString());
        assertEquals(0, exit("lanes", "credentials", "--help"));
        assertTrue(out.toString().contains("--out"), out.toString());
        assertEquals("", err.toString());
    }

    /** Verifies that typos, missing and contradictory options are named, and exit 2. */
    @Test
    void mistakesExit2() {
        assertEquals(2, exit("--confg", "site.yaml", "--data", "d", "--secrets", "s"));
        assertTrue(err.toString().contains("--config"), err.toString());
        assertEquals(2, exit("--config", "site.yaml", "--secrets", "s"));
        assertTrue(err.toString().contains("--data"), err.toString());
        assertEquals(2, exit("--data", "d", "--secrets", "s"));
        assertTrue(err.toString().contains("--config SITE.yaml (or --site ID with --lane) is required"),
                err.toString());
        assertEquals(2, exit("--config", "s.yaml", "--site", "x", "--data", "d", "--secrets", "s"));
        assertEquals(2, exit("--config", "s.yaml", "--data", "d", "--secrets", "s", "--http-port", "70000"));
        assertTrue(err.toString().contains("0 to 65535"), err.toString());
        assertEquals(2, exit("lanes", "credentials", "--config", "s.yaml"));
        assertTrue(err.toString().contains("--out"), err.toString());
        assertEquals(2, exit("lanes"));
        assertEquals(2, exit("broker", "artemis", "--config", "s.yaml", "--secrets", "s", "--etc", "e"));
        assertTrue(err.toString().contains("--node"), err.toString());
        assertEquals(2, exit("broker"));
        assertEquals("", out.toString());
    }

    /** Verifies that a password on the command line is refused and never echoed, wherever it was pasted. */
    @Test
    void passwordsAreRefusedUnechoed() {
        assertEquals(2, exit("--config", "s.yaml", "--data", "d", "--secrets", "s", "--mqtt-password", "hunter2"));
        assertTrue(err.toString().contains("secrets"), err.toString());
        assertEquals(2, exit("--site", "x", "--lane", "north-in:north:IN:hunter2", "--data", "d", "--secrets", "s"));
        assertEquals(2, exit("--config", "s.yaml", "--data", "d", "--secrets", "s", "--manager", "boss:hunter2"));
        assertFalse(err.toString().contains("hunter2"), err.toString());
    }
}
