package io.parkgate.agent.device.display;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.device.FrameListener;
import io.parkgate.agent.device.RejectReason;
import io.parkgate.config.Direction;
import io.parkgate.config.DisplayConfig.DisplayTemplates;
import io.parkgate.tariff.PayerCategory;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The display frame on the wire and the texts made from decisions. */
class DisplayTest {

    /** Verifies a SHOW frame byte for byte: header, GBK text (粤 is D4 C1), CRC-16/MODBUS low byte first. */
    @Test
    void showFrameBytes() {
        byte[] f = DisplayFrame.show(1, 1, DisplayFrame.Colour.GREEN, 0, "粤B1");
        assertEquals("aa55010100070102 00d4c14231".replace(" ", ""), HexFormat.of().formatHex(f, 0, f.length - 2));
        int crc = io.parkgate.agent.device.io.ModbusRtu.crc(f, 2, f.length - 4);
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
        byte[] all = concat(new byte[] {0x00, 0x13}, bad, DisplayFrame.speak(2, "一路顺风"), DisplayFrame.freeSpaces(2, 287),
                DisplayFrame.show(2, 3, DisplayFrame.Colour.RED, 5, "请缴费5元"));
        d.accept(all, 0, all.length);
        assertEquals(List.of(RejectReason.UNEXPECTED_BYTES, RejectReason.UNEXPECTED_BYTES, RejectReason.BAD_CHECKSUM), rejects);
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

    /** Verifies the zh-CN texts: entry of a pass holder, exit with a fee, exit after paying, idle with free spaces. */
    @Test
    void textsFromDecisions() {
        DisplayTemplates t = DisplayTemplates.defaults();
        DisplayMessage in = DisplayText.decision(t, new DisplayText.Facts(Direction.IN, Verdict.OPEN, "粤B12345",
                PayerCategory.PASS_HOLDER, null, 30L, "欢迎回家", 287));
        assertEquals(List.of("粤B12345", "月租车", "欢迎光临", "剩余30天"), in.lines());
        assertEquals("粤B12345 月租车 欢迎光临 剩余30天", in.voice());
        DisplayMessage pay = DisplayText.decision(t, new DisplayText.Facts(Direction.OUT, Verdict.HOLD, "粤B67890",
                PayerCategory.TEMPORARY, 500L, null, "请缴费5.00元", null, java.time.Duration.ofMinutes(80)));
        assertEquals(List.of("粤B67890", "临时车", "停车1小时20分", "请缴费5元"), pay.lines());
        assertEquals("临时车 停车1小时20分 请缴费5元", pay.voice());
        DisplayMessage unknownStay = DisplayText.decision(t, new DisplayText.Facts(Direction.OUT, Verdict.HOLD,
                "粤B67890", PayerCategory.TEMPORARY, 550L, null, null, null));
        assertEquals(List.of("粤B67890", "临时车", "", "请缴费5.50元"), unknownStay.lines());
        assertEquals("临时车 请缴费5.50元", unknownStay.voice());
        DisplayMessage out = DisplayText.decision(t, new DisplayText.Facts(Direction.OUT, Verdict.OPEN, "粤B67890",
                PayerCategory.TEMPORARY, 500L, null, null, null));
        assertEquals("粤B67890 一路顺风", out.voice());
        assertEquals(List.of("欢迎光临", "余位 287"), DisplayText.idle(t, Direction.IN, 287).lines());
        assertEquals(List.of("欢迎光临", ""), DisplayText.idle(t, Direction.IN, null).lines(), "no lone 余位");
        assertNull(DisplayText.idle(t, Direction.OUT, null).voice());
        DisplayTemplates mine = DisplayTemplates.over(Map.of("exitPayVoice", "{category} 请缴费{fee} 谢谢"));
        assertEquals("临时车 请缴费5.50元 谢谢", DisplayText.decision(mine, new DisplayText.Facts(Direction.OUT,
                Verdict.HOLD, "粤B67890", PayerCategory.TEMPORARY, 550L, null, null, null)).voice());
    }

    /** Verifies days left round up: a pass ending in 1 hour has 1 day left. */
    @Test
    void daysLeftRoundUp() {
        java.time.Instant now = java.time.Instant.parse("2026-12-04T01:00:00Z");
        assertEquals(1, DisplayFeed.daysLeft(now, now.plusSeconds(3600)));
        assertEquals(30, DisplayFeed.daysLeft(now, now.plus(java.time.Duration.ofDays(30))));
        assertEquals(0, DisplayFeed.daysLeft(now, now.minusSeconds(1)));
    }

    /**
     * Verifies the entry's free spaces: shown idle at start, kept while a vehicle is decided, and refreshed when
     * another lane's passage (relayed by central) changes the open stays: count only while a vehicle is at the
     * lane, idle text again once it is free.
     */
    @Test
    void freeSpacesFollowTheOpenStays() {
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger(10);
        List<DisplayMessage> shown = new ArrayList<>();
        List<Integer> counts = new ArrayList<>();
        LaneDisplay display = new LaneDisplay() {
            @Override
            public void show(DisplayMessage message) {
                shown.add(message);
            }

            @Override
            public void freeSpaces(int spaces) {
                counts.add(spaces);
            }
        };
        io.parkgate.config.DisplayConfig config = new io.parkgate.config.DisplayConfig(
                io.parkgate.config.DisplayConfig.Kind.CAMERA_SERIAL, null, 1, 0, 100, null);
        DisplayFeed feed = new DisplayFeed("lane-1", Direction.IN, config, display, java.time.Clock.systemUTC(),
                plate -> java.util.Optional.empty(), () -> 100 - inside.get(), id -> java.util.Optional.empty());
        feed.start();
        assertEquals(List.of("欢迎光临", "余位 90"), shown.get(0).lines());
        assertEquals(List.of(90), counts);
        feed.refresh();
        assertEquals(1, shown.size(), "nothing changed, nothing sent");

        io.parkgate.agent.lane.VehicleVisit visit = new io.parkgate.agent.lane.VehicleVisit("v1",
                java.time.Instant.EPOCH, null, null);
        feed.actions(new io.parkgate.agent.lane.LaneSnapshot("lane-1", null, null, visit, null), List.of());
        inside.set(11); // another lane let a car in
        feed.refresh();
        assertEquals(1, shown.size(), "the text for the vehicle at the lane stays up");
        assertEquals(List.of(90, 89), counts);
        feed.actions(new io.parkgate.agent.lane.LaneSnapshot("lane-1", null, null, null, null), List.of());
        inside.set(9);
        feed.refresh();
        assertEquals(List.of("欢迎光临", "余位 91"), shown.get(1).lines());
        assertEquals(List.of(90, 89, 91), counts);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
