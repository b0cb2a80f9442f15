package io.parkgate.central.mqtt;

import io.parkgate.central.passage.PassageService;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.SpaceCodec;
import io.parkgate.wire.SpaceCount;
import io.parkgate.wire.Topics;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the car park's free spaces (余位) from the passages every lane reports: the capacity the site file
 * gives less the stays still open, and publishes the count, retained, on the site's
 * {@link Topics#spacesBroadcast()} whenever it changes, for the entry displays.
 *
 * <p>The open stays are read from the register once ({@link #load()}, again hourly by {@link #reload()}) and
 * then kept from each committed batch: an ENTRY opens its stay, an EXIT or a later ENTRY naming it in
 * {@code relatedId} (车已在场) closes it. Counting the whole register after every batch would hold central's
 * database for a long time on a large register (0.6 s at 300,000 events, measured), so it is done only then.
 * A batch may hold events stored before (an agent resends what was not acknowledged): opening a stay twice
 * changes nothing, and a resent ENTRY whose stay was closed recently stays closed; the hourly reload puts
 * right anything older.
 */
public final class SpaceCounter {

    private static final Logger LOG = LoggerFactory.getLogger(SpaceCounter.class);
    /** Closed stays remembered, so that a resent entry does not open its stay again. */
    static final int REMEMBERED_CLOSED = 100_000;

    private final Topics topics;
    private final PassageService passages;
    private final Clock clock;
    private final int capacity;
    private final BiPredicate<String, byte[]> publishRetained;
    private final Set<String> open = new HashSet<>();
    private final Map<String, Boolean> closed = new LinkedHashMap<>(1024, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_CLOSED;
        }
    };
    /** Non-null while the register is being read: batches committed meanwhile, applied again after. */
    private List<LaneEvent> duringLoad;
    private boolean loaded;
    private Long published;

    /**
     * @param capacity        the car park's spaces; 0 = the site shows no count, nothing is read or published
     * @param publishRetained publishes a retained message; false when it could not (not connected)
     */
    public SpaceCounter(Topics topics, PassageService passages, Clock clock, int capacity,
                        BiPredicate<String, byte[]> publishRetained) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacity);
        }
        this.topics = topics;
        this.passages = passages;
        this.clock = clock;
        this.capacity = capacity;
        this.publishRetained = publishRetained;
    }

    /** Reads the open stays from the register, then publishes the count. */
    public void load() {
        reload();
    }

    /** Reads the open stays from the register again (hourly), keeping batches committed meanwhile. */
    public synchronized void reload() {
        if (capacity == 0 || duringLoad != null) {
            return;
        }
        duringLoad = new ArrayList<>();
        passages.openStayIds().onComplete(r -> loaded(r.succeeded() ? r.result() : null, r.cause()));
    }

    private synchronized void loaded(Set<String> stays, Throwable failure) {
        List<LaneEvent> meanwhile = duringLoad;
        duringLoad = null;
        if (stays == null) {
            LOG.error("open stays could not be read for the free-space count", failure);
            return;
        }
        open.clear();
        open.addAll(stays);
        loaded = true;
        apply(meanwhile);
        publishIfChanged();
    }

    /** A committed batch of lane events: the stays it opens and closes, and the count if it changed. */
    public synchronized void committed(List<LaneEvent> events) {
        if (capacity == 0) {
            return;
        }
        if (duringLoad != null) {
            duringLoad.addAll(events); // the register may have been read before this batch
        }
        apply(events);
        if (loaded) {
            publishIfChanged();
        }
    }

    private void apply(List<LaneEvent> events) {
        for (LaneEvent e : events) {
            if (e.type() == EventType.ENTRY) {
                if (!closed.containsKey(e.eventId())) {
                    open.add(e.eventId());
                }
                if (e.relatedId() != null) {
                    close(e.relatedId()); // 车已在场: the new entry replaces the vehicle's earlier stay
                }
            } else if (e.type() == EventType.EXIT && e.relatedId() != null) {
                close(e.relatedId());
            }
        }
    }

    private void close(String entryEventId) {
        open.remove(entryEventId);
        closed.put(entryEventId, Boolean.TRUE);
    }

    /**
     * Publishes the count if it changed, or was never published (called after a lane's hello too, so a count
     * central could not publish while the broker was away goes out then).
     */
    public synchronized void publishIfChanged() {
        if (capacity == 0 || !loaded) {
            return;
        }
        long free = Math.max(0, capacity - open.size());
        if (published != null && published == free) {
            return;
        }
        if (publishRetained.test(topics.spacesBroadcast(),
                SpaceCodec.encode(new SpaceCount(capacity, free, clock.instant())))) {
            LOG.info("free spaces now {} of {} ({} stays open)", free, capacity, open.size());
            published = free;
        }
    }

    /** The count last published, or null before the first. */
    public synchronized Long published() {
        return published;
    }
}
