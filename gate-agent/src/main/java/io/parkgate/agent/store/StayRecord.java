package io.parkgate.agent.store;

import io.parkgate.tariff.PayerCategory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * An open stay: a vehicle that entered and has not left. The lane rebuilds its in-memory index of
 * vehicles inside from these at start.
 *
 * @param entryEventId the entry's register event id (UUID)
 * @param entryLaneId  the lane it entered by
 * @param plate        the decided plate, or null for a plateless vehicle that entered by card
 * @param plateAsRead  the camera's text, or null
 * @param card         the card presented at entry, or null
 * @param payer        the tariff category decided at entry
 * @param entryTime    when it entered (millisecond precision)
 */
public record StayRecord(String entryEventId, String entryLaneId, String plate, String plateAsRead, String card,
                         PayerCategory payer, Instant entryTime) {

    public StayRecord {
        Require.uuid("entryEventId", entryEventId);
        Require.text("entryLaneId", entryLaneId);
        Require.present("payer", payer);
        entryTime = Require.present("entryTime", entryTime).truncatedTo(ChronoUnit.MILLIS);
    }

    /** The stay an entry register row opens. */
    public static StayRecord of(PassageRecord entry) {
        return new StayRecord(entry.eventId(), entry.laneId(), entry.plate(), entry.plateAsRead(), entry.card(),
                entry.payer(), entry.entryTime());
    }
}
