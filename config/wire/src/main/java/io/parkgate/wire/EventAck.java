package io.parkgate.wire;

import java.util.List;

/** Central's answer: these events of the lane are durably stored; the agent may trim them. */
public record EventAck(String laneId, List<String> eventIds) {

    public EventAck {
        eventIds = List.copyOf(eventIds);
    }
}
