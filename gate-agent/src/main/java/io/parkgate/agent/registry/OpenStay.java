package io.parkgate.agent.registry;

import io.parkgate.tariff.PayerCategory;
import java.time.Instant;
import java.util.Objects;

/**
 * A vehicle currently inside: what its entry recorded. A plain record so the journal can store it.
 *
 * @param entryEventId the entry event's id, unique
 * @param plate        the plate as the entry decision recorded it (registered plate when matched), or
 *                     null for a card-only entry. A stay with neither plate nor card (a plateless vehicle
 *                     the supervisor let in) is kept, but can only be found by its id
 * @param card         the card presented at entry, or null
 * @param entryTime    when the vehicle entered
 * @param laneId       the entry lane
 * @param payer        the tariff category decided at entry
 * @param prepaidUntil the time up to which the stay is already paid for (a pass ending during the
 *                     stay, a prepayment), or null
 */
public record OpenStay(String entryEventId, String plate, String card, Instant entryTime, String laneId,
                       PayerCategory payer, Instant prepaidUntil) {

    public OpenStay {
        Objects.requireNonNull(entryEventId, "entryEventId");
        Objects.requireNonNull(entryTime, "entryTime");
        Objects.requireNonNull(payer, "payer");
    }
}
