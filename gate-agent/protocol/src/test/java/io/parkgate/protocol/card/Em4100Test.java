package io.parkgate.protocol.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Em4100Test {

    private final List<String> cards = new ArrayList<>();
    private final List<RejectReason> rejects = new ArrayList<>();
    private final Em4100.Decoder decoder = new Em4100.Decoder(new FrameListener<>() {
        @Override
        public void onFrame(String frame) {
            cards.add(frame);
        }

        @Override
        public void onRejected(RejectReason reason, String detail) {
            rejects.add(reason);
        }
    });

    private void feed(byte[] bytes) {
        decoder.accept(bytes, 0, bytes.length);
    }

    /** Verifies that the docs/protocols.md example card 0E 00 A3 5C 21 encodes with checksum D0 and decodes back. */
    @Test
    void protocolExample() {
        byte[] frame = Em4100.encode("0e00a35c21");
        byte[] expected = new byte[14];
        expected[0] = 0x02;
        System.arraycopy("0E00A35C21D0".getBytes(StandardCharsets.US_ASCII), 0, expected, 1, 12);
        expected[13] = 0x03;
        assertArrayEquals(expected, frame);
        feed(frame);
        assertEquals(List.of("0E00A35C21"), cards);
        assertEquals(List.of(), rejects);
    }

    /** Verifies that bad checksum, wrong length, non-hex and missing ETX are each dropped with their reason. */
    @Test
    void badFramesAreDroppedWithReason() {
        feed(Em4100.encodeWithBadChecksum("0E00A35C21"));
        feed(new byte[] {0x02, '0', 'E', '0', 0x03});
        byte[] nonHex = Em4100.encode("0E00A35C21");
        nonHex[3] = 'G';
        feed(nonHex);
        byte[] overlong = new byte[60];
        overlong[0] = 0x02;
        java.util.Arrays.fill(overlong, 1, 60, (byte) 'A');
        feed(overlong);
        assertEquals(List.of(), cards);
        assertEquals(List.of(RejectReason.BAD_CHECKSUM, RejectReason.BAD_LENGTH, RejectReason.BAD_CHARACTER,
                RejectReason.OVERLONG), rejects);
        assertThrows(IllegalArgumentException.class, () -> Em4100.encode("12345"));
    }

    /** Verifies that a frame cut short by a new STX loses only itself, and bytes split across reads still decode. */
    @Test
    void truncatedFrameThenGoodFrame() {
        byte[] good = Em4100.encode("1234ABCDEF");
        feed(java.util.Arrays.copyOf(good, 7));
        for (byte b : good) {
            decoder.accept(b);
        }
        assertEquals(List.of("1234ABCDEF"), cards);
        assertEquals(List.of(RejectReason.BAD_LENGTH), rejects);
    }

    /** Verifies that thousands of random byte arrays never throw, and good frames between garbage all decode. */
    @Test
    void fuzzGarbageNeverThrowsAndGoodFramesSurvive() {
        Random random = new Random(7);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            byte[] garbage = new byte[random.nextInt(80)];
            random.nextBytes(garbage);
            stream.writeBytes(garbage);
            if (i % 3 == 0) {
                String card = String.format("%010X", random.nextLong() & 0xFF_FFFF_FFFFL);
                sent.add(card);
                stream.writeBytes(Em4100.encode(card));
            }
        }
        feed(stream.toByteArray());
        decoder.flushStray();
        assertEquals(sent, cards);
    }
}
