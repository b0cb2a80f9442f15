package io.parkgate.simulator.time;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Whether anything in the simulated car park is busy (a vehicle in a lane, an arm moving). While
 * everything is idle the scheduler skips simulated time ahead to the next scheduled event instead of
 * waiting for it. Lanes call {@link #changed()} when they may have become idle, to wake it.
 */
public final class Activity {

    private final List<BooleanSupplier> busyProbes = new CopyOnWriteArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /** Adds something that can be busy; {@code busy} must be cheap and must not call back into the scheduler. */
    public void register(BooleanSupplier busy) {
        busyProbes.add(busy);
    }

    public boolean allIdle() {
        for (BooleanSupplier p : busyProbes) {
            if (p.getAsBoolean()) {
                return false;
            }
        }
        return true;
    }

    void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public void changed() {
        listeners.forEach(Runnable::run);
    }
}
