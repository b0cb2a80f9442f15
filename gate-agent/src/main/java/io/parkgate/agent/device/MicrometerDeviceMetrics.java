package io.parkgate.agent.device;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parkgate.agent.device.DeviceMetrics.LprResult;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.config.CameraKind;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.modbus.ModbusFault;
import io.parkgate.protocol.vendor.PushProblem;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link DeviceMetrics} on a Micrometer registry. Tags: {@code lane} (bounded by configuration),
 * {@code device} ({@link LaneDevice}), {@code reason} ({@link RejectReason} or
 * {@link ModbusFault}), and for vendor-camera pushes {@code vendor} ({@link CameraKind}),
 * {@code outcome} ({@link PushOutcome}) and {@code problem} ({@link PushProblem}); never a plate.
 * Meters are registered up front (push meters once the lane's pushing camera is known) so the hot path only
 * increments.
 */
public final class MicrometerDeviceMetrics implements DeviceMetrics {

    public static final String FRAMES_REJECTED = "parking.device.frames.rejected";
    public static final String MODBUS_ERRORS = "parking.modbus.errors";
    public static final String MODBUS_RETRIES = "parking.modbus.retries";
    public static final String MODBUS_TRANSACTION = "parking.modbus.transaction";
    /** Guard readings (the loops before CLOSE) too old when their command could go: read again, or withheld. */
    public static final String MODBUS_GUARD_STALE = "parking.modbus.guard.stale";
    /** Gauge per device: the {@link DeviceState} ordinal (0 CONNECTING … 4 CLOSED). */
    public static final String DEVICE_STATE = "parking.device.state";
    public static final String PLATE_REPORTS_LOST = "parking.camera.reports.lost";
    public static final String DELIVERED = "parking.device.events";
    public static final String FRAMES_DROPPED = "parking.camera.frames.dropped";
    /** Readable vendor-camera pushes by what became of them; tags lane, vendor, outcome. */
    public static final String PUSHES = "parking.camera.pushes";
    /** Vendor-camera pushes refused or used in part; tags lane, vendor, problem. */
    public static final String PUSH_PROBLEMS = "parking.camera.push.problems";
    /** Time the agent's plate recognition took per frame, tagged with its {@link LprResult}. */
    public static final String LPR = "parking.lpr.duration";

    public static final String TAG_LANE = "lane";
    public static final String TAG_DEVICE = "device";
    public static final String TAG_REASON = "reason";
    public static final String TAG_VENDOR = "vendor";
    public static final String TAG_OUTCOME = "outcome";
    public static final String TAG_PROBLEM = "problem";

    private final Map<LaneDevice, Map<RejectReason, Counter>> rejected = new EnumMap<>(LaneDevice.class);
    private final Map<ModbusFault, Counter> modbusErrors = new EnumMap<>(ModbusFault.class);
    private final Map<LaneDevice, AtomicInteger> states = new EnumMap<>(LaneDevice.class);
    private final Map<LaneDevice, Counter> delivered = new EnumMap<>(LaneDevice.class);
    private final Map<LaneDevice, Counter> framesDropped = new EnumMap<>(LaneDevice.class);
    private final Map<CameraKind, Map<PushOutcome, Counter>> pushes =
            java.util.Collections.synchronizedMap(new EnumMap<>(CameraKind.class));
    private final Map<CameraKind, Map<PushProblem, Counter>> pushProblems =
            java.util.Collections.synchronizedMap(new EnumMap<>(CameraKind.class));
    private final MeterRegistry registry;
    private final String laneId;
    private final Counter retries;
    private final Counter guardStale;
    private final Counter reportsLost;
    private final Timer transactions;
    private final Map<LprResult, Timer> lpr = new EnumMap<>(LprResult.class);

    public MicrometerDeviceMetrics(MeterRegistry registry, String laneId) {
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(laneId, "laneId");
        this.registry = registry;
        this.laneId = laneId;
        for (LaneDevice device : LaneDevice.values()) {
            Map<RejectReason, Counter> byReason = new EnumMap<>(RejectReason.class);
            for (RejectReason reason : RejectReason.values()) {
                byReason.put(reason, Counter.builder(FRAMES_REJECTED)
                        .description("frames or byte runs dropped by a decoder")
                        .tags(TAG_LANE, laneId, TAG_DEVICE, device.name(), TAG_REASON, reason.name())
                        .register(registry));
            }
            rejected.put(device, byReason);
            AtomicInteger state = new AtomicInteger(DeviceState.CONNECTING.metricValue());
            states.put(device, state);
            Gauge.builder(DEVICE_STATE, state, AtomicInteger::get)
                    .description("device connection state (DeviceState ordinal)")
                    .tags(TAG_LANE, laneId, TAG_DEVICE, device.name())
                    .register(registry);
            delivered.put(device, Counter.builder(DELIVERED)
                    .description("card presentations and plate reports delivered to the lane")
                    .tags(TAG_LANE, laneId, TAG_DEVICE, device.name())
                    .register(registry));
            framesDropped.put(device, Counter.builder(FRAMES_DROPPED)
                    .description("imaging-camera frames dropped unread because a burst outran the recogniser")
                    .tags(TAG_LANE, laneId, TAG_DEVICE, device.name())
                    .register(registry));
        }
        for (ModbusFault kind : ModbusFault.values()) {
            modbusErrors.put(kind, Counter.builder(MODBUS_ERRORS)
                    .description("failed Modbus transaction attempts")
                    .tags(TAG_LANE, laneId, TAG_REASON, kind.name())
                    .register(registry));
        }
        retries = Counter.builder(MODBUS_RETRIES).tags(TAG_LANE, laneId).register(registry);
        guardStale = Counter.builder(MODBUS_GUARD_STALE)
                .description("loop readings before CLOSE too old when it could go: read again or withheld")
                .tags(TAG_LANE, laneId).register(registry);
        reportsLost = Counter.builder(PLATE_REPORTS_LOST).tags(TAG_LANE, laneId).register(registry);
        transactions = Timer.builder(MODBUS_TRANSACTION).tags(TAG_LANE, laneId).register(registry);
        for (LprResult result : LprResult.values()) {
            lpr.put(result, Timer.builder(LPR).description("plate recognition of one imaging-camera frame")
                    .tags(TAG_LANE, laneId, "result", result.name()).register(registry));
        }
    }

    @Override
    public void recognition(Duration elapsed, LprResult result) {
        lpr.get(result).record(elapsed);
    }

    @Override
    public void frameRejected(LaneDevice device, RejectReason reason) {
        rejected.get(device).get(reason).increment();
    }

    @Override
    public void modbusError(ModbusFault kind) {
        modbusErrors.get(kind).increment();
    }

    @Override
    public void modbusRetry() {
        retries.increment();
    }

    @Override
    public void guardReadStale() {
        guardStale.increment();
    }

    @Override
    public void modbusTransaction(Duration elapsed) {
        transactions.record(elapsed);
    }

    @Override
    public void deviceState(LaneDevice device, DeviceState state) {
        states.get(device).set(state.metricValue());
    }

    @Override
    public void plateReportsLost(int lost) {
        reportsLost.increment(lost);
    }

    @Override
    public void delivered(LaneDevice device) {
        delivered.get(device).increment();
    }

    @Override
    public void framesDropped(LaneDevice device, int count) {
        framesDropped.get(device).increment(count);
    }

    /** Registers the vendor's push meters (a lane has one camera: at most one vendor's set). */
    @Override
    public void pushingCamera(CameraKind vendor) {
        pushes.computeIfAbsent(vendor, v -> {
            Map<PushOutcome, Counter> byOutcome = new EnumMap<>(PushOutcome.class);
            for (PushOutcome o : PushOutcome.values()) {
                byOutcome.put(o, Counter.builder(PUSHES)
                        .description("readable camera pushes by what became of them")
                        .tags(TAG_LANE, laneId, TAG_VENDOR, v.name(), TAG_OUTCOME, o.name()).register(registry));
            }
            return byOutcome;
        });
        pushProblems.computeIfAbsent(vendor, v -> {
            Map<PushProblem, Counter> byProblem = new EnumMap<>(PushProblem.class);
            for (PushProblem p : PushProblem.values()) {
                byProblem.put(p, Counter.builder(PUSH_PROBLEMS)
                        .description("camera pushes refused (bad, too large, not allowed) or used in part")
                        .tags(TAG_LANE, laneId, TAG_VENDOR, v.name(), TAG_PROBLEM, p.name()).register(registry));
            }
            return byProblem;
        });
    }

    @Override
    public void push(CameraKind vendor, PushOutcome outcome) {
        pushingCamera(vendor);
        pushes.get(vendor).get(outcome).increment();
    }

    @Override
    public void pushProblem(CameraKind vendor, PushProblem problem) {
        pushingCamera(vendor);
        pushProblems.get(vendor).get(problem).increment();
    }
}
