package io.parkgate.simulator;

import io.parkgate.simulator.device.JournalEntry;
import io.parkgate.simulator.device.SafetyViolation;
import io.parkgate.simulator.lane.Passage;
import io.parkgate.simulator.report.SimEvent;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/**
 * Per lane, what happened: the vehicles, what the barrier did, timings and violations; printable
 * as a table ({@link #toText()}) and readable by tests ({@link #lanes()}, {@link #events()}).
 */
public record SimulationReport(List<LaneSummary> lanes, List<SimEvent> events, ZoneId zone) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss", Locale.ROOT);

    public SimulationReport {
        lanes = List.copyOf(lanes);
        events = List.copyOf(events);
    }

    public static SimulationReport of(List<LaneHardware> hardware, List<SimEvent> events, ZoneId zone) {
        List<LaneSummary> summaries = hardware.stream().map(h -> {
            String id = h.lane().id();
            List<SimEvent> mine = events.stream().filter(e -> id.equals(e.lane())).toList();
            int met = (int) mine.stream().filter(e -> e.type() == SimEvent.Type.EXPECTATION_MET).count();
            List<SimEvent> failed = mine.stream().filter(e -> e.type() == SimEvent.Type.EXPECTATION_FAILED).toList();
            return new LaneSummary(id, h.lane().direction(), h.lane().passages(), h.io().journal(),
                    h.io().violations(), met, failed);
        }).toList();
        return new SimulationReport(summaries, events, zone);
    }

    public List<SafetyViolation> violations() {
        return lanes.stream().flatMap(l -> l.violations().stream()).toList();
    }

    public List<SimEvent> failedExpectations() {
        return lanes.stream().flatMap(l -> l.failedExpectations().stream()).toList();
    }

    /** A readable summary: one block per lane with a row per vehicle. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (LaneSummary l : lanes) {
            sb.append(String.format(Locale.ROOT,
                    "Lane %s (%s): %d vehicles, %d passed, %d forced, %d tailgated, %d gave up; "
                            + "OPEN x%d, CLOSE x%d; %d violation(s); expectations %d met, %d failed%n",
                    l.lane(), l.direction(), l.passages().size(), l.count(Passage.Outcome.PASSED),
                    l.count(Passage.Outcome.FORCED), l.count(Passage.Outcome.TAILGATED),
                    l.count(Passage.Outcome.GAVE_UP), l.commands(JournalEntry.Command.OPEN),
                    l.commands(JournalEntry.Command.CLOSE), l.violations().size(), l.expectationsMet(),
                    l.failedExpectations().size()));
            if (!l.passages().isEmpty()) {
                sb.append(String.format(Locale.ROOT, "  %-14s %-12s %-16s %-10s %-9s %-9s %s%n",
                        "on loop", "vehicle", "behaviour", "card", "arm up", "on loop", "outcome"));
            }
            for (Passage p : l.passages()) {
                sb.append(String.format(Locale.ROOT, "  %-14s %-12s %-16s %-10s %-9s %-9s %s%n",
                        time(p.onLoopAt() != null ? p.onLoopAt() : p.arrivedAt()), p.vehicle().label(),
                        p.vehicle().behaviour(), p.vehicle().card() == null ? "-" : p.vehicle().card(),
                        seconds(p.waitForArm()), seconds(p.onLoopAt() == null ? null
                                : Duration.between(p.onLoopAt(), p.crossedAt() != null ? p.crossedAt() : p.goneAt())),
                        p.outcome()));
            }
            for (SafetyViolation v : l.violations()) {
                sb.append(String.format(Locale.ROOT, "  !! %s %s: %s%n", time(v.at()), v.kind(), v.detail()));
            }
            for (SimEvent e : l.failedExpectations()) {
                sb.append(String.format(Locale.ROOT, "  ?? %s %s: %s%n", time(e.at()), e.vehicle(), e.detail()));
            }
        }
        return sb.toString();
    }

    private String time(Instant t) {
        return TIME.format(t.atZone(zone));
    }

    private static String seconds(Duration d) {
        return d == null ? "-" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
