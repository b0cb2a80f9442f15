package io.parkgate.agent.port;

import java.util.concurrent.CompletionStage;

/**
 * The lane's barrier relays and traffic lamp.
 *
 * <p>Error model: each call completes normally only when the controller confirmed the command.
 * A command that still fails after the configured retries completes exceptionally with
 * {@link DeviceFaultException}; the implementation has already logged it at WARN and set the device
 * state to FAULT. A command whose reply was lost but whose effect the controller confirms on a
 * read-back is not repeated (a pulse must not be given twice). After the controller was silent or
 * reconnected, its set-up (pulse time) is written again before anything else. Calls never block the
 * caller and never throw. The implementation does not decide
 * anything: safety rules (never CLOSE over a vehicle) are the lane's, checked before calling.
 */
public interface BarrierController {

    CompletionStage<Void> pulseOpen();

    /**
     * OPEN for a passage being journalled: written only once {@code journalled} completes with true, never when
     * it completes with false or fails. A driver may get ready meanwhile (wake its thread, wait out the bus
     * silence), so its preparation overlaps the journal's commit instead of following it. By default OPEN is
     * asked for when {@code journalled} completes with true.
     *
     * @return completes once OPEN was written, with null also when it was not to be written
     */
    default CompletionStage<Void> pulseOpenOnce(CompletionStage<Boolean> journalled) {
        return journalled.thenCompose(ok -> Boolean.TRUE.equals(ok) ? pulseOpen()
                : java.util.concurrent.CompletableFuture.completedFuture(null));
    }

    /**
     * Pulses CLOSE unless a loop is occupied on a reading taken immediately before the write (the last
     * poll may be tens of milliseconds old, and a car may have rolled on since). That fresh reading is
     * also reported to the lane's {@link LaneEventSink#inputs} when it changed.
     *
     * @return completes with true when CLOSE was written, false when it was withheld for an occupied loop
     */
    CompletionStage<Boolean> pulseClose();

    /**
     * The lane is deciding on a vehicle just identified: an OPEN may follow within a millisecond. A driver may keep
     * its line free for it until {@link #decided} (the I/O controller holds a poll that falls due meanwhile, so OPEN
     * does not wait behind the poll's transaction and bus silence). Bounded by the driver: a lane that never says
     * {@link #decided} delays nothing for long.
     */
    default void deciding() {
    }

    /** Ends {@link #deciding}: whatever the lane decided has been handed over. */
    default void decided() {
    }

    /** Green (true) or red (false). */
    CompletionStage<Void> setLamp(boolean green);
}
