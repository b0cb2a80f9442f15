package io.parkgate.agent.app;

import io.micrometer.core.instrument.MeterRegistry;
import io.parkgate.agent.decision.DecisionEngine;
import io.parkgate.agent.decision.LaneContext;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.MicrometerDeviceMetrics;
import io.parkgate.agent.device.camera.SmartCameraDriver;
import io.parkgate.agent.device.camera.imaging.FrameReader;
import io.parkgate.agent.device.camera.imaging.FrameServer;
import io.parkgate.agent.device.camera.imaging.ImagingCamera;
import io.parkgate.agent.device.card.CardReaderDriver;
import io.parkgate.agent.device.io.LaneIoController;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.TransportFactory;
import io.parkgate.agent.feedback.FreeSpaces;
import io.parkgate.agent.lane.LaneInbox;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneRuntime;
import io.parkgate.agent.lane.LaneStateMachine;
import io.parkgate.agent.lane.VehicleVisit;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.agent.registry.OpenStay;
import io.parkgate.agent.registry.OpenStays;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.agent.store.PassageRecord;
import io.parkgate.agent.uplink.LaneUplink;
import io.parkgate.agent.uplink.Outbox;
import io.parkgate.agent.uplink.SpaceSink;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.config.CameraKind;
import io.parkgate.config.Direction;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.TransportUri;
import io.parkgate.lpr.LaneRegion;
import io.parkgate.retry.Backoff;
import io.parkgate.schedule.Periodic;
import io.parkgate.tariff.TariffEngine;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.LaneStatus;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane's gate agent, wired: its store, registry, open stays, decision engine, state machine and
 * runtime, its device drivers, and (when configured) its uplink to central. Only wiring lives here;
 * every decision is in the packages it wires.
 */
