package io.parkgate.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.cli.CommandLines;
import io.parkgate.simulator.testutil.Sites;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command: options, exit status, event list and registry output, in real (accelerated) time. */
class SimulatorMainTest {

    @TempDir
    Path dir;

    private Path files(String expect) throws Exception {
        Files.writeString(dir.resolve("site.yaml"), Sites.NORTH_GATE_YAML, StandardCharsets.UTF_8);
        Path scenario = dir.resolve("one.yaml");
        Files.writeString(scenario, """
                name: one car, nobody at the gate
                steps:
                  - at: 0s
                    lane: north-in
                    arrive: { plate: 粤B12345, card: "0E00A35C21", patience: 5s }
                    expect: %s
                    within: 3s
                """.formatted(expect), StandardCharsets.UTF_8);
        return scenario;
    }

    /** Verifies that a met expectation exits 0 and writes the event list and the registry. */
    @Test
    void heldAsExpectedExitsZero() throws Exception {
        Path scenario = files("held");
        int status = SimulatorMain.run("--site", dir.resolve("site.yaml").toString(), "--scenario",
                scenario.toString(), "--ephemeral", "--start", "2026-11-23T08:00:00+08:00", "--events-out",
                dir.resolve("events.tsv").toString(), "--registry-out", dir.resolve("registry.json").toString(),
                "--owners", "20");
        assertEquals(0, status);
        List<String> events = Files.readAllLines(dir.resolve("events.tsv"), StandardCharsets.UTF_8);
        assertTrue(events.stream().anyMatch(l -> l.contains("\tEXPECTATION_MET\t粤B12345\t")), events.toString());
        assertTrue(events.get(0).matches("2026-11-23T00:00:00[.0-9]*Z\tnorth-in\tVEHICLE_ARRIVED\t.*"), events.get(0));
        String registry = Files.readString(dir.resolve("registry.json"), StandardCharsets.UTF_8);
        assertTrue(registry.contains("\"vehicles\""), registry.substring(0, Math.min(200, registry.length())));
    }

    /** Verifies that a failed expectation exits 1, and bad input exits 2 with a message. */
    @Test
    void failuresAndBadInput() throws Exception {
        Path scenario = files("opens");
        assertEquals(1, SimulatorMain.run("--site", dir.resolve("site.yaml").toString(), "--scenario",
                scenario.toString(), "--ephemeral"));
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            assertEquals(2, SimulatorMain.run("--site", dir.resolve("site.yaml").toString(), "--speed", "fast"));
            assertEquals(2, SimulatorMain.run("--site", dir.resolve("nope.yaml").toString()));
        } finally {
            System.setErr(err);
        }
        String text = captured.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("'fast'") && text.contains("--speed"), text);
        assertTrue(text.contains("nope.yaml"), text);
        java.io.StringWriter err2 = new java.io.StringWriter();
        CommandLines.Exit e = assertThrows(CommandLines.Exit.class, () -> SimulatorCommandLine.parse(
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err2), "--scenario",
                        "x.yaml"));
        assertEquals(2, e.status());
        assertTrue(err2.toString().contains("Missing required option: '--site=FILE'"), err2.toString());
        java.io.StringWriter err3 = new java.io.StringWriter();
        assertEquals(2, assertThrows(CommandLines.Exit.class, () -> SimulatorCommandLine.parse(
                new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err3), "--site", "s.yaml",
                "--sceanrio", "x.yaml")).status());
        assertTrue(err3.toString().contains("--scenario"), "the closest option is suggested: " + err3);
        java.io.StringWriter help = new java.io.StringWriter();
        assertEquals(0, assertThrows(CommandLines.Exit.class, () -> SimulatorCommandLine.parse(
                new java.io.PrintWriter(help), new java.io.PrintWriter(new java.io.StringWriter()), "--help"))
                        .status());
        assertTrue(help.toString().contains("--wait-for-agents"), help.toString());
    }
}
