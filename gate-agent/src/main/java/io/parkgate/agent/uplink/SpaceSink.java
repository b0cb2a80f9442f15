package io.parkgate.agent.uplink;

import io.parkgate.wire.SpaceCount;

/**
 * Receives the car park's free spaces as central counts them (retained: the latest count arrives after every
 * connect). The values are as central sent them; the sink judges them. Called from the uplink's inbound
 * thread.
 */
public interface SpaceSink {

    void spaces(SpaceCount count);

    SpaceSink IGNORE = count -> { };
}
