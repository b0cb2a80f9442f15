package io.parkgate.agent.lane;

import io.parkgate.agent.decision.Decision;
import java.time.Instant;

/**
 * What the lane state machine asks its runtime to do, in order. The runtime executes a list of
 * actions front to back, so a {@link CommitPassage} placed before {@link PulseOpen} is journalled
 * before the barrier moves.
 */
public sealed interface LaneAction {

    /** A vehicle was identified and decided; for the log and the console. */
    record Decided(VehicleVisit visit, Decision decision) implements LaneAction {
    }

    /** Journal the passage (entry or exit) as authorised; must be durable before the barrier opens. */
    record CommitPassage(VehicleVisit visit, Decision decision, Authorisation authorisation, Instant at)
            implements LaneAction {
    }

    /** The vehicle is held (docs/domain.md exception rule 1) or waits for its fee: raise it to the attendant. */
    record Hold(VehicleVisit visit, Decision decision, Instant at) implements LaneAction {
    }

    /** Tell the driver something on the lane display (Chinese). */
    record Announce(String message) implements LaneAction {
    }

    record PulseOpen() implements LaneAction {
    }

    record PulseClose() implements LaneAction {
    }

    record SetLamp(boolean green) implements LaneAction {
    }

    /**
     * Something a supervisor must know: forced passage, tailgating, a barrier that would not close.
     *
     * @param plate   the plate of the vehicle it concerns, or null
     * @param eventId the visit it concerns, or null
     */
    record RaiseAlarm(AlarmKind kind, String detail, Instant at, String plate, String eventId)
            implements LaneAction {

        public RaiseAlarm(AlarmKind kind, String detail, Instant at) {
            this(kind, detail, at, null, null);
        }
    }

    /** The authorised vehicle has crossed the barrier line. */
    record VehiclePassed(VehicleVisit visit, Instant at) implements LaneAction {
    }
}
