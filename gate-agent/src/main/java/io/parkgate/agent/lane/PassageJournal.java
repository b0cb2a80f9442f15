package io.parkgate.agent.lane;

/**
 * Where the lane journals what happened. Every method returns only once the record is durable
 * (committed to the lane's local database), because the lane calls {@link #passage} before it pulses
 * OPEN. Implementations throw {@link JournalException} when they cannot record; the lane then does not
 * open, and says so.
 */
public interface PassageJournal {

    /** An authorised entry or exit, with its decision, fee and payment. */
    void passage(LaneAction.CommitPassage passage);

    /** A vehicle held for its fee or for the supervisor. */
    void held(LaneAction.Hold hold);

    void alarm(LaneAction.RaiseAlarm alarm);

    /** The authorised vehicle crossed the barrier line. */
    void passed(LaneAction.VehiclePassed passed);

    /** Raised when a record could not be made durable. */
    final class JournalException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public JournalException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
