package io.parkgate.agent.lane;

/**
 * Where the lane journals what happened. Every method returns only once the record is durable
 * (committed to the lane's local database), because the lane calls {@link #passage} before it pulses
 * OPEN. Implementations throw {@link JournalException} when they cannot record; the lane then does not
 * open, and says so.
 */
public interface PassageJournal {

    /**
     * An authorised entry or exit, with its decision, fee and payment: durable when this returns.
     *
     * @return the rest of its recording, which the lane does after handing OPEN over: none of it may keep the
     *         barrier shut
     */
    Registration passage(LaneAction.CommitPassage passage);

    /** What is left to record of a journalled passage once its OPEN is on its way; neither part throws. */
    interface Registration {
        /** Right after OPEN is handed over, on the lane's thread: what the lane's next decision reads. */
        void opened();

        /**
         * Once the barrier has answered the OPEN (or the I/O controller has given up on it), on the lane's thread:
         * the register row and the report to central, written away from the moment OPEN goes on the wire.
         */
        void register();
    }

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
