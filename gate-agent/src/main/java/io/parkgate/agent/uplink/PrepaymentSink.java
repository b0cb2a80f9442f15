package io.parkgate.agent.uplink;

import io.parkgate.wire.Prepayment;

/**
 * Receives stays paid away from the lane (docs/mqtt.md): the exit of that plate is free until
 * {@code freeUntil} and charged from then on. The same prepayment may arrive more than once (it is sent
 * again after every connect); key it by {@code id}. Called from the uplink's inbound thread.
 */
public interface PrepaymentSink {

    void prepaid(Prepayment prepayment);
}
