package io.parkgate.agent.device.camera.imaging;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.camera.SnapshotStore;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.config.CameraConfig;
import io.parkgate.config.FrameSenders;
import io.parkgate.protocol.io.LaneInputs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One lane's imaging camera, assembled from its configuration: the recogniser worker
 * ({@link ImagingCameraDriver}), the source its frames come from (the process's {@link FrameServer},
 * a {@link DirectoryFrameSource} or a {@link StreamFrameSource}) and the lane's {@link SnapshotStore}.
 * It needs to know the arming loop: wrap the sink the lane's I/O controller reports to with
 * {@link #tap(LaneEventSink)}.
 */
public final class ImagingCamera implements AutoCloseable {

    private final String laneId;
    private final ImagingSource source;
    private final ImagingCameraDriver driver;
    private final SnapshotStore snapshots;
    private final FrameServer server;
    private final FrameSenders senders;
    private final DirectoryFrameSource directory;
    private final StreamFrameSource stream;

    /**
     * @param laneDir the lane's data directory (snapshots go under it)
     * @param server  the process's frame server, or null when {@code agents.framePort} is 0: then an
     *                {@code http} camera cannot receive frames (FAULT) and snapshot references are file URIs
     * @param readers makes the worker's recogniser ({@link FrameReader#recogniser()} in production)
     */
    public ImagingCamera(String laneId, CameraConfig config, Path laneDir, LaneEventSink sink, Clock clock,
                         DeviceMetrics metrics, FrameServer server, Supplier<FrameReader> readers) {
        this.laneId = Objects.requireNonNull(laneId, "laneId");
        this.source = ImagingSource.parse(config.imagingSource());
        this.server = server;
        this.senders = FrameSenders.of(config.frameSenders());
        this.snapshots = new SnapshotStore(laneDir, clock);
        Function<String, String> ref = server != null ? name -> server.snapshotUrl(laneId, name)
                : name -> snapshots.root().resolve(name).toUri().toString();
        this.driver = new ImagingCameraDriver(laneId, sink, clock, metrics, snapshots, ref, readers,
                ImagingCameraDriver.QUEUE_CAPACITY);
        this.directory = source instanceof ImagingSource.Directory d ? new DirectoryFrameSource(d.dir(), driver) : null;
        this.stream = source instanceof ImagingSource.Stream s ? new StreamFrameSource(s, driver) : null;
    }

    /** Starts the worker and the source; registers the lane with the frame server. */
    public void start() {
        driver.start();
        if (server != null) {
            server.register(laneId, source instanceof ImagingSource.Http ? driver : null, senders, describe(),
                    snapshots);
        } else if (source instanceof ImagingSource.Http) {
            driver.deviceState(DeviceState.FAULT, "imagingSource http needs the agent's frame server: set "
                    + "agents.framePort");
        }
        if (directory != null) {
            directory.start();
        }
        if (stream != null) {
            stream.start();
        }
    }

    public ImagingCameraDriver driver() {
        return driver;
    }

    public SnapshotStore snapshots() {
        return snapshots;
    }

    /** The sink the lane's I/O controller should report to: {@code lane}, watched for the arming loop. */
    public LaneEventSink tap(LaneEventSink lane) {
        return new LaneEventSink() {
            @Override
            public void inputs(LaneInputs inputs, Instant at) {
                if (stream != null) {
                    stream.armingLoop(inputs.armingLoop());
                }
                driver.armingLoop(inputs.armingLoop());
                lane.inputs(inputs, at);
            }

            @Override
            public void card(String cardNumber, Instant at) {
                lane.card(cardNumber, at);
            }

            @Override
            public void plate(PlateRead read, Instant at) {
                lane.plate(read, at);
            }

            @Override
            public void deviceState(LaneDevice device, DeviceState state, String detail) {
                lane.deviceState(device, state, detail);
            }
        };
    }

    private String describe() {
        if (source instanceof ImagingSource.Directory d) {
            return "dir:" + d.dir();
        }
        return source instanceof ImagingSource.Stream s ? s.url() : "http";
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
        if (directory != null) {
            directory.close();
        }
        if (server != null) {
            server.unregister(laneId);
        }
        driver.close();
    }
}
