package io.parkgate.simulator.device;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import io.parkgate.protocol.card.Em4100;
import io.parkgate.simulator.testutil.ByteCollector;
import io.parkgate.simulator.testutil.SimFixture;
import io.parkgate.simulator.wire.LinkReceiver;
import io.parkgate.simulator.wire.TcpLink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The card reader's bytes on a real TCP wire, exactly as docs/protocols.md §2 writes them. */
class CardReaderSimTest {

    private final SimFixture sim = new SimFixture();
    private TcpLink link;
    private ByteCollector agent;
    private CardReaderSim reader;

    @BeforeEach
    void start() throws Exception {
        link = new TcpLink("lane/card", "127.0.0.1", 0, LinkReceiver.IGNORE, Duration.ofMillis(20));
        agent = new ByteCollector(link.port());
        SimFixture.await("client connected", 3000, link::connected);
        reader = new CardReaderSim("lane", link::write, sim.scheduler, sim.events, new Random(1));
    }

    @AfterEach
    void stop() throws Exception {
        agent.close();
        link.close();
    }

    /** Verifies the docs/protocols.md example frame byte for byte: card 0E00A35C21, checksum D0. */
    @Test
    void frameIsTheDocumentedExample() {
        reader.present("0E00A35C21", Duration.ZERO, "v1");
        sim.scheduler.advanceBy(Duration.ZERO);
        byte[] expected = ("\u0002" + "0E00A35C21" + "D0" + "\u0003").getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(expected, agent.awaitBytes(14));
    }

    /** Verifies that a card held 1 s in the field is repeated every 300 ms: 4 identical frames. */
    @Test
    void heldCardRepeatsEvery300Ms() {
        reader.present("0E00A35C21", Duration.ofSeconds(1), "v1");
        sim.scheduler.advanceBy(Duration.ofMillis(599));
        byte[] soFar = agent.awaitBytes(28);
        assertEquals(28, soFar.length, "two frames by 599 ms");
        sim.scheduler.advanceBy(Duration.ofMillis(401));
        byte[] all = agent.awaitBytes(56);
        List<String> cards = decode(all, new ArrayList<>());
        assertEquals(List.of("0E00A35C21", "0E00A35C21", "0E00A35C21", "0E00A35C21"), cards);
    }

    /** Verifies that a card taken away early sends no more frames. */
    @Test
    void cardTakenAwayStopsRepeating() {
        var presentation = reader.present("0E00A35C21", Duration.ofMillis(1500), "v1");
        sim.scheduler.advanceBy(Duration.ofMillis(400));
        presentation.cancel();
        sim.scheduler.advanceBy(Duration.ofSeconds(2));
        agent.awaitBytes(28);
        assertEquals(2, decode(agent.bytes(), new ArrayList<>()).size(), "frames at 0 and 300 ms only");
    }

    /** Verifies that injected faults are rejected by the agent's decoder for the right reasons. */
    @Test
    void faultsAreRejectedByTheAgentDecoder() {
        reader.inject(WireFault.BAD_CHECKSUM, "0E00A35C21", "v1");
        reader.inject(WireFault.GARBAGE, "0E00A35C21", "v1");
        reader.inject(WireFault.TRUNCATED, "0E00A35C21", "v1");
        reader.present("0E00A35C21", Duration.ZERO, "v1");
        sim.scheduler.advanceBy(Duration.ZERO);
        byte[] bad = CardReaderSim.faultBytes(WireFault.BAD_CHECKSUM, "0E00A35C21", new Random(0));
        assertEquals(14, bad.length);
        List<RejectReason> rejects = new ArrayList<>();
        SimFixture.await("all frames", 3000, () -> decode(agent.bytes(), new ArrayList<>()).size() == 1);
        List<String> cards = decode(agent.bytes(), rejects);
        assertEquals(List.of("0E00A35C21"), cards);
        assertTrue(rejects.containsAll(List.of(RejectReason.BAD_CHECKSUM, RejectReason.UNEXPECTED_BYTES,
                RejectReason.BAD_LENGTH)), "rejects " + rejects);
        assertTrue(Arrays.equals(Arrays.copyOf(Em4100.encode("0E00A35C21"), 8),
                CardReaderSim.faultBytes(WireFault.TRUNCATED, "0E00A35C21", new Random(0))));
    }

    private static List<String> decode(byte[] bytes, List<RejectReason> rejects) {
        List<String> cards = new ArrayList<>();
        Em4100.Decoder d = new Em4100.Decoder(new FrameListener<>() {
            @Override
            public void onFrame(String frame) {
                cards.add(frame);
            }

            @Override
            public void onRejected(RejectReason reason, String detail) {
                rejects.add(reason);
            }
        });
        d.accept(bytes, 0, bytes.length);
        return cards;
    }
}