public final class GateAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GateAgent.class);
    private static final Duration CHECKPOINT_EVERY = Duration.ofMinutes(1);
    private static final Duration PRUNE_SNAPSHOTS_EVERY = Duration.ofHours(24);

    /**
     * @param dataDir  the lane's own directory (its SQLite files live here)
     * @param uplink   how to reach central, or null to run alone
     * @param listener observes the lane (console, simulator printout)
     * @param frames   the process's frame server for imaging cameras (one for all its lanes), or null
     * @param meters   where the lane's meters ({@code parking.*}) are registered, or null to count nothing
     *                 (then {@code metrics} counts the devices)
     * @param warmUpCars made-up cars driven through the lane's code before its devices start ({@link LaneWarmUp}),
     *                 0 for none
     * @param monotonicNanos a count that only real time moves, beside the clock the lane is given:
     *                 {@link System#nanoTime} for the PC's own clock, so that the lane's waits keep their length
     *                 when that clock is stepped ({@link LaneRuntime}); null for any other
     *                 clock (the demo's accelerated one, a test's), whose steps are then taken as time passing
     */
    public record Options(Path dataDir, UplinkConfig uplink, DeviceMetrics metrics, LaneListener listener,
                          FrameServer frames, MeterRegistry meters, int warmUpCars, LongSupplier monotonicNanos) {

        /**
         * No warm-up, and the lane's waits kept by the clock it is given: for the demo car park and tests, which
         * start many lanes in one JVM on a clock of their own.
         */
        public Options(Path dataDir, UplinkConfig uplink, DeviceMetrics metrics, LaneListener listener,
                       FrameServer frames, MeterRegistry meters) {
            this(dataDir, uplink, metrics, listener, frames, meters, 0, null);
        }

        /** Devices counted by {@code metrics}, nothing else counted. */
        public Options(Path dataDir, UplinkConfig uplink, DeviceMetrics metrics, LaneListener listener,
                       FrameServer frames) {
            this(dataDir, uplink, metrics, listener, frames, null);
        }

        /** Without a frame server: smart cameras, and imaging cameras fed by a directory or a stream. */
        public Options(Path dataDir, UplinkConfig uplink, DeviceMetrics metrics, LaneListener listener) {
            this(dataDir, uplink, metrics, listener, null);
        }
    }

    private final LaneConfig lane;
    private final AgentStore store;
    private final RegistryHolder registry;
    private final OpenStays stays;
    private final LaneRuntime runtime;
    private final LaneUplink uplink;
    private final ExecutorService publisher;
    private final ScheduledExecutorService housekeeping;
    private final List<AutoCloseable> devices = new ArrayList<>();
    private final ImagingCamera imaging;
    private final LaneEquipment equipment;
    private final Clock clock;
    private final LaneMetrics laneMetrics;
    private final LaneOrders orders;
    private final int warmUpOpenings;

    private GateAgent(SiteConfig site, LaneConfig lane, Clock clock, Options options) {
        this.lane = lane;
        this.clock = clock;
        Path laneDir = LaneDataDir.prepare(options.dataDir(), lane.id());
        this.store = AgentStore.openIn(laneDir, lane.id(), clock);
        this.registry = new RegistryHolder(lane.id(), store);
        this.stays = OpenStays.of(store.openStays().stream()
                .map(s -> new OpenStay(s.entryEventId(), s.plate(), s.card(), s.entryTime(), s.entryLaneId(),
                        s.payer(), null))
                .toList());

        TariffEngine tariff = new TariffEngine(site.tariff(), site.zone());
        DecisionEngine engine = new DecisionEngine();
        java.util.function.Function<OpenStays, LaneStateMachine.Decider> deciderFor = inside -> {
            LaneContext context = new LaneContext(registry.current(), inside, lane.rules(), site.exemptions(),
                    lane.rules().flatFeeNoEntryRecordFen(), tariff::quote, site.zone());
            return new LaneStateMachine.Decider() {
                @Override
                public io.parkgate.agent.decision.Decision decide(io.parkgate.agent.port.PlateRead plate,
                                                                  String card, java.time.Instant now) {
                    return engine.decide(lane.direction(), context.withRegistry(registry.current()), plate, card,
                            now);
                }

                @Override
                public io.parkgate.agent.decision.Decision afterRelease(io.parkgate.agent.decision.Decision held,
                                                                        java.time.Instant now) {
                    return engine.decideAfterRelease(lane.direction(), context.withRegistry(registry.current()),
                            held, now);
                }
            };
        };
        this.warmUpOpenings = options.warmUpCars() > 0
                ? warmUp(lane, deciderFor, laneDir.resolve("warm-up"), options.warmUpCars(), site.zone()) : 0;
        LaneStateMachine.Settings settings = settings(lane);
        LaneStateMachine machine = new LaneStateMachine(settings, deciderFor.apply(stays),
                priorOpening(store, lane.id(), clock, settings.abandonedOpening()));

        // Built in dependency order. The two cycles (drivers deliver to the lane, the lane drives the barrier
        // driver; the lane reports to central, central orders the lane) go through queues built first: the
        // lane's inbox and central's orders.
        this.publisher = Executors.newSingleThreadExecutor(daemon("uplink-out-" + lane.id()));
        CentralOrders orders = new CentralOrders();
        FreeSpaces freeSpaces = FreeSpaces.of(lane, stays::size); // null unless an entry display shows the count
        this.uplink = options.uplink() == null ? null
                : new LaneUplink(options.uplink(), clock, Outbox.open(options.uplink().dataDir(), clock), registry,
                        orders, orders, new RelayedStays(lane.id(), store, stays),
                        freeSpaces == null ? SpaceSink.IGNORE : freeSpaces::central);
        Consumer<LaneEvent> toCentral = e -> publisher.execute(() -> report(e));
        LaneJournal journal = new LaneJournal(lane.id(), lane.direction(), store, stays, toCentral, clock);
        if (uplink != null) {
            // Those a stop left pending, registered on opening, and those recorded whose event missed the outbox.
            List<PassageRecord> passages = store.unreportedPassages();
            List<LaneEvent> events = store.unreportedEvents();
            if (!passages.isEmpty() || !events.isEmpty()) {
                LOG.info("lane {}: {} passage(s) and {} other event(s) recorded but not yet handed to central, "
                        + "sent now: {} {}", lane.id(), passages.size(), events.size(),
                        passages.stream().map(PassageRecord::eventId).toList(),
                        events.stream().map(e -> e.type() + " " + e.eventId()).toList());
            }
            journal.reportRecovered(passages, events);
        }

        this.laneMetrics = options.meters() == null ? null : new LaneMetrics(options.meters(), lane.id());
        DeviceMetrics deviceMetrics = options.meters() == null ? options.metrics()
                : new MicrometerDeviceMetrics(options.meters(), lane.id());
        LaneInbox inbox = laneMetrics == null ? new LaneInbox() : new LaneInbox(laneMetrics::identified);
        TransportFactory transports = new TransportFactory();
        this.imaging = lane.devices().camera() != null && lane.devices().camera().kind() == CameraKind.IMAGING
                ? new ImagingCamera(lane.id(), lane.devices().camera(), options.dataDir(), inbox, clock,
                        deviceMetrics, options.frames(),
                        () -> FrameReader.recogniser(LaneRegion.parse(lane.devices().camera().region())))
                : null;
        // An imaging camera watches the arming loop: frames pushed on its trigger may show a plateless vehicle.
        LaneEventSink ioSink = imaging == null ? inbox : imaging.tap(inbox);
        this.equipment = new LaneEquipment(lane, options.dataDir(), inbox, clock, deviceMetrics, options.frames(),
                transports, registry::current, stays, freeSpaces);
        DeviceConnection ioLink = new DeviceConnection(LaneDevice.IO_CONTROLLER,
                transports.opener(lane.devices().io().transport()), Backoff.DEFAULT, ioSink, deviceMetrics);
        LaneIoController io = new LaneIoController(lane.devices().io(), baud(lane.devices().io().transport(), 9600),
                ioLink, ioSink, clock, deviceMetrics);
        devices.add(io);
        LaneListener observers = laneMetrics == null ? options.listener()
                : StatusReporter.both(options.listener(), laneMetrics);
        LaneListener listener = uplink == null ? observers : StatusReporter.both(StatusReporter.both(observers,
                new StatusReporter(lane.id(), status -> publisher.execute(() -> uplink.updateStatus(status)))),
                clockRecheck(uplink));
        this.runtime = new LaneRuntime(lane.id(), LaneRuntime.storyOf(lane.id()), clock,
                options.monotonicNanos(), machine, journal, equipment.barrier(io), equipment.watch(listener), inbox);
        this.orders = new LaneOrders(lane.id(), orders, journal, runtime, new Prepayments(lane.id(), stays, runtime,
                clock), clock);
        if (lane.devices().cardReader() != null) {
            DeviceConnection cardLink = new DeviceConnection(LaneDevice.CARD_READER,
                    transports.pumpedOpener(lane.devices().cardReader().transport()), Backoff.DEFAULT, inbox,
                    deviceMetrics);
            CardReaderDriver card = new CardReaderDriver(cardLink, lane.devices().cardReader().repeatWindow(), inbox,
                    clock, deviceMetrics);
            devices.add(card);
        }
        if (lane.devices().camera() != null && lane.devices().camera().kind() == CameraKind.SMART) {
            DeviceConnection cameraLink = new DeviceConnection(LaneDevice.CAMERA,
                    transports.pumpedOpener(lane.devices().camera().transport()), Backoff.DEFAULT, inbox,
                    deviceMetrics);
            devices.add(new SmartCameraDriver(cameraLink, inbox, clock, deviceMetrics));
        }
        if (imaging != null) {
            devices.add(imaging);
        }
        devices.add(equipment);
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(daemon("housekeeping-" + lane.id()));
        if (options.meters() != null) {
            LaneMetrics.gauges(options.meters(), lane.id(), this);
        }
    }

    /**
     * Hands an event to the outbox, on the publisher thread. The lane store keeps each event noted as unreported
     * until the outbox holds it, so one that misses it (a stop, a full disk) is sent after the next start. Without
     * central an event is reported to no one, and its note goes at once.
     */
    private void report(LaneEvent e) {
        try {
            if (uplink != null) {
                uplink.publish(e);
            }
            store.reported(e.eventId());
        } catch (RuntimeException failure) {
            LOG.error("lane {}: {} {} not handed to central: {}; the lane store keeps it and the next start sends it",
                    lane.id(), e.type(), e.eventId(), failure.getMessage());
        }
    }

    /** Builds and starts the lane's agent; devices connect (and reconnect) in the background. */
    public static GateAgent start(SiteConfig site, LaneConfig lane, Clock clock, Options options) {
        GateAgent agent = new GateAgent(site, lane, clock, options);
        agent.runtime.start();
        agent.orders.start();
        for (AutoCloseable device : agent.devices) {
            if (device instanceof LaneIoController io) {
                io.start();
            } else if (device instanceof CardReaderDriver card) {
                card.start();
            } else if (device instanceof SmartCameraDriver camera) {
                camera.start();
            } else if (device instanceof ImagingCamera camera) {
                camera.start();
            } else if (device instanceof LaneEquipment equipment) {
                equipment.start();
            }
        }
        if (agent.uplink != null) {
            agent.uplink.start();
        }
        Periodic.every(agent.housekeeping, CHECKPOINT_EVERY, CHECKPOINT_EVERY, LOG,
                "lane " + lane.id() + ": journal checkpoint", agent.store::checkpoint);
        if (agent.imaging != null) {
            Periodic.every(agent.housekeeping, Duration.ZERO, PRUNE_SNAPSHOTS_EVERY, LOG,
                    "lane " + lane.id() + ": snapshot pruning", agent.imaging.snapshots()::prune);
        }
        LOG.info("gate agent for lane {} ({} {}) started, {} open stays", lane.id(), lane.direction(), lane.name(),
                agent.stays.size());
        return agent;
    }

    public LaneRuntime runtime() {
        return runtime;
    }

    public AgentStore store() {
        return store;
    }

    public LaneConfig lane() {
        return lane;
    }

    /** The lane's imaging camera, or null when its camera is smart or it has none. */
    public ImagingCamera imagingCamera() {
        return imaging;
    }

    /** The lane's vendor camera that pushes over HTTP, or null when its camera does not push. */
    public io.parkgate.agent.device.camera.push.PushedCamera pushedCamera() {
        return equipment.camera();
    }

    /** Replaces the registry (persisted first), e.g. when seeded without central. */
    public void loadRegistry(io.parkgate.registry.RegistrySnapshot snapshot) {
        registry.snapshot(snapshot);
    }

    /** Events journalled for central and not yet acknowledged by it (0 without an uplink). */
    public long uplinkBacklog() {
        return uplink == null ? 0 : uplink.unconfirmed();
    }

    /** How far this PC's clock was from central's at the last check; null before one, or without central. */
    public LaneStatus.ClockOffset clockOffset() {
        return uplink == null ? null : uplink.clockOffset();
    }

    /** The uplink's state; CLOSED for a lane run without central. */
    public DeviceState uplinkState() {
        return uplink == null ? DeviceState.CLOSED : uplink.state();
    }

    /** How long the oldest event central has not confirmed has waited (zero when none waits). */
    public Duration oldestUnconfirmedAge() {
        java.time.Instant oldest = uplink == null ? null : uplink.oldestUnconfirmed();
        return oldest == null ? Duration.ZERO : Duration.between(oldest, clock.instant()).abs();
    }

    /** Version of the registry the lane decides with (0: never received nor seeded). */
    public long registryVersion() {
        return registry.current().version();
    }

    /**
     * What {@code /ready} reports: the store is open (the agent would not exist otherwise), the uplink state
     * and each device's last state. Ready when central is reachable (or not used) and every device connected.
     */
    public Readiness readiness() {
        java.util.Map<io.parkgate.agent.port.LaneDevice, DeviceState> devices = laneMetrics == null
                ? java.util.Map.of() : laneMetrics.devices();
        DeviceState link = uplinkState();
        boolean ready = (uplink == null || link == DeviceState.CONNECTED)
                && devices.values().stream().allMatch(s -> s == DeviceState.CONNECTED);
        return new Readiness(lane.id(), ready, link, devices, registryVersion());
    }

    /** A lane's readiness, as {@code /ready} shows it. */
    public record Readiness(String laneId, boolean ready, DeviceState uplink,
                            java.util.Map<io.parkgate.agent.port.LaneDevice, DeviceState> devices,
                            long registryVersion) {
    }

    /** The uplink, or null for a lane run without central (for the service's start-up checks). */
    public LaneUplink uplink() {
        return uplink;
    }

    /** Number of vehicles in the registry the lane decides with now. */
    public int registryVehicleCount() {
        return registry.current().vehicleCount();
    }

    /**
     * The lane's last passage journalled no longer ago than an opening waits for its vehicle: the previous process
     * may have stopped while that vehicle was under the raised arm. Found here, it crosses without a tailgating alarm.
     */
    static Optional<LaneStateMachine.PriorOpening> priorOpening(AgentStore store, String laneId, Clock clock,
                                                                Duration within) {
        Instant now = clock.instant();
        List<PassageRecord> recent = store.passagesBetween(now.minus(within), now.plus(within)).stream()
                .filter(r -> r.laneId().equals(laneId))
                .toList();
        if (recent.isEmpty()) {
            return Optional.empty();
        }
        PassageRecord last = recent.get(recent.size() - 1);
        Instant at = last.direction() == Direction.IN ? last.entryTime() : last.exitTime();
        PlateRead plate = last.plate() == null ? null : new PlateRead(last.plate(), null, 100, last.snapshotRef());
        LOG.info("lane {}: last opening before this start {} {} at {}: its vehicle, found crossing at the first "
                + "reading, passes", laneId, last.eventId(), last.plate() == null ? "(no plate)" : last.plate(), at);
        return Optional.of(new LaneStateMachine.PriorOpening(
                new VehicleVisit(last.eventId(), at, plate, last.card()), at));
    }

    /** A step of the PC's clock is measured against central's at once, not at the next reconnect. */
    private static LaneListener clockRecheck(LaneUplink uplink) {
        return new LaneListener() {
            @Override
            public void clockStepped(Duration step) {
                uplink.recheckClock();
            }
        };
    }

    private static LaneStateMachine.Settings settings(LaneConfig lane) {
        boolean camera = lane.devices().camera() != null;
        return new LaneStateMachine.Settings(lane.rules().identificationWindow(), camera,
                lane.devices().cardReader() != null, camera ? lane.devices().camera().minConfidence() : 0,
                Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /**
     * Before any device: a failed warm-up costs the first cars some speed, never the lane's start. The scratch
     * store of a warm-up cut short by a kill is deleted here first.
     */
    private int warmUp(LaneConfig lane, java.util.function.Function<OpenStays, LaneStateMachine.Decider> deciderFor,
                       Path scratch, int cars, java.time.ZoneId zone) {
        try {
            LaneWarmUp.Outcome done = LaneWarmUp.run(lane.id(), lane.direction(), settings(lane), deciderFor,
                    registry.current().snapshot(), zone, scratch, cars);
            LOG.info("lane {}: {}", lane.id(), done.describe());
            return done.opened();
        } catch (RuntimeException e) {
            LOG.warn("lane {}: warm-up failed, the first cars are decided by slower code: {}", lane.id(),
                    e.toString());
            return 0;
        }
    }

    /** How many of the start-up warm-up's made-up cars its still barrier opened for (0 when none ran). */
    public int warmUpOpenings() {
        return warmUpOpenings;
    }

    private static int baud(TransportUri uri, int fallback) {
        return uri.kind() == TransportUri.Kind.SERIAL ? uri.baud() : fallback;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        for (AutoCloseable device : devices) {
            try {
                device.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed", device, e);
            }
        }
        orders.close();
        runtime.close();
        housekeeping.shutdownNow();
        publisher.shutdown();
        try {
            // A checkpoint or pruning under way finishes before the store closes under it.
            housekeeping.awaitTermination(2, TimeUnit.SECONDS);
            publisher.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (uplink != null) {
            uplink.close();
        }
        store.close();
    }
}
