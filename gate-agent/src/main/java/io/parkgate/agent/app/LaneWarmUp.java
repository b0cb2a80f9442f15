package io.parkgate.agent.app;

import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneRuntime;
import io.parkgate.agent.lane.LaneStateMachine;
import io.parkgate.agent.port.BarrierController;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.agent.registry.OpenStays;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.config.Direction;
import io.parkgate.config.FileTrees;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.helpers.NOPLogger;

/**
 * Drives made-up cars through the lane's own code before its devices start, so that the first real cars after a
 * start find the state machine, the decision against the registry and the journal compiled rather than
 * interpreted. Measured without it, the first 100 cars after a start had an OPEN median of 1.2–1.3 ms and a first
 * car of 14–25 ms, against 0.7–0.8 ms once warm (docs/benchmarks.md, "The first cars after a start"). The device
 * drivers' side (serial reads, frame decoding, the Modbus write) still warms on real traffic.
 *
 * <p>None of it reaches the lane. The cars go through a second {@link LaneRuntime} with its own state machine, a
 * journal in a scratch store deleted afterwards, a barrier that moves nothing, no uplink and no log. Decisions read
 * the lane's registry (read only) and a set of open stays of their own.
 */
final class LaneWarmUp {

    /** Enough for the launcher's thresholds (optimised after 100 calls, conf/jvm.options) with room. */
    static final int CARS = 300;
    private static final Duration BETWEEN_CARS = Duration.ofMinutes(1);
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** What the warm-up did: cars driven through, how many the lane opened for, how long it took. */
    record Outcome(int cars, int opened, Duration took) {

        String describe() {
            return "warmed up on " + cars + " made-up cars in " + took.toMillis() + " ms (" + opened + " opened;"
                    + " no barrier moved, nothing recorded)";
        }
    }

    private LaneWarmUp() {
    }

    /**
     * @param deciderFor the lane's decider over the given open stays (the warm-up's own, never the lane's)
     * @param scratch    a directory to hold the scratch store; it and its contents are deleted afterwards
     */
    static Outcome run(String laneId, Direction direction, LaneStateMachine.Settings settings,
                       Function<OpenStays, LaneStateMachine.Decider> deciderFor, RegistrySnapshot registry,
                       ZoneId zone, Path scratch, int cars) {
        long started = System.nanoTime();
        WarmUpClock clock = new WarmUpClock(Instant.parse("2026-01-05T02:00:00Z"), zone);
        OpenStays stays = OpenStays.of(List.of());
        AtomicInteger opened = new AtomicInteger();
        delete(scratch); // left by a warm-up cut short
        try {
            Files.createDirectories(scratch);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot make the warm-up's scratch directory " + scratch, e);
        }
        try (AgentStore store = AgentStore.openIn(scratch, laneId, clock)) {
            LaneJournal journal = new LaneJournal(laneId, direction, store, stays, e -> { }, clock);
            LaneStateMachine machine = new LaneStateMachine(settings, deciderFor.apply(stays));
            try (LaneRuntime lane = new LaneRuntime(laneId, NOPLogger.NOP_LOGGER, clock, machine, journal,
                    new StillBarrier(opened), LaneListener.NONE, null)) {
                lane.inputs(LaneInputs.IDLE_CLOSED, clock.instant()); // an empty lane first, as a real lane starts
                List<Vehicle> vehicles = registry.vehicles();
                Map<String, String> cards = registry.cards().stream().filter(c -> c.plate() != null)
                        .collect(Collectors.toMap(c -> c.plate(), c -> c.number(), (a, b) -> a));
                for (int i = 0; i < cars; i++) {
                    Vehicle v = vehicles.isEmpty() ? null : vehicles.get((int) ((long) i * vehicles.size() / cars));
                    String plate = v == null ? String.format("粤B%05d", i) : v.plate();
                    drive(lane, clock, settings, plate, cards.get(plate));
                }
            }
        } finally {
            delete(scratch);
        }
        return new Outcome(cars, opened.get(), Duration.ofNanos(System.nanoTime() - started));
    }

    /** One car as the benchmark and the simulator drive it: arrives, is read, crosses, leaves the loops. */
    private static void drive(LaneRuntime lane, WarmUpClock clock, LaneStateMachine.Settings settings, String plate,
                              String card) {
        clock.advance(BETWEEN_CARS);
        lane.inputs(new LaneInputs(true, false, false, true), clock.instant());
        if (settings.hasCardReader() && card != null) {
            lane.card(card, clock.instant());
        }
        if (settings.hasCamera()) {
            lane.plate(new PlateRead(plate, null, 95, null), clock.instant());
        }
        settle(lane);
        clock.advance(Duration.ofSeconds(2));
        lane.inputs(new LaneInputs(false, true, true, false), clock.instant());
        clock.advance(Duration.ofSeconds(1));
        lane.inputs(new LaneInputs(false, false, true, false), clock.instant());
        clock.advance(Duration.ofSeconds(1));
        lane.inputs(LaneInputs.IDLE_CLOSED, clock.instant());
        settle(lane);
    }

    /** Waits until the lane has done everything queued so far. */
    private static void settle(LaneRuntime lane) {
        try {
            lane.snapshot().toCompletableFuture().get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("warm-up interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("warm-up lane did not settle", e);
        }
    }

    private static void delete(Path dir) {
        try {
            FileTrees.delete(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot delete the warm-up's scratch store " + dir, e);
        }
    }

    /** A barrier that answers every command at once and moves nothing. */
    private record StillBarrier(AtomicInteger opened) implements BarrierController {

        @Override
        public CompletionStage<Void> pulseOpen() {
            opened.incrementAndGet();
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Boolean> pulseClose() {
            return CompletableFuture.completedFuture(true);
        }

        @Override
        public CompletionStage<Void> setLamp(boolean green) {
            return CompletableFuture.completedFuture(null);
        }
    }

    /** The warm-up's own time, a minute per car, so that no car is taken for the one before it. */
    private static final class WarmUpClock extends Clock {
        private volatile Instant now;
        private final ZoneId zone;

        WarmUpClock(Instant start, ZoneId zone) {
            this.now = start;
            this.zone = zone;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId z) {
            throw new UnsupportedOperationException("the warm-up keeps one zone");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
