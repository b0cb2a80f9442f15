package io.parkgate.central.change;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the services announce what they committed. Listeners are called on the announcing thread (an event loop,
 * or central's ingest thread) and must not block; one that fails is logged and the others are still told, so a
 * broken listener never fails the service's work, which is committed already.
 */
public final class Changes {

    private static final Logger LOG = LoggerFactory.getLogger(Changes.class);

    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener for every change announced from now on. */
    public void listen(Consumer<Change> listener) {
        listeners.add(listener);
    }

    /** Tells every listener about a committed change. */
    public void announce(Change change) {
        for (Consumer<Change> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.warn("a listener failed on {}: {}", change.getClass().getSimpleName(), e.toString(), e);
            }
        }
    }
}
