package io.parkgate.simulator;

import io.parkgate.config.Direction;
import io.parkgate.simulator.device.JournalEntry;
import io.parkgate.simulator.device.SafetyViolation;
import io.parkgate.simulator.lane.Passage;
import io.parkgate.simulator.report.SimEvent;
import java.util.List;

/** What happened in one lane: every vehicle, every command the agent gave, every violation. */
public record LaneSummary(String lane, Direction direction, List<Passage> passages, List<JournalEntry> journal,
                          List<SafetyViolation> violations, int expectationsMet, List<SimEvent> failedExpectations) {

    public LaneSummary {
        passages = List.copyOf(passages);
        journal = List.copyOf(journal);
        violations = List.copyOf(violations);
        failedExpectations = List.copyOf(failedExpectations);
    }

    public long count(Passage.Outcome outcome) {
        return passages.stream().filter(p -> p.outcome() == outcome).count();
    }

    public long commands(JournalEntry.Command command) {
        return journal.stream().filter(j -> j.command() == command).count();
    }
}
