package io.parkgate.simulator;

import io.parkgate.agent.device.camera.imaging.ImagingSource;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.config.CameraConfig;
import io.parkgate.config.CameraKind;
import io.parkgate.config.CardReaderConfig;
import io.parkgate.config.DisplayConfig;
import io.parkgate.config.IoControllerConfig;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.LaneDevices;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.TransportUri;
import io.parkgate.simulator.device.CardReaderSim;
import io.parkgate.simulator.device.DisplayModuleSim;
import io.parkgate.simulator.device.FramePush;
import io.parkgate.simulator.device.ImagingCameraSim;
import io.parkgate.simulator.device.IoControllerSim;
import io.parkgate.simulator.device.SmartCameraSim;
import io.parkgate.simulator.device.VendorCameraSim;
import io.parkgate.simulator.lane.LaneTiming;
import io.parkgate.simulator.lane.SimulatedLane;
import io.parkgate.simulator.report.EventLog;
import io.parkgate.simulator.time.Activity;
import io.parkgate.simulator.time.SimClock;
import io.parkgate.simulator.time.SimScheduler;
import io.parkgate.simulator.wire.ByteLink;
import io.parkgate.simulator.wire.LinkReceiver;
import io.parkgate.simulator.wire.PtyLink;
import io.parkgate.simulator.wire.TcpLink;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated hardware of a whole site, as a library: every lane's I/O controller, card reader
 * and smart camera served on TCP or pseudo-terminals as the site file says, simulated vehicles in
 * every lane, one {@link SimClock} for everything (hand it to agents in the same JVM), and the
 * event log and report. Nothing moves until {@link #startClock()}.
 */
public final class Simulator implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Simulator.class);
    /** Quiet time that ends a Modbus RTU frame on our links (TCP and ptys deliver in pieces). */
    private static final Duration FRAME_SILENCE = Duration.ofMillis(20);
    /** Where every simulated device and camera push comes from: this machine. */
    private static final String LOOPBACK = "127.0.0.1";

    private final SiteConfig site;
    private final SimulatorOptions options;
    private final SimClock clock;
    private final Activity activity = new Activity();
    private final SimScheduler scheduler;
    private final EventLog events = new EventLog();
    private final Map<String, LaneHardware> lanes = new LinkedHashMap<>();

    private Simulator(SiteConfig site, SimulatorOptions options) {
        this.site = site;
        this.options = options;
        this.clock = SimClock.startingAt(options.start(), site.zone(), 0);
        this.scheduler = new SimScheduler(clock, activity);
    }

    /**
     * Serves every lane's devices. The clock stays frozen until {@link #startClock()}, so agents can
     * connect first.
     *
     * @throws IOException when a port or pseudo-terminal cannot be set up; what has been opened is closed
     */
    public static Simulator create(SiteConfig site, SimulatorOptions options) throws IOException {
        double limit = maxSpeed(site);
        if (options.speed() > limit) {
            // The agents poll in real time: faster, and the car park would see a stale reading as the
            // agents' fault. Refuse rather than report violations that did not happen.
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "speed x%s is too fast for this site: its agents poll the loops every %d ms real time, which "
                            + "must stay within %d ms simulated; run at x%s or slower",
                    options.speed(), slowestPoll(site).toMillis(), SimulatorOptions.MAX_BLIND_TIME.toMillis(),
                    limit));
        }
        Simulator sim = new Simulator(site, options);
        try {
            Random seeds = new Random(options.seed());
            for (LaneConfig lane : site.lanes()) {
                sim.lanes.put(lane.id(), sim.buildLane(lane, seeds.nextLong()));
            }
        } catch (IOException | RuntimeException e) {
            sim.close();
            throw e;
        }
        return sim;
    }

    /** The fastest speed at which an agent's real-time poll still sees a car in time (see SimulatorOptions). */
    public static double maxSpeed(SiteConfig site) {
        return Math.floor(SimulatorOptions.MAX_BLIND_TIME.toMillis() * 10.0 / slowestPoll(site).toMillis()) / 10.0;
    }

    private static Duration slowestPoll(SiteConfig site) {
        return site.lanes().stream().map(l -> l.devices().io().pollInterval()).max(Duration::compareTo)
                .orElse(Duration.ofMillis(50));
    }

    private LaneHardware buildLane(LaneConfig cfg, long seed) throws IOException {
        Random random = new Random(seed);
        LaneDevices devices = cfg.devices();
        Map<LaneDevice, ByteLink> links = new EnumMap<>(LaneDevice.class);
        try {
            IoControllerConfig ioCfg = devices.io();
            IoControllerSim io = new IoControllerSim(cfg.id(), ioCfg.unitAddress(), options.armTravel(), scheduler,
                    events);
            links.put(LaneDevice.IO_CONTROLLER, link(cfg.id(), "io", ioCfg.transport(), io.slave()));
            CardReaderSim reader = null;
            CardReaderConfig cardCfg = devices.cardReader();
            if (cardCfg != null && cardCfg.transport() != null) {
                ByteLink l = link(cfg.id(), "card", cardCfg.transport(), LinkReceiver.IGNORE);
                links.put(LaneDevice.CARD_READER, l);
                reader = new CardReaderSim(cfg.id(), l::write, scheduler, events, new Random(random.nextLong()));
            }
            SmartCameraSim camera = null;
            CameraConfig camCfg = devices.camera();
            if (camCfg != null && camCfg.kind() == CameraKind.SMART && camCfg.transport() != null) {
                ByteLink l = link(cfg.id(), "camera", camCfg.transport(), LinkReceiver.IGNORE);
                links.put(LaneDevice.CAMERA, l);
                camera = new SmartCameraSim(cfg.id(), l::write, scheduler, events, new Random(random.nextLong()),
                        random.nextInt(65536));
            }
            ImagingCameraSim imaging = camCfg != null && camCfg.kind() == CameraKind.IMAGING
                    ? imagingCamera(cfg.id(), camCfg.imagingSource(), new Random(random.nextLong())) : null;
            DisplayConfig displayCfg = devices.display();
            DisplayModuleSim display = displayCfg == null ? null : new DisplayModuleSim(cfg.id(), scheduler, events);
            if (displayCfg != null && displayCfg.kind() == DisplayConfig.Kind.SERIAL) {
                links.put(LaneDevice.DISPLAY, link(cfg.id(), "display", displayCfg.transport(), display));
            }
            VendorCameraSim vendor = camCfg != null && camCfg.kind().pushes()
                    ? new VendorCameraSim(cfg.id(), camCfg.kind(), URI.create("http://127.0.0.1:"
                            + site.agents().framePort()), camCfg.username(), camCfg.password(),
                            displayCfg != null && displayCfg.kind() == DisplayConfig.Kind.CAMERA_SERIAL
                                    ? display : null,
                            camCfg.cameraRelay() ? () -> io.relayOpen("the camera's relay") : null,
                            scheduler, events, new Random(random.nextLong()), site.zone())
                    : null;
            SimulatedLane lane = new SimulatedLane(cfg.id(), cfg.direction(), io, reader, camera, imaging, vendor,
                    scheduler, events, new Random(random.nextLong()), LaneTiming.realistic());
            activity.register(lane::busy);
            lane.onPassage(p -> activity.changed());
            return new LaneHardware(lane, io, reader, camera, imaging, vendor, display, links);
        } catch (IOException | RuntimeException e) {
            links.values().forEach(ByteLink::close);
            throw e;
        }
    }

    /**
     * The lane's imaging camera: it POSTs to the agents' frame port on this machine, or uploads into the
     * configured directory. A stream camera is played as an HTTP-pushing one.
     */
    private ImagingCameraSim imagingCamera(String laneId, String configured, Random random) {
        ImagingSource source = ImagingSource.parse(configured);
        FramePush push;
        if (source instanceof ImagingSource.Directory d) {
            push = FramePush.directory(d.dir(), laneId);
        } else {
            if (source instanceof ImagingSource.Stream) {
                LOG.info("{}: stream camera {} is played as HTTP frame pushes (no video stream is simulated)",
                        laneId, configured);
            }
            push = FramePush.http(URI.create("http://" + LOOPBACK + ":" + site.agents().framePort() + "/lanes/"
                    + laneId + "/frames"));
        }
        return new ImagingCameraSim(laneId, push, scheduler, events, random);
    }

    private ByteLink link(String lane, String device, TransportUri configured, LinkReceiver receiver)
            throws IOException {
        String name = lane + "/" + device;
        if (configured.kind() == TransportUri.Kind.TCP) {
            int port = options.ephemeralPorts() ? 0 : configured.port();
            return new TcpLink(name, options.bindHost(), port, receiver, FRAME_SILENCE);
        }
        Path agentSide;
        if (options.ptyDir() != null) {
            Files.createDirectories(options.ptyDir());
            agentSide = options.ptyDir().resolve(lane + "-" + device);
        } else {
            agentSide = Path.of(configured.path());
            if (agentSide.getParent() != null) {
                Files.createDirectories(agentSide.getParent());
            }
        }
        Path simSide = agentSide.resolveSibling(agentSide.getFileName() + ".sim");
        return new PtyLink(name, simSide, agentSide, configured.baud(), receiver, FRAME_SILENCE);
    }

    /** Starts simulated time at the configured speed; idle stretches are skipped. */
    public void startClock() {
        clock.setSpeed(options.speed());
        scheduler.start();
    }

    /** Starts the vendor cameras' heartbeats and re-pushes: call once the agents' frame server listens. */
    public void startCameras() {
        lanes.values().stream().filter(h -> h.vendor() != null).forEach(h -> h.vendor().start());
    }

    public SiteConfig site() {
        return site;
    }

    public SimulatorOptions options() {
        return options;
    }

    /** The one clock of the simulated car park: give it to agents and central in the same JVM. */
    public SimClock clock() {
        return clock;
    }

    public SimScheduler scheduler() {
        return scheduler;
    }

    public Activity activity() {
        return activity;
    }

    public EventLog events() {
        return events;
    }

    public List<LaneHardware> lanes() {
        return List.copyOf(lanes.values());
    }

    /** @throws NoSuchElementException naming the known lanes */
    public LaneHardware lane(String id) {
        LaneHardware h = lanes.get(id);
        if (h == null) {
            throw new NoSuchElementException("no lane '" + id + "' in " + site.source() + "; lanes are "
                    + lanes.keySet());
        }
        return h;
    }

    /**
     * The site config as the agents must see it: every simulated device's transport replaced by
     * where the simulator actually serves it (free ports, pseudo-terminal paths).
     */
    public SiteConfig agentSiteConfig() {
        List<LaneConfig> rewritten = new ArrayList<>();
        for (LaneConfig l : site.lanes()) {
            LaneHardware h = lanes.get(l.id());
            LaneDevices d = l.devices();
            IoControllerConfig io = d.io();
            io = new IoControllerConfig(h.agentTransport(LaneDevice.IO_CONTROLLER).orElse(io.transport()),
                    io.unitAddress(), io.pollInterval(), io.pulseTime(), io.responseTimeout(), io.retries());
            CardReaderConfig card = d.cardReader();
            if (card != null) {
                card = new CardReaderConfig(h.agentTransport(LaneDevice.CARD_READER).orElse(card.transport()),
                        card.repeatWindow());
            }
            CameraConfig cam = d.camera();
            if (cam != null && cam.kind() == CameraKind.SMART) {
                cam = new CameraConfig(cam.kind(), h.agentTransport(LaneDevice.CAMERA).orElse(cam.transport()),
                        cam.imagingSource(), cam.minConfidence(), cam.frameSenders());
            } else if (cam != null && cam.kind() == CameraKind.IMAGING) {
                cam = simulatedImaging(cam);
            }
            DisplayConfig display = d.display();
            if (display != null && display.kind() == DisplayConfig.Kind.SERIAL) {
                display = new DisplayConfig(display.kind(), h.agentTransport(LaneDevice.DISPLAY)
                        .orElse(display.transport()), display.address(), display.serialChannel(), display.spaces(),
                        display.templates());
            }
            rewritten.add(new LaneConfig(l.id(), l.name(), l.direction(), l.post(),
                    new LaneDevices(io, card, cam, display), l.rules()));
        }
        return new SiteConfig(site.source(), site.siteId(), site.siteName(), rewritten, site.tariff(),
                site.exemptions(), site.central(), site.zone(), site.agents());
    }

    /**
     * What the agent must be told about an imaging camera the simulator plays: the simulated camera pushes
     * from this machine's loopback address, not from the lane network the site file allows, and a stream
     * camera is played as HTTP frame pushes (the simulator serves no video stream).
     */
    private static CameraConfig simulatedImaging(CameraConfig cam) {
        ImagingSource source = ImagingSource.parse(cam.imagingSource());
        if (source instanceof ImagingSource.Directory) {
            return cam;
        }
        return new CameraConfig(cam.kind(), cam.transport(), "http", cam.minConfidence(), List.of(LOOPBACK));
    }

    /** What happened so far, per lane. */
    public SimulationReport report() {
        return SimulationReport.of(lanes(), events.all(), site.zone());
    }

    @Override
    public void close() {
        scheduler.close();
        lanes.values().forEach(LaneHardware::close);
    }
}
