package io.parkgate.agent.device.camera.push;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/** One lane's counts of push problems and of what its pushes were, for tests, logs and the console. */
public final class PushCounters {

    /** What became of readable pushes. */
    public enum Outcome { DELIVERED, LATE, NOT_AN_ARRIVAL, HEARTBEAT, OTHER }

    private final Map<PushProblem, AtomicLong> problems = new EnumMap<>(PushProblem.class);
    private final Map<Outcome, AtomicLong> outcomes = new EnumMap<>(Outcome.class);

    public PushCounters() {
        for (PushProblem p : PushProblem.values()) {
            problems.put(p, new AtomicLong());
        }
        for (Outcome o : Outcome.values()) {
            outcomes.put(o, new AtomicLong());
        }
    }

    void count(PushProblem p) {
        problems.get(p).incrementAndGet();
    }

    void count(Outcome o) {
        outcomes.get(o).incrementAndGet();
    }

    public long problems(PushProblem p) {
        return problems.get(p).get();
    }

    public long outcomes(Outcome o) {
        return outcomes.get(o).get();
    }

    @Override
    public String toString() {
        return "outcomes " + outcomes + ", problems " + problems;
    }
}
