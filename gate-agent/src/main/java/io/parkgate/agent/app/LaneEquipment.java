package io.parkgate.agent.app;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.camera.SnapshotStore;
import io.parkgate.agent.device.camera.imaging.FrameServer;
import io.parkgate.agent.device.camera.push.PushedCamera;
import io.parkgate.agent.device.camera.push.SerialOutbox;
import io.parkgate.agent.device.display.CameraSerialDisplay;
import io.parkgate.agent.device.display.LaneDisplay;
import io.parkgate.agent.device.display.SerialLineDisplay;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.TransportFactory;
import io.parkgate.agent.feedback.DisplayFeed;
import io.parkgate.agent.feedback.FreeSpaces;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.registry.OpenStays;
import io.parkgate.config.CameraConfig;
import io.parkgate.config.DisplayConfig;
import io.parkgate.config.LaneConfig;
import io.parkgate.registry.Pass;
import io.parkgate.retry.Backoff;
import io.parkgate.schedule.Periodic;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A lane's vendor equipment, wired: a camera that pushes over HTTP (Zhenshi, Hikvision, Dahua) and the
 * display/voice module, on the camera's serial channel or its own line. Either may be absent.
 */
final class LaneEquipment implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LaneEquipment.class);
    /** How often an entry display's free-space count is checked for changes central pushed. */
    private static final java.time.Duration REFRESH = java.time.Duration.ofSeconds(2);

    private final String laneId;
    private final PushedCamera camera;
    private final boolean cameraRelay;
    private final SnapshotStore snapshots;
    private final FrameServer frames;
    private final LaneEventSink sink;
    private final LaneDisplay display;
    private final DisplayFeed feed;
    private final FreeSpaces spaces;
    private final java.util.concurrent.ScheduledExecutorService refresher;

    LaneEquipment(LaneConfig lane, Path dataDir, LaneEventSink sink, Clock clock, DeviceMetrics metrics,
                  FrameServer frames, TransportFactory transports,
                          Supplier<io.parkgate.agent.registry.Registry> registry,
                  OpenStays stays, FreeSpaces spaces) {
        this.laneId = lane.id();
        this.spaces = spaces;
        this.frames = frames;
        this.sink = sink;
        CameraConfig cam = lane.devices().camera();
        this.cameraRelay = cam != null && cam.cameraRelay();
        DisplayConfig shown = lane.devices().display();
        SerialOutbox outbox = shown != null && shown.kind() == DisplayConfig.Kind.CAMERA_SERIAL
                ? new SerialOutbox() : null;
        if (cam != null && cam.kind().pushes()) {
            this.snapshots = new SnapshotStore(dataDir, clock);
            this.camera = new PushedCamera(lane.id(), cam, dataDir, sink, clock, metrics, snapshots,
                    frames == null ? name -> snapshots.root().resolve(name).toUri().toString()
                            : name -> frames.snapshotUrl(lane.id(), name), outbox);
        } else {
            this.snapshots = null;
            this.camera = null;
        }
        if (shown == null) {
            this.display = null;
            this.feed = null;
        } else {
            this.display = outbox != null ? new CameraSerialDisplay(outbox, shown.serialChannel(), shown.address())
                    : new SerialLineDisplay(lane.id(), new DeviceConnection(LaneDevice.DISPLAY,
                            transports.opener(shown.transport()), Backoff.DEFAULT, sink, metrics), shown.address());
            this.feed = new DisplayFeed(lane.id(), lane.direction(), shown, display, clock,
                    plate -> registry.get().validPass(plate, clock.instant()).map(Pass::validUntil),
                    spaces == null ? () -> 0 : spaces::free,
                    id -> stays.byId(id).map(io.parkgate.agent.registry.OpenStay::entryTime));
        }
        this.refresher = feed == null || feed.freeSpaces() == null ? null
                : java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "display-count-" + lane.id());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** The lane's barrier: {@code io}, or the Zhenshi camera's relay for OPEN when the site file says so. */
    io.parkgate.agent.port.BarrierController barrier(io.parkgate.agent.port.BarrierController io) {
        return camera != null && cameraRelay ? new io.parkgate.agent.device.camera.push.CameraRelayBarrier(camera, io)
                : io;
    }

    /** {@code listener}, and the display watching the lane too. */
    LaneListener watch(LaneListener listener) {
        LaneListener counted = spaces == null ? listener : StatusReporter.both(listener, spaces);
        return feed == null ? counted : StatusReporter.both(counted, feed); // the count first: the feed shows it
    }

    void start() {
        if (camera != null) {
            camera.start();
            if (frames != null) {
                frames.register(camera, snapshots);
            } else {
                LOG.error("lane {}: its {} camera pushes to the agents' framePort, but this agent has no frame server",
                        laneId, camera.vendor());
                sink.deviceState(LaneDevice.CAMERA, DeviceState.FAULT, camera.vendor()
                        + " cameras push to agents.framePort, which this agent does not serve");
            }
        }
        if (feed != null) {
            feed.start();
        }
        if (refresher != null) {
            // other lanes' passages reach this lane as central's count: show it
            Periodic.every(refresher, REFRESH, REFRESH, LOG, "free-space display refresh", feed::refresh);
        }
    }

    /** The pushed camera, or null when the lane's camera does not push. */
    PushedCamera camera() {
        return camera;
    }

    @Override
    public void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        if (camera != null) {
            if (frames != null) {
                frames.unregister(laneId);
            }
            camera.close();
        }
        if (display != null) {
            display.close();
        }
    }
}
