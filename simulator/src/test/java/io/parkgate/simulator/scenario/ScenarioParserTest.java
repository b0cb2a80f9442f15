package io.parkgate.simulator.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.port.LaneDevice;
import io.parkgate.config.DurationText;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.simulator.device.WireFault;
import io.parkgate.simulator.lane.Behaviour;
import io.parkgate.simulator.lane.Expectation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Scenario files: the shipped examples parse, and every mistake is reported with its key. */
class ScenarioParserTest {

    private static final Set<String> LANES = Set.of("north-in", "north-out");

    private static String resource(String name) throws IOException {
        try (InputStream in = ScenarioParserTest.class.getResourceAsStream("/scenarios/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Verifies that morning-rush.yaml parses with named and inline vehicles, at/after offsets and expectations. */
    @Test
    void morningRushParses() throws IOException {
        Scenario s = ScenarioParser.parse(resource("morning-rush.yaml"), "morning-rush.yaml", LANES);
        assertEquals(Instant.parse("2026-11-22T23:30:00Z"), s.start());
        assertEquals(6, s.steps().size());
        ScenarioStep second = s.steps().get(1);
        assertEquals(Duration.ofSeconds(2), second.at());
        assertEquals("粤BD30812", second.vehicle().plate());
        assertEquals(new Expectation(Expectation.Outcome.OPENS, Duration.ofSeconds(6)), second.expect());
        assertEquals(Duration.ofSeconds(4), s.steps().get(3).at());
        assertEquals(Behaviour.NO_CARD, s.steps().get(3).vehicle().behaviour());
        assertEquals("2233445566", s.steps().get(4).vehicle().card());
        assertEquals(Duration.ofMinutes(20), s.lastStepAt());
        assertEquals(List.of("粤B12345", "粤BD30812", "湘A8S5Q0", "粤B7Z261"),
                s.residents().stream().map(v -> v.plate()).toList());
        RegistrySnapshot r = ScenarioRegistry.withResidents(RegistrySnapshot.empty(), s, s.start());
        assertEquals(1, r.version());
        assertEquals(4, r.vehicles().size());
        assertEquals(3, r.cards().size(), "chen has no card");
        assertTrue(r.passes().stream().allMatch(p -> p.validAt(s.start())));
        assertEquals("粤BD30812", r.cards().stream().filter(c -> c.number().equals("1A2B3C4D5E")).findFirst()
                .orElseThrow().plate());
    }

    /** Verifies that exceptions.yaml parses, including fault steps and a plateless vehicle. */
    @Test
    void exceptionsParses() throws IOException {
        Scenario s = ScenarioParser.parse(resource("exceptions.yaml"), "exceptions.yaml", LANES);
        assertNull(s.steps().get(1).vehicle().plate());
        assertEquals(Behaviour.PLATELESS, s.steps().get(1).vehicle().behaviour());
        assertEquals(Duration.ofSeconds(40), s.steps().get(1).vehicle().patience());
        ScenarioStep fault = s.steps().get(5);
        assertEquals(LaneDevice.CARD_READER, fault.faultOn());
        assertEquals(WireFault.BAD_CHECKSUM, fault.fault());
        assertEquals(Expectation.Outcome.HELD, s.steps().get(2).expect().outcome());
    }

    /** Verifies that every problem is reported at once, each with its key path and what was expected. */
    @Test
    void mistakesAreReportedWithTheirKeys() {
        String yaml = """
                name: broken
                colour: RED
                vehicles:
                  a: { plate: 粤B12345, card: XYZ }
                  b: { behaviour: PLATELESS, resident: yes please }
                steps:
                  - at: 10s
                    lane: south-in
                    arrive: a
                  - at: soon
                    lane: north-in
                    arrive: { plate: 粤B1, behaviour: FLY }
                    expect: opens
                    within: 5 sec
                  - lane: north-in
                    arrive: nobody
                  - lane: north-in
                    fault: { device: printer, kind: BAD_CHECKSUM }
                  - at: 5s
                    lane: north-in
                    arrive: { plate: 粤B54321 }
                """;
        ScenarioException e = assertThrows(ScenarioException.class,
                () -> ScenarioParser.parse(yaml, "broken.yaml", LANES));
        List<String> p = e.problems();
        assertTrue(e.getMessage().startsWith("broken.yaml: "), e.getMessage());
        assertContains(p, "broken.yaml:2: colour: found an unknown key, expected one of name, start, vehicles, steps");
        assertContains(p,
                "broken.yaml:4: vehicles.a.card: found 'XYZ', expected 10 hex digits (EM4100), e.g. 0E00A35C21");
        assertContains(p, "broken.yaml:8: steps[0].lane: found 'south-in', expected one of the site's lanes");
        assertContains(p,
                "broken.yaml:10: steps[1].at: found 'soon', expected a duration like 50ms, 3s, 15min, 2h, 7d or "
                        + "1h30min");
        assertContains(p,
                "broken.yaml:12: steps[1].arrive.behaviour: found 'FLY', expected one of NORMAL, FORCE, TAILGATE");
        assertContains(p, "broken.yaml:12: steps[1].arrive.plate: found '粤B1', expected a plate of 6..12 characters");
        assertContains(p, "broken.yaml:14: steps[1].within: found '5 sec', expected a duration");
        assertContains(p, "broken.yaml:16: steps[2].arrive: found 'nobody', expected a vehicle named under vehicles");
        assertContains(p, "broken.yaml:18: steps[3].fault.device: found 'printer', expected card or camera");
        assertContains(p, "broken.yaml:19: steps[4].at: found 5s, expected a time not before the previous step (10s)");
        assertContains(p, "broken.yaml:5: vehicles.b.resident: found 'yes please', expected true or false");
        assertEquals(11, p.size(), String.join("\n", p));
    }

    /** Verifies the clear messages for a file that is not a scenario at all. */
    @Test
    void notAScenario() {
        assertEquals(List.of("x.yaml:1: (top level): found a list, expected a mapping with name and steps"),
                assertThrows(ScenarioException.class, () -> ScenarioParser.parse("- a\n- b\n", "x.yaml", null))
                        .problems());
        assertTrue(assertThrows(ScenarioException.class, () -> ScenarioParser.parse("a: [", "y.yaml", null))
                .problems().get(0).startsWith("y.yaml:1: (top level): found invalid YAML ("));
        assertEquals(List.of("z.yaml:1: name: found nothing (the key is missing), expected the scenario's name",
                "z.yaml:1: steps: found nothing (the key is missing), expected a list of steps"),
                assertThrows(ScenarioException.class, () -> ScenarioParser.parse("start: ", "z.yaml", null))
                        .problems());
    }

    /** Verifies that a wait step delays the steps after it that use after:, and must stand alone. */
    @Test
    void waitStep() {
        Scenario s = ScenarioParser.parse("""
                name: waits
                steps:
                  - at: 10s
                    lane: north-in
                    arrive: { plate: 粤B12345 }
                  - wait: 1min
                  - after: 5s
                    lane: north-in
                    arrive: { plate: 粤B54321 }
                """, "w.yaml", LANES);
        assertEquals(List.of(Duration.ofSeconds(10), Duration.ofSeconds(75)),
                s.steps().stream().map(ScenarioStep::at).toList());
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse("""
                name: bad wait
                steps:
                  - wait: 1min
                    lane: north-in
                """, "w.yaml", LANES));
        assertEquals(List.of("w.yaml:3: steps[0]: found wait with other keys, expected wait alone, e.g. - wait: 30s"),
                e.problems());
    }

    /** Verifies that a scenario reads durations exactly as the site file does, and refuses the rest. */
    @Test
    void durationsAreTheSiteFilesOwn() throws Exception {
        String steps = """
                name: d
                steps:
                  - wait: 1h30min
                  - wait: 500ms
                  - wait: 2m
                  - wait: 90
                  - wait: PT5S
                """;
        ScenarioException e = assertThrows(ScenarioException.class, () -> ScenarioParser.parse(steps, "d.yaml", LANES));
        String expected = ", expected " + DurationText.FORMAT + " between 0s and 31d";
        assertEquals(List.of("d.yaml:5: steps[2].wait: found '2m'" + expected,
                "d.yaml:6: steps[3].wait: found '90'" + expected,
                "d.yaml:7: steps[4].wait: found 'PT5S'" + expected), e.problems());
    }

    /** Verifies that the scenarios shipped with the simulator read without a problem. */
    @Test
    void shippedScenariosRead() throws Exception {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(
                java.nio.file.Path.of("src/main/resources/scenarios"))) {
            List<java.nio.file.Path> all = files.filter(f -> f.toString().endsWith(".yaml")).toList();
            assertTrue(all.size() >= 2, all.toString());
            for (java.nio.file.Path f : all) {
                assertTrue(ScenarioParser.load(f, null).steps().size() > 0, f.toString());
            }
        }
    }

    private static void assertContains(List<String> problems, String start) {
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(start)),
                "no problem starting with\n  " + start + "\nin\n  " + String.join("\n  ", problems));
    }
}
