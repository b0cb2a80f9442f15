package io.parkgate.agent.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LaneTurnsTest {

    private final ExecutorService laneThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "lane-test"));
    private final LaneTurns turns = new LaneTurns(laneThread, LoggerFactory.getLogger("lane.test"));
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        laneThread.shutdownNow();
    }

    /** A read that finds the lane idle is handled on the reader's thread before the reader's call returns. */
    @Test
    void idleLaneRunsTheReadOnTheCallersThread() {
        turns.now(() -> ran.add("read@" + Thread.currentThread().getName()));
        assertEquals(List.of("read@" + Thread.currentThread().getName()), ran);
    }

    /**
     * While the lane's thread is busy, a read waits behind what was handed in before it, and the thread holding
     * the turn runs it, in order: a read never overtakes the loop change reported before it, nor runs beside it.
     */
    @Test
    void busyLaneQueuesTheReadBehindWhatCameBefore() throws Exception {
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        turns.later(() -> {
            busy.countDown();
            await(release);
            ran.add("tick");
        });
        assertTrue(busy.await(10, TimeUnit.SECONDS));
        turns.later(() -> ran.add("inputs"));
        turns.now(() -> ran.add("read@" + Thread.currentThread().getName()));
        assertEquals(List.of(), ran, "nothing runs beside the busy task");
        release.countDown();
        CountDownLatch done = new CountDownLatch(1);
        turns.later(done::countDown);
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(List.of("tick", "inputs", "read@lane-test"), ran);
    }

    @Test
    void aFailingTaskDoesNotStopTheLane() {
        turns.now(() -> {
            throw new IllegalStateException("bug");
        });
        turns.now(() -> ran.add("next"));
        assertEquals(List.of("next"), ran);
    }

    @Test
    void closedTurnsRefuseNewWork() {
        turns.close();
        assertThrows(RejectedExecutionException.class, () -> turns.now(() -> ran.add("late")));
        assertThrows(RejectedExecutionException.class, () -> turns.later(() -> ran.add("late")));
        assertEquals(List.of(), ran);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
