package io.parkgate.protocol.camera;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PlateLineTest {

    private final List<PlateReport> reports = new ArrayList<>();
    private final List<RejectReason> rejects = new ArrayList<>();
    private final PlateLine.Decoder decoder = new PlateLine.Decoder(new FrameListener<>() {
        @Override
        public void onFrame(PlateReport frame) {
            reports.add(frame);
        }

        @Override
        public void onRejected(RejectReason reason, String detail) {
            rejects.add(reason);
        }
    });

    private void feed(byte[] bytes) {
        decoder.accept(bytes, 0, bytes.length);
    }

    private static byte[] line(String body, String checksum) {
        return ("$" + body + "*" + checksum + "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String checksum(String body) {
        int x = 0;
        for (byte b : body.getBytes(StandardCharsets.UTF_8)) {
            x ^= b & 0xFF;
        }
        return String.format(Locale.ROOT, "%02X", x);
    }

    /** Verifies that a report with a Chinese plate is encoded with the XOR of its UTF-8 body and decodes back. */
    @Test
    void chinesePlateRoundTrip() {
        String body = "PLATE,17,粤B12345,BLUE,93,1763780000000";
        byte[] expected = line(body, checksum(body));
        PlateReport report = new PlateReport(17, "粤B12345", PlateColour.BLUE, 93, 1_763_780_000_000L);
        assertEquals(new String(expected, StandardCharsets.UTF_8),
                new String(PlateLine.encode(report), StandardCharsets.UTF_8));
        feed(expected);
        feed(PlateLine.encode(new PlateReport(18, "京AD12345", PlateColour.GREEN, 88, 1L)));
        feed(PlateLine.encode(new PlateReport(19, PlateReport.NO_PLATE, PlateColour.UNKNOWN, 0, 2L)));
        assertEquals(List.of(report, new PlateReport(18, "京AD12345", PlateColour.GREEN, 88, 1L),
                new PlateReport(19, "_NONE_", PlateColour.UNKNOWN, 0, 2L)), reports);
        assertTrue(reports.get(2).plateless());
        assertEquals(List.of(), rejects);
    }

    /** Verifies that bad checksums and malformed fields are dropped with their reason. */
    @Test
    void badLinesAreDroppedWithReason() {
        String body = "PLATE,17,粤B12345,BLUE,93,1763780000000";
        feed(line(body, "00".equals(checksum(body)) ? "01" : "00"));
        String badColour = "PLATE,17,粤B12345,PINK,93,1";
        feed(line(badColour, checksum(badColour)));
        String badConfidence = "PLATE,17,粤B12345,BLUE,101,1";
        feed(line(badConfidence, checksum(badConfidence)));
        feed("no dollar\r\n".getBytes(StandardCharsets.UTF_8));
        feed(line(body, checksum(body).toLowerCase(Locale.ROOT).replace('0', 'a')));
        assertEquals(List.of(), reports);
        assertEquals(List.of(RejectReason.BAD_CHECKSUM, RejectReason.MALFORMED_FIELD, RejectReason.MALFORMED_FIELD,
                RejectReason.MALFORMED_FIELD, RejectReason.MALFORMED_FIELD), rejects);
    }

    /** Verifies that a line longer than the limit is dropped as OVERLONG and the next line still decodes. */
    @Test
    void overlongLineThenGoodLine() {
        feed(("X".repeat(500) + "\n").getBytes(StandardCharsets.UTF_8));
        feed(PlateLine.encode(new PlateReport(1, "沪A1234学", PlateColour.YELLOW, 70, 5L)));
        assertEquals(List.of(RejectReason.OVERLONG), rejects);
        assertEquals("沪A1234学", reports.get(0).plate());
    }

    /** Verifies that thousands of random byte arrays never throw, and good lines between garbage all decode. */
    @Test
    @SuppressWarnings("EnumOrdinal") // a colour picked at random
    void fuzzGarbageNeverThrowsAndGoodLinesSurvive() {
        Random random = new Random(11);
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        List<PlateReport> sent = new ArrayList<>();
        String[] plates = {"粤B12345", "京AD12345", "沪A1234学", PlateReport.NO_PLATE, "WJ1234"};
        for (int i = 0; i < 3000; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            stream.writeBytes(garbage);
            if (i % 3 == 0) {
                PlateReport r = new PlateReport(random.nextInt(65536), plates[random.nextInt(plates.length)],
                        PlateColour.values()[random.nextInt(PlateColour.values().length)], random.nextInt(101),
                        random.nextLong() & 0xFFFF_FFFF_FFFL);
                sent.add(r);
                stream.writeBytes(PlateLine.encode(r));
            }
        }
        feed(stream.toByteArray());
        assertEquals(sent, reports);
    }
}
