package io.parkgate.central.cluster;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Central's periodic work. Work that changes records and must happen once across several centrals
 * ({@link #once}) is done, when there are several, only by the central holding its lease ({@link Leases}): the
 * holder renews the lease at each run, for twice the period and a minute, so it keeps the work while it runs,
 * and another central takes over within that time once it stops. Alone, a central simply does the work
 * (no lease is read or written). Work each central does for itself ({@link #each}: its own gauges, its own
 * counts) runs on every one.
 */
public final class PeriodicJobs implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PeriodicJobs.class);

    private final Vertx vertx;
    private final Leases leases;
    private final List<Long> timers = new ArrayList<>();
    private final Map<String, Job> once = new ConcurrentHashMap<>();

    private record Job(Duration lease, Supplier<Future<?>> work) {
    }

    /** @param leases the shared leases when this central is one of several, null when it is the only one */
    public PeriodicJobs(Vertx vertx, Leases leases) {
        this.vertx = vertx;
        this.leases = leases;
    }

    /** Runs {@code work} every {@code period}, on one central only when there are several. */
    public synchronized void once(String name, Duration period, Supplier<Future<?>> work) {
        once.put(name, new Job(period.multipliedBy(2).plus(Duration.ofMinutes(1)), work));
        timers.add(vertx.setPeriodic(period.toMillis(), id -> runNow(name)
                .onFailure(e -> LOG.error("{} failed", name, e))));
    }

    /** Runs {@code work} every {@code period} on this central. */
    public synchronized void each(Duration period, Runnable work) {
        timers.add(vertx.setPeriodic(period.toMillis(), id -> work.run()));
    }

    /**
     * Runs the job {@code name} now, when this central holds (or takes) its lease; true when it ran here. Tests
     * and the timers call it.
     */
    public Future<Boolean> runNow(String name) {
        Job job = once.get(name);
        if (job == null) {
            return Future.failedFuture(new IllegalArgumentException("no periodic job " + name));
        }
        if (leases == null) {
            return job.work().get().map(done -> true);
        }
        return leases.hold(name, job.lease()).compose(held -> held ? job.work().get().map(done -> true)
                : Future.succeededFuture(false));
    }

    /** Stops the timers and gives up this central's leases, so another takes the work over at once. */
    @Override
    public synchronized void close() {
        timers.forEach(vertx::cancelTimer);
        timers.clear();
        if (leases != null) {
            for (String name : once.keySet()) {
                try {
                    leases.release(name).toCompletionStage().toCompletableFuture()
                            .get(10, java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    LOG.warn("lease {} not released ({}); it lapses on its own", name, e.toString());
                }
            }
        }
    }
}
