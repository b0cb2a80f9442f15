package io.parkgate.central.shift;

import io.parkgate.central.error.CentralException;

/**
 * What the outgoing attendant fills in on form FM-RW528 (停车场值班交接班登记表).
 *
 * @param toAttendant the receiving attendant's user name
 * @param cashFen     the parking fees in cash handed over (停车费), in fen
 */
public record HandoverForm(String toAttendant, String dutyNotes, int walkieTalkies, int keys, int batons,
                           int flashlights, int tickets, long cashFen, String remarks) {

    public HandoverForm {
        if (toAttendant == null || toAttendant.isBlank()) {
            throw CentralException.badRequest("toAttendant (the receiving attendant) is required");
        }
        if (walkieTalkies < 0 || keys < 0 || batons < 0 || flashlights < 0 || tickets < 0) {
            throw CentralException.badRequest("counted items must not be negative");
        }
        if (cashFen < 0) {
            throw CentralException.badRequest("cashFen must not be negative, was " + cashFen);
        }
    }
}
