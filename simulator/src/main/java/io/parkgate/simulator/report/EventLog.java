package io.parkgate.simulator.report;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every {@link SimEvent} of a run, in order, with listeners for those who wait on one. Thread-safe. */
public final class EventLog {

    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    private final List<SimEvent> events = new ArrayList<>();
    private final List<Consumer<SimEvent>> listeners = new CopyOnWriteArrayList<>();

    public void add(SimEvent e) {
        synchronized (events) {
            events.add(e);
        }
        if (e.type() == SimEvent.Type.VIOLATION || e.type() == SimEvent.Type.EXPECTATION_FAILED) {
            LOG.warn("{} {} {} {}", e.lane(), e.type(), e.vehicle() == null ? "-" : e.vehicle(), e.detail());
        } else {
            LOG.debug("{} {} {} {}", e.lane(), e.type(), e.vehicle() == null ? "-" : e.vehicle(), e.detail());
        }
        listeners.forEach(l -> l.accept(e));
    }

    /**
     * Called for every event from now on, on the thread that added it, often while a device holds its
     * lock: a listener must return at once and must not call into lanes or devices (schedule instead).
     */
    public void subscribe(Consumer<SimEvent> listener) {
        listeners.add(listener);
    }

    public void unsubscribe(Consumer<SimEvent> listener) {
        listeners.remove(listener);
    }

    public List<SimEvent> all() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public List<SimEvent> matching(Predicate<SimEvent> p) {
        return all().stream().filter(p).toList();
    }

    public List<SimEvent> ofType(SimEvent.Type type) {
        return matching(e -> e.type() == type);
    }
}
