package io.parkgate.agent.device.transport;

import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.retry.Backoff;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One device's link and its explicit {@link DeviceState}: opens the link, and after a failure waits
 * an exponential back-off before the next attempt. Every state change goes to
 * {@link LaneEventSink#deviceState} with its reason, and to the metrics.
 *
 * <p>Used by exactly one owner thread (a driver's reader or the Modbus master), which calls
 * {@link #tryConnect()} when {@link #current()} is null and reports failures with {@link #lost},
 * {@link #faulted} and {@link #healthy}. {@link #close()} may come from any thread. Back-off waits
 * use monotonic time: they measure intervals, not wall-clock instants.
 */
public final class DeviceConnection implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceConnection.class);

    private final LaneDevice device;
    private final LinkOpener opener;
    private final Backoff backoff;
    private final LaneEventSink sink;
    private final DeviceMetrics metrics;
    private final CountDownLatch closed = new CountDownLatch(1);

    private volatile ByteLink link;
    private volatile DeviceState state = DeviceState.CONNECTING;
    private String lastFailure = "";
    private int failedAttempts;
    private long nextAttemptNanos = System.nanoTime();

    public DeviceConnection(LaneDevice device, LinkOpener opener, Backoff backoff, LaneEventSink sink,
                            DeviceMetrics metrics) {
        this.device = Objects.requireNonNull(device, "device");
        this.opener = Objects.requireNonNull(opener, "opener");
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public LaneDevice device() {
        return device;
    }

    public DeviceState state() {
        return state;
    }

    /** The open link, or null while connecting, waiting for a retry or closed. */
    public ByteLink current() {
        return link;
    }

    public boolean isClosed() {
        return closed.getCount() == 0;
    }

    /**
     * Opens the link if none is open and the back-off allows an attempt now.
     *
     * @return the freshly opened link, or null when the attempt failed, is not yet due, or the
     *         connection is closed (see {@link #nanosUntilRetry()})
     */
    public ByteLink tryConnect() {
        synchronized (this) {
            if (isClosed() || link != null || System.nanoTime() - nextAttemptNanos < 0) {
                return null;
            }
            change(DeviceState.CONNECTING, "opening", state == DeviceState.WAITING_FOR_RETRY);
        }
        ByteLink opened;
        try {
            opened = opener.open();
        } catch (IOException | RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            scheduleRetry(reason);
            return null;
        }
        synchronized (this) {
            if (isClosed()) {
                opened.close();
                return null;
            }
            link = opened;
            failedAttempts = 0;
            lastFailure = "";
            change(DeviceState.CONNECTED, "connected to " + opened.describe(), false);
            return opened;
        }
    }

    /** Nanoseconds until the next connection attempt is due; 0 when due now or connected. */
    public synchronized long nanosUntilRetry() {
        return link != null ? 0 : Math.max(0, nextAttemptNanos - System.nanoTime());
    }

    /**
     * Waits until the next attempt is due or the connection is closed, whichever comes first.
     *
     * @return false when closed
     */
    public boolean awaitRetry() throws InterruptedException {
        long wait = nanosUntilRetry();
        if (wait > 0) {
            closed.await(wait, TimeUnit.NANOSECONDS);
        }
        return !isClosed();
    }

    /** The link broke (I/O error, peer closed): closes it and waits a back-off before reopening. */
    public void lost(String reason) {
        ByteLink dead;
        synchronized (this) {
            dead = link;
            link = null;
        }
        if (dead != null) {
            dead.close();
        }
        if (!isClosed()) {
            scheduleRetry(reason);
        }
    }

    /** The link is up but the device does not answer correctly. */
    public synchronized void faulted(String reason) {
        if (link != null && !isClosed() && state != DeviceState.FAULT) {
            change(DeviceState.FAULT, reason, false);
        }
    }

    /** The device answers correctly again after a fault. */
    public synchronized void healthy(String reason) {
        if (link != null && !isClosed() && state == DeviceState.FAULT) {
            change(DeviceState.CONNECTED, reason, false);
        }
    }

    /** Closes the link for good and wakes a waiting owner; state CLOSED. */
    @Override
    public void close() {
        ByteLink open;
        synchronized (this) {
            if (isClosed()) {
                return;
            }
            closed.countDown();
            open = link;
            link = null;
            change(DeviceState.CLOSED, "closed", false);
        }
        if (open != null) {
            open.close();
        }
    }

    private synchronized void scheduleRetry(String reason) {
        failedAttempts++;
        Duration delay = backoff.delayAfter(failedAttempts);
        nextAttemptNanos = System.nanoTime() + delay.toNanos();
        // A port that stays away fails the same way every few seconds: say it once at INFO.
        boolean repeated = reason.equals(lastFailure);
        lastFailure = reason;
        change(DeviceState.WAITING_FOR_RETRY, reason + "; retry in " + delay.toMillis() + " ms", repeated);
    }

    private void change(DeviceState next, String reason, boolean quiet) {
        DeviceState previous = state;
        state = next;
        if (previous == next) {
            LOG.info("{} {}: {}", device, next, reason);
        } else if (quiet) {
            LOG.debug("{} {} -> {}: {}", device, previous, next, reason);
        } else if (next == DeviceState.FAULT || next == DeviceState.WAITING_FOR_RETRY) {
            // The one line a device fault gets (the lane's alarm, if any, is its own event).
            LOG.warn("{} {} -> {}: {}", device, previous, next, reason);
        } else {
            LOG.info("{} {} -> {}: {}", device, previous, next, reason);
        }
        metrics.deviceState(device, next);
        try {
            sink.deviceState(device, next, reason);
        } catch (RuntimeException e) {
            LOG.warn("{} state listener failed: {}", device, e.toString());
        }
    }
}
