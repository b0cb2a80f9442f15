package io.parkgate.agent.app;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.camera.imaging.FrameServer;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.config.CameraKind;
import io.parkgate.config.ConfigException;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.vertx.core.Vertx;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the gate agent of one lane: {@code AgentMain --site site.yaml --lane north-in [--data DIR]
 * [--frame-host HOST]}. An imaging lane with {@code agents.framePort} set gets the frame server on that
 * port (all interfaces); snapshot URLs name {@code --frame-host} (default: this machine's host name).
 * Configuration errors are printed as the loader words them (file, key, line, expectation) and the
 * process exits with status 2; it never starts half-configured.
 */
public final class AgentMain {

    private AgentMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        String site = null;
        String laneId = null;
        String data = null;
        String frameHost = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--site" -> site = value;
                case "--lane" -> laneId = value;
                case "--data" -> data = value;
                case "--frame-host" -> frameHost = value;
                case "--help", "-h" -> usage(0, null);
                default -> usage(2, "unknown argument '" + args[i] + "'");
            }
            i++;
        }
        if (site == null || laneId == null) {
            usage(2, "--site and --lane are required");
        }
        SiteConfig config;
        try {
            config = SiteConfigLoader.load(Path.of(site));
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String wanted = laneId;
        LaneConfig lane = config.lane(laneId).orElse(null);
        if (lane == null) {
            System.err.println(site + ": no lane '" + wanted + "'; lanes are "
                    + config.lanes().stream().map(LaneConfig::id).toList());
            System.exit(2);
            return;
        }
        Path dataDir = data != null ? Path.of(data) : config.agents().dataDir(lane.id());
        boolean imaging = lane.devices().camera() != null && (lane.devices().camera().kind() == CameraKind.IMAGING
                || lane.devices().camera().kind().pushes()); // vendor cameras push to the same frame server
        Vertx vertx = null;
        FrameServer frames = null;
        if (imaging && config.agents().framePort() > 0) {
            vertx = Vertx.vertx();
            try {
                frames = FrameServer.start(vertx, "0.0.0.0", config.agents().framePort(),
                        frameHost != null ? frameHost : localHostName());
            } catch (IllegalStateException e) {
                System.err.println(e.getMessage());
                System.exit(2);
                return;
            }
        }
        GateAgent agent = GateAgent.start(config, lane, Clock.system(config.zone()),
                new GateAgent.Options(dataDir, null, DeviceMetrics.NOOP, LaneListener.NONE, frames));
        CountDownLatch stopped = new CountDownLatch(1);
        FrameServer server = frames;
        Vertx vx = vertx;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            agent.close();
            if (server != null) {
                server.close();
                vx.close();
            }
            stopped.countDown();
        }, "agent-shutdown"));
        System.out.println("READY " + lane.id());
        stopped.await();
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static void usage(int status, String problem) {
        if (problem != null) {
            System.err.println(problem);
        }
        System.err.println("usage: AgentMain --site SITE.yaml --lane LANE_ID [--data DATA_DIR] [--frame-host HOST]");
        System.exit(status);
    }
}
