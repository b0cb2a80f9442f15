package io.parkgate.agent.feedback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.device.display.DisplayMessage;
import io.parkgate.agent.device.display.LaneDisplay;
import io.parkgate.config.Direction;
import io.parkgate.config.DisplayConfig.DisplayTemplates;
import io.parkgate.tariff.PayerCategory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The lane display's texts made from the lane's decisions, and the free spaces it shows. */
class DisplayTextTest {

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

    /**
     * Verifies fees at the edges as the driver reads them: 1 fen is 0.01元, 100 000 000 fen is 1000000元 (still one
     * frame), and a fee of 0 on a held exit says no "请缴费" at all.
     */
    @Test
    void feesAtTheEdges() {
        DisplayTemplates t = DisplayTemplates.defaults();
        DisplayMessage oneFen = DisplayText.decision(t, new DisplayText.Facts(Direction.OUT, Verdict.HOLD, "粤B67890",
                PayerCategory.TEMPORARY, 1L, null, null, null));
        assertEquals("请缴费0.01元", oneFen.lines().get(3));
        DisplayMessage large = DisplayText.decision(t, new DisplayText.Facts(Direction.OUT, Verdict.HOLD, "粤B67890",
                PayerCategory.TEMPORARY, 100_000_000L, null, null, null));
        assertEquals("请缴费1000000元", large.lines().get(3));
        assertEquals("临时车 请缴费1000000元", large.voice());
        assertEquals(5, LaneDisplay.frames(1, large).size());
        DisplayMessage free = DisplayText.decision(t, new DisplayText.Facts(Direction.OUT, Verdict.HOLD, "粤B67890",
                PayerCategory.TEMPORARY, 0L, null, "请稍候", null));
        assertEquals(List.of("粤B67890", "请稍候"), free.lines(), "the held exit's own text, no fee of 0");
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
}
