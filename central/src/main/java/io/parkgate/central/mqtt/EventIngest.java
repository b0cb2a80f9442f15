package io.parkgate.central.mqtt;

import io.parkgate.central.passage.PassageService;
import io.parkgate.wire.EventAck;
import io.parkgate.wire.LaneEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches lane events from MQTT into register transactions and acknowledges each batch per lane only
 * after it is committed, so an acknowledged event is never lost (even on kill -9) and an unacknowledged
 * one is sent again by its agent and stored once.
 */
public final class EventIngest implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventIngest.class);

    private final PassageService passages;
    private final Consumer<EventAck> acks;
    private final List<Consumer<List<LaneEvent>>> committed = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final int batch;
    private final BlockingQueue<LaneEvent> queue;
    private final Thread worker;
    private final AtomicLong stored = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean running = true;

    private final io.parkgate.central.passage.Quarantine quarantine;

    public EventIngest(PassageService passages, Consumer<EventAck> acks, int batch) {
        this(passages, acks, batch, null);
    }

    /** @param quarantine where an event that cannot be stored goes (with the reason), instead of failing its batch */
    public EventIngest(PassageService passages, Consumer<EventAck> acks, int batch,
                       io.parkgate.central.passage.Quarantine quarantine) {
        this.quarantine = quarantine;
        this.passages = passages;
        this.acks = acks;
        this.batch = batch;
        this.queue = new ArrayBlockingQueue<>(batch * 40);
        this.worker = new Thread(this::run, "central-ingest");
        this.worker.setDaemon(true);
    }

    public EventIngest start() {
        worker.start();
        return this;
    }

    /** Queues an event; blocks when central is behind, which slows the broker instead of dropping. */
    public void offer(LaneEvent e) {
        try {
            queue.put(e);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** New events stored since start. */
    public long stored() {
        return stored.get();
    }

    /** Register transactions committed since start. */
    public long batches() {
        return batches.get();
    }

    /** Batches that could not be stored (nor quarantined) and were left unacknowledged, since start. */
    public long failed() {
        return failed.get();
    }

    public long duplicates() {
        return duplicates.get();
    }

    private void run() {
        List<LaneEvent> events = new ArrayList<>(batch);
        while (running) {
            try {
                LaneEvent first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                events.add(first);
                queue.drainTo(events, batch - 1);
                try {
                    store(events);
                } catch (RuntimeException e) {
                    // A database out of reach (PostgreSQL restarting) fails every event alike: none is quarantined;
                    // unacknowledged, the agents send them again.
                    if (quarantine == null || io.parkgate.central.db.Database.isUnavailable(e)
                            || events.size() == 1 && !storeAlone(events.get(0))) {
                        throw e;
                    }
                    // One bad event must not hold back the good ones: store each alone, quarantine what fails.
                    LOG.warn("storing a batch of {} events failed ({}): storing them one by one", events.size(),
                            e.getMessage());
                    if (events.size() > 1) {
                        for (LaneEvent one : List.copyOf(events)) {
                            storeAlone(one);
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                // Not acknowledged: the agents send these again after their ack timeout.
                failed.incrementAndGet();
                LOG.error("storing {} events failed: {}", events.size(), e.getMessage(), e);
            } finally {
                events.clear();
            }
        }
    }

    private void store(List<LaneEvent> events) {
        PassageService.Stored s = passages.storeAndWait(events);
        stored.addAndGet(s.inserted());
        batches.incrementAndGet();
        duplicates.addAndGet(s.duplicates());
        if (!s.openedExceptions().isEmpty()) {
            LOG.info("exceptions opened: {}", s.openedExceptions());
        }
        acknowledge(events);
    }

    /** Stores one event, or quarantines it with the reason it failed; true when either committed. */
    private boolean storeAlone(LaneEvent e) {
        try {
            store(List.of(e));
            return true;
        } catch (RuntimeException failed) {
            if (io.parkgate.central.db.Database.isUnavailable(failed)) {
                LOG.warn("event {} of lane {} not stored, the database is out of reach: {}", e.eventId(), e.laneId(),
                        failed.getMessage());
                return false;
            }
            try {
                quarantine.put(e.laneId(), e.eventId(), "not storable: " + failed.getMessage(), String.valueOf(e))
                        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
                acks.accept(new EventAck(e.laneId(), List.of(e.eventId())));
                LOG.warn("quarantined event {} of lane {}: {}", e.eventId(), e.laneId(), failed.getMessage());
                return true;
            } catch (Exception q) {
                LOG.error("quarantining event {} failed", e.eventId(), q);
                return false;
            }
        }
    }

    /** Called with every committed batch (on the ingest thread; must hand off and return quickly). */
    public void onCommitted(Consumer<List<LaneEvent>> listener) {
        committed.add(listener);
    }

    private void acknowledge(List<LaneEvent> events) {
        List<LaneEvent> copy = List.copyOf(events);
        committed.forEach(l -> l.accept(copy));
        Map<String, List<String>> byLane = new LinkedHashMap<>();
        for (LaneEvent e : events) {
            byLane.computeIfAbsent(e.laneId(), k -> new ArrayList<>()).add(e.eventId());
        }
        byLane.forEach((lane, ids) -> acks.accept(new EventAck(lane, ids)));
    }

    @Override
    public void close() {
        running = false;
        worker.interrupt();
        try {
            worker.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
