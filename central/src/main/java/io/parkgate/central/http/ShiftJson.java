package io.parkgate.central.http;

import io.parkgate.central.shift.CurrentShift;
import io.parkgate.central.shift.Handover;
import io.parkgate.central.shift.HandoverSummary;
import io.parkgate.central.shift.Shift;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * Shifts and handover forms as the booth, the supervisor's screen and the printed form FM-RW528 are sent them (the
 * shape they were built on): the stored columns in camelCase and in the table's order, times as ISO-8601 instants,
 * what was not recorded left out; then what central adds, where a name not known is sent as null.
 */
final class ShiftJson {

    private ShiftJson() {
    }

    static JsonObject of(Shift s) {
        JsonObject o = new JsonObject().put("id", s.id()).put("post", s.post()).put("attendant", s.attendant())
                .put("startedAt", s.startedAt().toString());
        putIfSet(o, "endedAt", s.endedAt());
        putIfSet(o, "name", s.name());
        return o;
    }

    static JsonObject of(CurrentShift s) {
        JsonObject o = of(s.shift());
        putIfSet(o, "handoverFormNo", s.handoverFormNo());
        return o;
    }

    static JsonArray of(List<HandoverSummary> list) {
        JsonArray out = new JsonArray();
        for (HandoverSummary h : list) {
            JsonObject o = new JsonObject().put("id", h.id()).put("formNo", h.formNo()).put("post", h.post())
                    .put("fromAttendant", h.fromAttendant()).put("toAttendant", h.toAttendant());
            putIfSet(o, "fromName", h.fromName());
            putIfSet(o, "toName", h.toName());
            o.put("createdAt", h.createdAt().toString());
            putIfSet(o, "acceptedAt", h.acceptedAt());
            putIfSet(o, "cashFen", h.cashFen());
            putIfSet(o, "expectedCashFen", h.expectedCashFen());
            putIfSet(o, "differenceFen", h.differenceFen());
            out.add(o);
        }
        return out;
    }

    static JsonObject of(Handover h) {
        JsonObject o = new JsonObject().put("id", h.id()).put("formNo", h.formNo()).put("shiftId", h.shiftId())
                .put("post", h.post()).put("fromAttendant", h.fromAttendant()).put("toAttendant", h.toAttendant())
                .put("createdAt", h.createdAt().toString());
        putIfSet(o, "dutyNotes", h.dutyNotes());
        o.put("walkieTalkies", h.walkieTalkies()).put("keys", h.keys()).put("batons", h.batons())
                .put("flashlights", h.flashlights()).put("tickets", h.tickets()).put("cashFen", h.cashFen())
                .put("expectedCashFen", h.expectedCashFen());
        putIfSet(o, "remarks", h.remarks());
        putIfSet(o, "acceptedAt", h.acceptedAt());
        putIfSet(o, "nextShiftId", h.nextShiftId());
        putIfSet(o, "supervisor", h.supervisor());
        putIfSet(o, "signedAt", h.signedAt());
        o.put("differenceFen", h.differenceFen()).put("cashMatches", h.cashMatches())
                .put("shiftStartedAt", h.shiftStartedAt().toString())
                .put("shiftName", h.shiftName() == null ? null : h.shiftName().name());
        o.put("fromName", h.fromName()).put("toName", h.toName()).put("supervisorName", h.supervisorName());
        if (h.nextShiftId() != null) {
            o.put("nextShiftName", h.nextShiftName() == null ? null : h.nextShiftName().name());
        }
        JsonArray resolved = new JsonArray();
        for (Handover.ResolvedCase x : h.exceptionsResolved()) {
            JsonObject r = new JsonObject().put("id", x.id()).put("laneId", x.laneId());
            putIfSet(r, "plate", x.plate());
            putIfSet(r, "code", x.code());
            putIfSet(r, "outcome", x.outcome());
            putIfSet(r, "feeFen", x.feeFen());
            putIfSet(r, "feeAction", x.feeAction());
            putIfSet(r, "resolvedBy", x.resolvedBy());
            putIfSet(r, "resolvedAt", x.resolvedAt());
            resolved.add(r);
        }
        JsonArray payments = new JsonArray();
        for (Handover.DeskPayment p : h.payments()) {
            JsonObject r = new JsonObject();
            putIfSet(r, "receiptNo", p.receiptNo());
            r.put("plate", p.plate()).put("amountFen", p.amountFen()).put("method", p.method())
                    .put("paidAt", p.paidAt().toString()).put("takenBy", p.takenBy()).put("partial", p.partial());
            putIfSet(r, "dueFen", p.dueFen());
            putIfSet(r, "creditedFen", p.creditedFen());
            putIfSet(r, "note", p.note());
            payments.add(r);
        }
        return o.put("exceptionsResolved", resolved).put("notes", NoteJson.of(h.notes())).put("payments", payments);
    }

    /** Times as ISO-8601 instants, enumerations by name, nothing for what was not recorded. */
    private static void putIfSet(JsonObject o, String key, Object value) {
        if (value instanceof Instant t) {
            o.put(key, t.toString());
        } else if (value instanceof Enum<?> e) {
            o.put(key, e.name());
        } else if (value != null) {
            o.put(key, value);
        }
    }
}
