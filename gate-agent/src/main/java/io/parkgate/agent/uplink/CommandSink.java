package io.parkgate.agent.uplink;

import io.parkgate.wire.Command;

/**
 * Receives only commands that the uplink authenticated: right lane, valid HMAC signature, not expired,
 * never seen before. The lane may open the barrier for them (docs/protocols.md: "a release command it
 * authenticated"). Called from the uplink's inbound thread; implementations hand over and return.
 */
public interface CommandSink {

    void accept(Command command);
}
