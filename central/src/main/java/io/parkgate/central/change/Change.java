package io.parkgate.central.change;

import io.parkgate.wire.LaneEvent;
import java.util.List;

/**
 * Something a service changed and committed, announced so that those who show it (the console's live feed) need
 * not ask the database again and again whether anything changed.
 */
public sealed interface Change {

    /** Register rows stored for the first time (duplicates of rows held already are not announced again). */
    record PassagesStored(List<LaneEvent> events) implements Change {

        public PassagesStored {
            events = List.copyOf(events);
        }
    }

    /** The exception queue changed: a case opened, claimed, resolved, escalated or its vehicle released. */
    record ExceptionsChanged() implements Change {
    }

    /** An attendant's lane note was stored. */
    record NoteRecorded(RecordedNote note) implements Change {
    }

    /** A lane was provisioned or reported its status. */
    record LaneChanged(String laneId) implements Change {
    }
}
