package io.parkgate.wire;

import java.time.Instant;
import java.util.List;

/**
 * Central's answer: these events of the lane are durably stored; the agent may trim them. An answer to a hello
 * carries no event ids and the clock echo instead.
 *
 * @param clock central's answer to a hello's {@code sentAt}, or null
 */
public record EventAck(String laneId, List<String> eventIds, ClockEcho clock) {

    public EventAck {
        eventIds = List.copyOf(eventIds);
    }

    public EventAck(String laneId, List<String> eventIds) {
        this(laneId, eventIds, null);
    }

    /**
     * Central's clock when it read a hello, with the lane's {@code sentAt} of that hello: the lane brackets
     * central's instant between sending and receiving, which tells it how far its own clock is off.
     */
    public record ClockEcho(Instant helloSentAt, Instant centralAt) {
    }
}
