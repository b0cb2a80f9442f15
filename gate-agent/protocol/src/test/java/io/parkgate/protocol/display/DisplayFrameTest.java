package io.parkgate.protocol.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parkgate.protocol.FrameListener;
import io.parkgate.protocol.RejectReason;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The display frame on the wire. */
class DisplayFrameTest {

    /** Verifies a SHOW frame byte for byte: header, GBK text (粤 is D4 C1), CRC-16/MODBUS low byte first. */
    @Test
    void showFrameBytes() {
        byte[] f = DisplayFrame.show(1, 1, DisplayFrame.Colour.GREEN, 0, "粤B1");
        assertEquals("aa55010100070102 00d4c14231".replace(" ", ""), HexFormat.of().formatHex(f, 0, f.length - 2));
        int crc = io.parkgate.protocol.modbus.ModbusRtu.crc(f, 2, f.length - 4);
        assertEquals(crc & 0xFF, f[f.length - 2] & 0xFF);
        assertEquals(crc >> 8, f[f.length - 1] & 0xFF);
    }

    /** Verifies that frames decode back, that noise and a corrupted CRC are rejected and the next frame still reads. */
    @Test
    void decoderRoundTripAndRejects() {
        List<DisplayFrame.Frame> frames = new ArrayList<>();
        List<RejectReason> rejects = new ArrayList<>();
        DisplayFrame.Decoder d = new DisplayFrame.Decoder(new FrameListener<>() {
            @Override
            public void onFrame(DisplayFrame.Frame frame) {
                frames.add(frame);
            }

            @Override
            public void onRejected(RejectReason reason, String detail) {
                rejects.add(reason);
            }
        });
        byte[] bad = DisplayFrame.speak(2, "一路顺风");
        bad[bad.length - 1] ^= 0x01;
        byte[] all = concat(new byte[] {0x00, 0x13}, bad, DisplayFrame.speak(2, "一路顺风"), DisplayFrame.freeSpaces(
                2, 287),
                DisplayFrame.show(2, 3, DisplayFrame.Colour.RED, 5, "请缴费5元"));
        d.accept(all, 0, all.length);
        assertEquals(List.of(RejectReason.UNEXPECTED_BYTES, RejectReason.UNEXPECTED_BYTES, RejectReason.BAD_CHECKSUM),
                rejects);
        assertEquals(3, frames.size());
        assertEquals("一路顺风", frames.get(0).text());
        assertEquals(287, frames.get(1).freeSpaces());
        assertEquals(3, frames.get(2).line());
        assertEquals("请缴费5元", frames.get(2).text());
    }

    /** Verifies that an over-long text is cut on a character boundary and a character GBK lacks becomes '?'. */
    @Test
    void longAndUnmappableText() {
        byte[] t = DisplayFrame.gbk("粤".repeat(200), 255);
        assertEquals(254, t.length);
        assertArrayEquals(new byte[] {'A', '?', 'B'}, DisplayFrame.gbk("A😀B", 10));
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
