package io.parkgate.agent.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.MatchResult;
import io.parkgate.tariff.PayerCategory;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenStaysTest {

    private static final Instant T = Instant.parse("2026-11-22T08:00:00Z");

    private static OpenStay stay(String id, String plate, String card) {
        return new OpenStay(id, plate, card, T, "north-in", PayerCategory.TEMPORARY, null);
    }

    /** Verifies exact lookups by id, plate and card, and removal from every index. */
    @Test
    void addsFindsAndRemoves() {
        OpenStays stays = new OpenStays();
        assertEquals(List.of(), stays.add(stay("e1", "粤B12345", "0E00A35C21")));
        assertEquals("e1", stays.byPlate("粤B·12345").orElseThrow().entryEventId());
        assertEquals("e1", stays.byCard("0e00a35c21").orElseThrow().entryEventId());
        assertEquals("e1", stays.byId("e1").orElseThrow().entryEventId());
        assertEquals("e1", stays.remove("e1").orElseThrow().entryEventId());
        assertTrue(stays.byPlate("粤B12345").isEmpty());
        assertTrue(stays.byCard("0E00A35C21").isEmpty());
        assertEquals(MatchResult.Kind.NONE, stays.match("粤B1234S").result().kind());
        assertTrue(stays.remove("e1").isEmpty());
        assertEquals(0, stays.size());
    }

    /** Verifies that an exit read differing from the entry read by confusables still finds the stay. */
    @Test
    void findsStayByConfusableRead() {
        OpenStays stays = OpenStays.of(List.of(stay("e1", "粤B1234S", null), stay("e2", "京AD12345", null)));
        StayMatch m = stays.match("粤812345");
        assertEquals(MatchResult.Kind.FUZZY, m.result().kind());
        assertEquals("e1", m.stayOf(m.result().best().orElseThrow()).orElseThrow().entryEventId());
        StayMatch province = stays.match("AD12345");
        assertEquals("e2", province.stays().get(0).entryEventId());
    }

    /** Verifies that stays recorded with unnormalised plates are indexed and matched by their normal form. */
    @Test
    void unnormalisedStayPlates() {
        OpenStays stays = OpenStays.of(List.of(stay("e1", "粤b·1234s", null)));
        StayMatch m = stays.match("粤B12345");
        assertEquals("粤B1234S", m.result().best().orElseThrow().plate());
        assertEquals("e1", m.stayOf(m.result().best().orElseThrow()).orElseThrow().entryEventId());
        assertEquals("e1", stays.byPlate("粤B1234S").orElseThrow().entryEventId());
        assertTrue(stays.remove("e1").isPresent());
        assertEquals(MatchResult.Kind.NONE, stays.match("粤B1234S").result().kind());
    }

    /** Verifies that a plate or card entering again replaces the older stay, which is returned. */
    @Test
    void samePlateOrCardReplacesOlderStay() {
        OpenStays stays = new OpenStays();
        stays.add(stay("e1", "粤B12345", null));
        stays.add(stay("e2", null, "0E00A35C21"));
        List<OpenStay> replaced = stays.add(stay("e3", "粤B12345", "0E00A35C21"));
        assertEquals(List.of("e1", "e2"), replaced.stream().map(OpenStay::entryEventId).toList());
        assertEquals(1, stays.size());
        assertEquals("e3", stays.byCard("0E00A35C21").orElseThrow().entryEventId());
        assertEquals(MatchResult.Kind.EXACT, stays.match("粤B12345").result().kind());
    }

    /** Verifies that an entry and an exit lane adding and removing at once leave every index consistent. */
    @Test
    void entryAndExitLanesShareStays() throws Exception {
        OpenStays stays = new OpenStays();
        for (int i = 0; i < 2000; i++) {
            stays.add(stay("old" + i, "粤A" + (10000 + i), null));
        }
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        Thread entry = new Thread(() -> {
            await(start);
            for (int i = 0; i < 2000; i++) {
                stays.add(stay("new" + i, "粤C" + (10000 + i), "C" + i));
            }
        });
        Thread exit = new Thread(() -> {
            await(start);
            for (int i = 0; i < 2000; i++) {
                stays.remove(stays.byPlate("粤A" + (10000 + i)).orElseThrow().entryEventId());
            }
        });
        entry.start();
        exit.start();
        start.countDown();
        entry.join(60_000);
        exit.join(60_000);
        assertEquals(2000, stays.size());
        for (int i = 0; i < 2000; i += 97) {
            assertTrue(stays.byPlate("粤A" + (10000 + i)).isEmpty());
            assertEquals("new" + i, stays.byCard("C" + i).orElseThrow().entryEventId());
            assertEquals(MatchResult.Kind.EXACT, stays.match("粤C" + (10000 + i)).result().kind());
        }
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Verifies that a stay with neither plate nor card is kept and found by its id only. */
    @Test
    void keepsStayWithoutPlateOrCard() {
        OpenStays stays = new OpenStays();
        stays.add(stay("e9", null, null));
        stays.add(stay("e8", null, null));
        assertEquals(2, stays.size());
        assertEquals("e9", stays.byId("e9").orElseThrow().entryEventId());
        assertTrue(stays.byCard(null).isEmpty());
        assertEquals(MatchResult.Kind.NONE, stays.match("").result().kind());
    }
}
