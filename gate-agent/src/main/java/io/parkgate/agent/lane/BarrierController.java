package io.parkgate.agent.lane;

import java.util.concurrent.CompletionStage;

/**
 * The lane's barrier relays and traffic lamp.
 *
 * <p>Error model: each call completes normally only when the controller confirmed the command.
 * A command that still fails after the configured retries completes exceptionally with
 * {@link DeviceFaultException}; the implementation has already logged it at WARN and set the device
 * state to FAULT. Calls never block the caller and never throw. The implementation does not decide
 * anything: safety rules (never CLOSE over a vehicle) are the lane's, checked before calling.
 */
public interface BarrierController {

    CompletionStage<Void> pulseOpen();

    CompletionStage<Void> pulseClose();

    /** Green (true) or red (false). */
    CompletionStage<Void> setLamp(boolean green);
}
