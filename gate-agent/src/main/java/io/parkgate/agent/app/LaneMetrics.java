package io.parkgate.agent.app;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.lane.LaneAction;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What one lane counts about itself, beside its devices ({@code MicrometerDeviceMetrics}): decisions by
 * code, identification→OPEN latency, and (registered by {@link GateAgent}) its uplink and registry. Every
 * tag value is the lane id (bounded by configuration) or an enum name, never a plate or a card.
 */
final class LaneMetrics implements LaneListener {

    static final String DECISIONS = "parking.lane.decisions";
    static final String OPEN_LATENCY = "parking.lane.open.latency";
    static final String OPENS = "parking.lane.opens";
    static final String UPLINK_STATE = "parking.uplink.state";
    static final String OUTBOX_DEPTH = "parking.uplink.outbox.depth";
    static final String OUTBOX_OLDEST = "parking.uplink.outbox.oldest.age";
    static final String REGISTRY_VERSION = "parking.registry.version";
    static final String REGISTRY_VEHICLES = "parking.registry.vehicles";
    static final String CLOCK_OFFSET = "parking.clock.offset";

    private final Map<DecisionCode, Counter> decisions = new EnumMap<>(DecisionCode.class);
    private final Counter opens;
    private final Timer openLatency;
    /** When the lane was last handed a card or plate (System.nanoTime), 0 when none is pending. */
    private final AtomicLong identifiedAt = new AtomicLong();
    private final Map<LaneDevice, DeviceState> devices = new java.util.concurrent.ConcurrentHashMap<>();

    LaneMetrics(MeterRegistry registry, String laneId) {
        for (DecisionCode code : DecisionCode.values()) {
            decisions.put(code, Counter.builder(DECISIONS).description("entry and exit decisions")
                    .tags("lane", laneId, "code", code.name()).register(registry));
        }
        opens = Counter.builder(OPENS).description("barrier OPEN pulses").tags("lane", laneId).register(registry);
        openLatency = Timer.builder(OPEN_LATENCY)
                .description("from a card or plate reaching the lane to the OPEN pulse being sent")
                .tags("lane", laneId)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry);
    }

    /** A card or plate was read at {@code nanos} ({@link System#nanoTime}): the clock for the OPEN latency starts. */
    void identified(long nanos) {
        identifiedAt.compareAndSet(0, nanos == 0 ? 1 : nanos);
    }

    @Override
    public void actions(LaneSnapshot snapshot, List<LaneAction> actions) {
        for (LaneAction action : actions) {
            if (action instanceof LaneAction.Decided d) {
                decisions.get(d.decision().code()).increment();
            } else if (action instanceof LaneAction.PulseOpen) {
                opens.increment();
                long since = identifiedAt.getAndSet(0);
                if (since != 0) {
                    openLatency.record(Duration.ofNanos(System.nanoTime() - since));
                }
            } else if (action instanceof LaneAction.Hold) {
                identifiedAt.set(0); // a held vehicle opens on a person's release, not on its read
            } else if (action instanceof LaneAction.VehiclePassed) {
                identifiedAt.set(0); // reads of the vehicle after its OPEN must not time the next one
            }
        }
    }

    @Override
    public void deviceState(LaneDevice device, DeviceState state, String detail) {
        devices.put(device, state); // gauged by MicrometerDeviceMetrics; kept here for readiness
    }

    /** The last state each of the lane's devices reported. */
    Map<LaneDevice, DeviceState> devices() {
        return Map.copyOf(devices);
    }

    /** Gauges read on scrape: the uplink's state and backlog, the registry's version and size. */
    static void gauges(MeterRegistry registry, String laneId, GateAgent agent) {
        Gauge.builder(UPLINK_STATE, agent, a -> a.uplinkState().metricValue())
                .description("uplink state (0 CONNECTING, 1 CONNECTED, 2 WAITING_FOR_RETRY, "
                        + "3 FAULT, 4 CLOSED)")
                .tags("lane", laneId).register(registry);
        Gauge.builder(OUTBOX_DEPTH, agent, GateAgent::uplinkBacklog)
                .description("lane events not yet confirmed by central").tags("lane", laneId).register(registry);
        Gauge.builder(OUTBOX_OLDEST, agent, a -> a.oldestUnconfirmedAge().toMillis() / 1000.0)
                .description("age in seconds of the oldest event central has not confirmed (0 when none)")
                .baseUnit("seconds").tags("lane", laneId).register(registry);
        Gauge.builder(REGISTRY_VERSION, agent, GateAgent::registryVersion)
                .description("version of the resident registry the lane decides with").tags("lane", laneId)
                .register(registry);
        Gauge.builder(REGISTRY_VEHICLES, agent, GateAgent::registryVehicleCount)
                .description("vehicles in the lane's registry").tags("lane", laneId).register(registry);
        Gauge.builder(CLOCK_OFFSET, agent, a -> {
            var c = a.clockOffset();
            return c == null ? Double.NaN : c.aheadSeconds();
        }).description("the lane PC's clock less central's at the last check (NaN before one)")
                .baseUnit("seconds").tags("lane", laneId).register(registry);
    }
}
