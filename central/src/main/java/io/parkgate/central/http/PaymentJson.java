package io.parkgate.central.http;

import io.parkgate.central.passage.PaymentService.DeskPayment;
import io.parkgate.central.passage.PaymentService.ExitAllowance;
import io.parkgate.central.passage.PaymentService.Grace;
import io.parkgate.central.passage.PaymentService.PaymentRecord;
import io.parkgate.central.passage.PaymentService.Waiver;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Desk payments as the console and the pay stations are sent them (the shape they were built on). */
final class PaymentJson {

    private PaymentJson() {
    }

    static JsonObject of(DeskPayment p) {
        JsonObject o = p.grace() == null
                ? new JsonObject().put("plate", p.plate()).put("prepaid", false).put("paidAt", p.paidAt().toString())
                : of(p.grace());
        return o.put("id", p.id()).put("receiptNo", p.receiptNo()).put("amountFen", p.amountFen())
                .put("feeDueFen", p.feeDueFen()).put("partial", p.partial()).put("paidTowardFen", p.paidTowardFen())
                .put("remainingFen", p.remainingFen()).put("method", p.method().name()).put("takenBy", p.takenBy())
                .put("post", p.post());
    }

    static JsonObject of(Waiver w) {
        return of(w.grace()).put("id", w.id()).put("receiptNo", w.receiptNo()).put("waivedFen", w.waivedFen())
                .put("paidTowardFen", w.paidTowardFen()).put("feeDueFen", w.feeDueFen()).put("method", "WAIVED")
                .put("takenBy", w.takenBy()).put("credited", w.creditedFen()).put("post", w.post());
    }

    static JsonObject of(ExitAllowance a) {
        JsonObject o = a.grace() == null ? new JsonObject().put("plate", a.plate()).put("prepaid", false)
                : of(a.grace()).put("receiptNo", a.receiptNo());
        return o.put("partialPaidFen", a.partialPaidFen());
    }

    /** The register's rows: what was not recorded is left out. */
    static JsonArray of(List<PaymentRecord> rows) {
        JsonArray out = new JsonArray();
        for (PaymentRecord r : rows) {
            JsonObject o = new JsonObject().put("id", r.id());
            putIfSet(o, "receiptNo", r.receiptNo());
            o.put("plate", r.plate()).put("amountFen", r.amountFen()).put("method", r.method())
                    .put("paidAt", r.paidAt().toString());
            putIfSet(o, "post", r.post());
            putIfSet(o, "takenBy", r.takenBy());
            o.put("partial", r.partial());
            putIfSet(o, "dueFen", r.dueFen());
            putIfSet(o, "creditedFen", r.creditedFen());
            putIfSet(o, "settledBy", r.settledBy());
            putIfSet(o, "note", r.note());
            out.add(o);
        }
        return out;
    }

    private static JsonObject of(Grace g) {
        JsonObject o = new JsonObject().put("plate", g.plate()).put("prepaid", true)
                .put("paidAt", g.paidAt().toString()).put("freeUntil", g.freeUntil().toString())
                .put("exitAt", g.exitAt().toString()).put("free", g.free());
        if (!g.free()) {
            o.put("chargeFrom", g.freeUntil().toString());
        }
        return o.put("remark", g.remark());
    }

    private static void putIfSet(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
