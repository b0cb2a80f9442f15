package io.parkgate.central.http;

import io.parkgate.central.shift.CurrentShift;
import io.parkgate.central.shift.Handover;
import io.parkgate.central.shift.HandoverSummary;
import io.parkgate.central.shift.Shift;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
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
        JsonPut.ifSet(o, "endedAt", s.endedAt());
        JsonPut.ifSet(o, "name", s.name());
        return o;
    }

    static JsonObject of(CurrentShift s) {
        JsonObject o = of(s.shift());
        JsonPut.ifSet(o, "handoverFormNo", s.handoverFormNo());
        return o;
    }

    static JsonArray of(List<HandoverSummary> list) {
        JsonArray out = new JsonArray();
        for (HandoverSummary h : list) {
            JsonObject o = new JsonObject().put("id", h.id()).put("formNo", h.formNo()).put("post", h.post())
                    .put("fromAttendant", h.fromAttendant()).put("toAttendant", h.toAttendant());
            JsonPut.ifSet(o, "fromName", h.fromName());
            JsonPut.ifSet(o, "toName", h.toName());
            o.put("createdAt", h.createdAt().toString());
            JsonPut.ifSet(o, "acceptedAt", h.acceptedAt());
            JsonPut.ifSet(o, "cashFen", h.cashFen());
            JsonPut.ifSet(o, "expectedCashFen", h.expectedCashFen());
            JsonPut.ifSet(o, "differenceFen", h.differenceFen());
            out.add(o);
        }
        return out;
    }

    static JsonObject of(Handover h) {
        JsonObject o = new JsonObject().put("id", h.id()).put("formNo", h.formNo()).put("shiftId", h.shiftId())
                .put("post", h.post()).put("fromAttendant", h.fromAttendant()).put("toAttendant", h.toAttendant())
                .put("createdAt", h.createdAt().toString());
        JsonPut.ifSet(o, "dutyNotes", h.dutyNotes());
        o.put("walkieTalkies", h.walkieTalkies()).put("keys", h.keys()).put("batons", h.batons())
                .put("flashlights", h.flashlights()).put("tickets", h.tickets()).put("cashFen", h.cashFen())
                .put("expectedCashFen", h.expectedCashFen());
        JsonPut.ifSet(o, "remarks", h.remarks());
        JsonPut.ifSet(o, "acceptedAt", h.acceptedAt());
        JsonPut.ifSet(o, "nextShiftId", h.nextShiftId());
        JsonPut.ifSet(o, "supervisor", h.supervisor());
        JsonPut.ifSet(o, "signedAt", h.signedAt());
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
            JsonPut.ifSet(r, "plate", x.plate());
            JsonPut.ifSet(r, "code", x.code());
            JsonPut.ifSet(r, "outcome", x.outcome());
            JsonPut.ifSet(r, "feeFen", x.feeFen());
            JsonPut.ifSet(r, "feeAction", x.feeAction());
            JsonPut.ifSet(r, "resolvedBy", x.resolvedBy());
            JsonPut.ifSet(r, "resolvedAt", x.resolvedAt());
            resolved.add(r);
        }
        JsonArray payments = new JsonArray();
        for (Handover.DeskPayment p : h.payments()) {
            JsonObject r = new JsonObject();
            JsonPut.ifSet(r, "receiptNo", p.receiptNo());
            r.put("plate", p.plate()).put("amountFen", p.amountFen()).put("method", p.method())
                    .put("paidAt", p.paidAt().toString()).put("takenBy", p.takenBy()).put("partial", p.partial());
            JsonPut.ifSet(r, "dueFen", p.dueFen());
            JsonPut.ifSet(r, "creditedFen", p.creditedFen());
            JsonPut.ifSet(r, "note", p.note());
            payments.add(r);
        }
        return o.put("exceptionsResolved", resolved).put("notes", NoteJson.of(h.notes())).put("payments", payments);
    }
}
