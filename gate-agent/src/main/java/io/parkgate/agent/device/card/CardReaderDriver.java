package io.parkgate.agent.device.card;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.device.transport.DeviceConnection;
import io.parkgate.agent.device.transport.LinkPump;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.card.Em4100;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An EM4100 reader (docs/protocols.md §2): decodes its stream and delivers each card presentation to
 * {@link LaneEventSink#card}. A reader repeats its frame while the card stays in the field, so the
 * same card again within the repeat window of its last frame is the same presentation.
 * Dropped frames are counted by {@link RejectReason} and logged at DEBUG; a run of
 * {@value #FAULT_AFTER_REJECTS} with no good frame puts the device in FAULT until a good one comes.
 */
public final class CardReaderDriver implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CardReaderDriver.class);

    public static final Duration DEFAULT_REPEAT_WINDOW = Duration.ofSeconds(2);
    /** This many dropped frames in a row, and no good one, mean the reader is not speaking our protocol. */
    public static final int FAULT_AFTER_REJECTS = 5;

    private final LaneEventSink sink;
    private final Clock clock;
    private final Duration repeatWindow;
    private final DeviceMetrics metrics;
    private final Map<RejectReason, AtomicLong> rejected = new EnumMap<>(RejectReason.class);
    private final Em4100.Decoder decoder;
    private final LinkPump pump;
    private final DeviceConnection connection;
    private int rejectsInARow; // pump thread only
    /** When the chunk being decoded was read (System.nanoTime); pump thread only. */
    private long readNanos;
    private String lastCard; // pump thread only
    private Instant lastSeen = Instant.MIN;

    public CardReaderDriver(DeviceConnection connection, Duration repeatWindow, LaneEventSink sink, Clock clock,
                            DeviceMetrics metrics) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.repeatWindow = Objects.requireNonNull(repeatWindow, "repeatWindow");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, new AtomicLong());
        }
        this.decoder = new Em4100.Decoder(new Frames());
        this.pump = new LinkPump("card-reader", connection, new LinkPump.ByteSink() {
            @Override
            public void bytes(byte[] data, int off, int len) {
                readNanos = System.nanoTime(); // a frame completed in this chunk ended in it
                sink.arriving(); // before decoding: the lane's bus is kept free from now
                decoder.accept(data, off, len);
            }

            @Override
            public void idle() {
                decoder.flushStray();
            }

            @Override
            public void connected() {
                // A frame half-received on the old link ends at the next STX.
                rejectsInARow = 0;
            }
        });
    }

    public void start() {
        pump.start();
    }

    /** Frames dropped for {@code reason} since start. */
    public long rejectedCount(RejectReason reason) {
        return rejected.get(reason).get();
    }

    @Override
    public void close() {
        pump.close();
    }

    private final class Frames implements FrameListener<String> {

        @Override
        public void onFrame(String cardNumber) {
            Instant at = clock.instant();
            if (rejectsInARow >= FAULT_AFTER_REJECTS) {
                connection.healthy("good card frames again");
            }
            rejectsInARow = 0;
            boolean repeat = cardNumber.equals(lastCard) && !at.isAfter(lastSeen.plus(repeatWindow));
            lastCard = cardNumber;
            lastSeen = at;
            if (repeat) {
                LOG.debug("card {} still in the field", cardNumber);
                return;
            }
            // Deliver first: the lane's OPEN budget starts at the frame's last byte, logging can wait.
            sink.card(cardNumber, at, readNanos);
            metrics.delivered(LaneDevice.CARD_READER);
            LOG.info("card {} presented", cardNumber);
        }

        @Override
        public void onRejected(RejectReason reason, String detail) {
            rejected.get(reason).incrementAndGet();
            metrics.frameRejected(LaneDevice.CARD_READER, reason);
            LOG.warn("card frame dropped ({}): {}", reason, detail); // counted above; each bad frame said once
            if (++rejectsInARow == FAULT_AFTER_REJECTS) {
                // Typically a wrong baud rate or a different reader model: visible on the console.
                connection.faulted(FAULT_AFTER_REJECTS + " card frames in a row dropped, last " + reason + ": "
                        + detail);
            }
        }
    }
}
