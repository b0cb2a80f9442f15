package io.parkgate.agent.device.io;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.card.CardReaderDriver;
import io.parkgate.agent.device.transport.ByteLink;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.SerialByteLink;
import io.parkgate.agent.device.transport.TransportFactory;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.agent.testing.PseudoTerminalPair;
import io.parkgate.agent.testing.RecordingLaneEventSink;
import io.parkgate.config.IoControllerConfig;
import io.parkgate.config.TransportUri;
import io.parkgate.protocol.card.Em4100;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.retry.Backoff;
import io.parkgate.testing.Await;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device side of the lane budget (docs/protocols.md "Timing budget"): last byte of a card frame
 * written on one pseudo-terminal → first byte of OPEN seen on another, with the I/O controller
 * being polled every 50 ms at 9600 baud, and a stand-in lane that opens for every card at once.
 */
class OpenLatencyIT {

    private static final Logger LOG = LoggerFactory.getLogger(OpenLatencyIT.class);
    private static final int WARM_UP = 30;
    private static final int PRESENTATIONS = 200;
    private static final long BUDGET_NANOS = Duration.ofMillis(5).toNanos();
    /**
     * The budget is 5 ms at p99 on one quiet core. Speed is measured by the benchmark
     * (docs/benchmarks.md), not asserted in the build, whose machine runs other work: by default this
     * test checks that every card frame gets its OPEN frame and logs the figures;
     * {@code -Dparkgate.latency.strict=true} also asserts p50 and p99 within budget, on a quiet machine.
     */
    private static final boolean STRICT = Boolean.getBoolean("parkgate.latency.strict");

    @TempDir
    Path dir;

    /** Verifies that every card frame gets its OPEN frame while polls run, and logs the latency (asserted when strict).
     * */
    @Test
    void openFollowsCardFrameWithinBudget() throws Exception {
        Path cardDir = Files.createDirectory(dir.resolve("card"));
        Path ioDir = Files.createDirectory(dir.resolve("io"));
        AtomicReference<LaneIoController> controller = new AtomicReference<>();
        RecordingLaneEventSink states = new RecordingLaneEventSink();
        LaneEventSink lane = new LaneEventSink() {
            @Override
            public void card(String cardNumber, Instant at) {
                controller.get().pulseOpen();
            }

            @Override
            public void inputs(LaneInputs in, Instant at) {
            }

            @Override
            public void plate(PlateRead read, Instant at) {
            }

            @Override
            public void deviceState(LaneDevice device, DeviceState state, String detail) {
            }
        };
        try (PseudoTerminalPair cardPty = PseudoTerminalPair.open(cardDir);
             PseudoTerminalPair ioPty = PseudoTerminalPair.open(ioDir);
             LinkSlave slave = new LinkSlave(SerialByteLink.open(ioPty.b(), 9600))) {
            TransportUri ioUri = TransportUri.serial(ioPty.a(), 9600);
            IoControllerConfig config = new IoControllerConfig(ioUri, 1, Duration.ofMillis(50),
                    Duration.ofMillis(300), Duration.ofMillis(200), 2);
            Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(200));
            controller.set(new LaneIoController(config, 9600, new DeviceConnection(LaneDevice.IO_CONTROLLER,
                    new TransportFactory().opener(ioUri), backoff, states, DeviceMetrics.NOOP), lane,
                    Clock.systemUTC(), DeviceMetrics.NOOP));
            CardReaderDriver reader = new CardReaderDriver(new DeviceConnection(LaneDevice.CARD_READER,
                    new TransportFactory().opener(TransportUri.serial(cardPty.a(), 9600)), backoff, states,
                    DeviceMetrics.NOOP), Duration.ofSeconds(2), lane, Clock.systemUTC(), DeviceMetrics.NOOP);
            try (LaneIoController io = controller.get(); reader;
                 ByteLink cardEnd = SerialByteLink.open(cardPty.b(), 9600)) {
                io.start();
                reader.start();
                Await.until(Duration.ofSeconds(5), "both devices connected", () -> states.states.stream()
                        .filter(s -> s.state() == DeviceState.CONNECTED).count() >= 2);
                Random random = new Random(3);
                long[] latencies = new long[PRESENTATIONS];
                for (int i = -WARM_UP; i < PRESENTATIONS; i++) {
                    int before = slave.coilWrites.get();
                    byte[] frame = Em4100.encode(String.format(Locale.ROOT, "%010X", i + WARM_UP + 1));
                    cardEnd.write(frame);
                    long written = System.nanoTime();
                    Await.until(Duration.ofSeconds(10), "OPEN " + i, () -> slave.coilWrites.get() > before);
                    if (i >= 0) {
                        latencies[i] = slave.lastCoilWriteNanos.get() - written;
                    }
                    // Pace the cards so they land at every phase of the 50 ms poll cycle.
                    Thread.sleep(5 + random.nextInt(20));
                }
                Arrays.sort(latencies);
                long p50 = latencies[PRESENTATIONS / 2];
                long p99 = latencies[PRESENTATIONS * 99 / 100];
                LOG.info("card frame -> OPEN on the wire: p50 {} us, p99 {} us, max {} us", p50 / 1000, p99 / 1000,
                        latencies[PRESENTATIONS - 1] / 1000);
                if (STRICT) {
                    assertTrue(p50 <= BUDGET_NANOS, "p50 " + p50 / 1000 + " us");
                    assertTrue(p99 <= BUDGET_NANOS, "p99 " + p99 / 1000 + " us");
                }
            }
        }
    }
}
