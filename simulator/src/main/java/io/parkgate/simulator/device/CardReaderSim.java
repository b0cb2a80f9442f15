package io.parkgate.simulator.device;

import io.parkgate.protocol.card.Em4100;
import io.parkgate.simulator.report.EventLog;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.time.SimScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * A 125 kHz EM4100 reader (docs/protocols.md §2): one frame ({@link Em4100#encode}) when a card enters the
 * field, repeated every {@link #REPEAT} (simulated) while it is held there; faults on demand.
 */
public final class CardReaderSim {

    /** How often a reader repeats the frame of a card left in the field. */
    public static final Duration REPEAT = Duration.ofMillis(300);

    private final String lane;
    private final Consumer<byte[]> wire;
    private final SimScheduler scheduler;
    private final EventLog events;
    private final Random random;

    /** @param wire where the reader's bytes go (the link's write) */
    public CardReaderSim(String lane, Consumer<byte[]> wire, SimScheduler scheduler, EventLog events, Random random) {
        this.lane = lane;
        this.wire = wire;
        this.scheduler = scheduler;
        this.events = events;
        this.random = random;
    }

    /**
     * Holds {@code card} in the field for {@code hold}: a frame now and every {@link #REPEAT} after
     * while the card is still there.
     *
     * @return takes the card away early: the frames not sent yet are not sent
     */
    public SimScheduler.Scheduled present(String card, Duration hold, String vehicle) {
        byte[] frame = Em4100.encode(card); // validates before anything is scheduled
        int frames = (int) (hold.toMillis() / REPEAT.toMillis()) + 1;
        events.add(new SimEvent(scheduler.now(), lane, SimEvent.Type.CARD_SENT, vehicle,
                card + " held " + hold.toMillis() + " ms, " + frames + " frame(s)"));
        List<SimScheduler.Scheduled> pending = new ArrayList<>(frames);
        for (int i = 0; i < frames; i++) {
            pending.add(scheduler.schedule(REPEAT.multipliedBy(i), () -> wire.accept(frame.clone())));
        }
        return () -> pending.forEach(SimScheduler.Scheduled::cancel);
    }

    /** Puts one faulty frame for {@code card} on the wire now. */
    public void inject(WireFault fault, String card, String vehicle) {
        byte[] bytes = faultBytes(fault, card, random);
        events.add(new SimEvent(scheduler.now(), lane, SimEvent.Type.CARD_SENT, vehicle, fault + " " + card));
        wire.accept(bytes);
    }

    /** The bytes of a faulty frame: exposed for tests that check them. */
    public static byte[] faultBytes(WireFault fault, String card, Random random) {
        return switch (fault) {
            case BAD_CHECKSUM -> Em4100.encodeWithBadChecksum(card);
            case TRUNCATED -> Arrays.copyOf(Em4100.encode(card), 8);
            case GARBAGE -> garbage(random, 6 + random.nextInt(10));
        };
    }

    /** Random bytes that contain no STX or ETX, so they can never complete a frame. */
    static byte[] garbage(Random random, int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            int v;
            do {
                v = random.nextInt(256);
            } while (v == Em4100.STX || v == Em4100.ETX || v == '\n' || v == '$');
            b[i] = (byte) v;
        }
        return b;
    }
}
