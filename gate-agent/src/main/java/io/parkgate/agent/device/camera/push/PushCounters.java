package io.parkgate.agent.device.camera.push;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.PushOutcome;
import io.parkgate.config.CameraKind;
import io.parkgate.protocol.vendor.PushProblem;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One lane's counts of push problems and of what its pushes were, for tests, logs and the console; each count
 * also goes to the lane's {@link DeviceMetrics} (Prometheus: {@code parking_camera_pushes_total},
 * {@code parking_camera_push_problems_total}).
 */
public final class PushCounters {

    private final Map<PushProblem, AtomicLong> problems = new EnumMap<>(PushProblem.class);
    private final Map<PushOutcome, AtomicLong> outcomes = new EnumMap<>(PushOutcome.class);

    private final CameraKind vendor;
    private final DeviceMetrics metrics;

    /** Counts of a lane whose camera is a {@code vendor} one, reported to {@code metrics} too. */
    public PushCounters(CameraKind vendor, DeviceMetrics metrics) {
        this.vendor = vendor;
        this.metrics = metrics;
        metrics.pushingCamera(vendor);
        for (PushProblem p : PushProblem.values()) {
            problems.put(p, new AtomicLong());
        }
        for (PushOutcome o : PushOutcome.values()) {
            outcomes.put(o, new AtomicLong());
        }
    }

    void count(PushProblem p) {
        problems.get(p).incrementAndGet();
        metrics.pushProblem(vendor, p);
    }

    void count(PushOutcome o) {
        outcomes.get(o).incrementAndGet();
        metrics.push(vendor, o);
    }

    public long problems(PushProblem p) {
        return problems.get(p).get();
    }

    public long outcomes(PushOutcome o) {
        return outcomes.get(o).get();
    }

    @Override
    public String toString() {
        return "outcomes " + outcomes + ", problems " + problems;
    }
}
