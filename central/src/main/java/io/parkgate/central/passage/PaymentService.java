package io.parkgate.central.passage;

import io.parkgate.central.CentralException;
import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.db.Database;
import io.parkgate.central.db.JsonRows;
import io.parkgate.central.db.Rows;
import io.parkgate.plate.PlateColour;
import io.parkgate.tariff.FeeRequest;
import io.parkgate.tariff.TariffEngine;
import io.parkgate.tariff.VehicleClass;
import io.parkgate.wire.PaymentMethod;
import io.parkgate.wire.Prepayment;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Payment of a stay away from the lane (pay station or supervisor's desk). The exit is then free within
 * the grace period; beyond it the lane charges from the end of the grace period.
 */
public final class PaymentService {

    private final Database db;
    private final Clock clock;
    private final Duration grace;
    private final java.util.List<java.util.function.Consumer<Prepayment>> listeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    private final TariffEngine tariff;

    /** @param tariff the site's tariff, or null: then no prepayment can be priced and none is taken */
    public PaymentService(Database db, Clock clock, Duration grace, TariffEngine tariff) {
        this.db = db;
        this.clock = clock;
        this.grace = grace;
        this.tariff = tariff;
    }

    /** Called with each committed prepayment (central broadcasts it to the lanes). */
    public void onPrepaid(java.util.function.Consumer<Prepayment> listener) {
        listeners.add(listener);
    }

    /** Prepayments made since {@code since}, oldest first: what a reconnecting lane is sent again. */
    public Future<java.util.List<Prepayment>> since(Instant since) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM prepayments WHERE paid_at>=? ORDER BY paid_at")) {
                Rows.setAll(ps, since);
                java.util.List<Prepayment> out = new java.util.ArrayList<>();
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Instant paid = Rows.instant(rs, "paid_at");
                        out.add(new Prepayment(rs.getString("id"), rs.getString("plate"), rs.getLong("amount_fen"),
                                PaymentMethod.valueOf(rs.getString("method")), paid, paid.plus(grace)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * Takes a prepayment at a desk. Only cash is typed in by people (mobile and card payments come from a
     * payment source, never from a form), and it must cover what the stay owes now: central prices the
     * plate's open stay in its register with the site's tariff, so no one can make an exit free by typing
     * a smaller amount. The answer says what was due.
     */
    public Future<JsonObject> prepay(Principal actor, String plate, long amountFen, PaymentMethod method, String post) {
        try {
            actor.require(Role.ATTENDANT, Role.SUPERVISOR, Role.MANAGER);
            if (plate == null || plate.isBlank()) {
                throw CentralException.badRequest("plate is required");
            }
            if (amountFen < 0) {
                throw CentralException.badRequest("amountFen must not be negative, was " + amountFen);
            }
            if (method != PaymentMethod.CASH) {
                throw CentralException.badRequest("method must be CASH: a desk takes cash; mobile and card payments"
                        + " are recorded by their payment source, not typed in");
            }
            if (tariff == null) {
                throw CentralException.conflict("central has no tariff for this site: pay at the lane");
            }
        } catch (CentralException e) {
            return Future.failedFuture(e);
        }
        return db.tx(c -> {
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            long due = feeDue(c, plate, now);
            if (amountFen < due) {
                throw CentralException.conflict("少收: " + plate + " 应收 " + yuan(due) + " 元, 实收 " + yuan(amountFen)
                        + " 元 (due " + due + " fen, paid " + amountFen + " fen): not taken");
            }
            String id = UUID.randomUUID().toString();
            // Stored as epoch milliseconds: answer with exactly what is stored and sent to the lanes.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO prepayments(id, plate, amount_fen, method, "
                    + "paid_at, post, taken_by) VALUES (?,?,?,?,?,?,?)")) {
                Rows.setAll(ps, id, plate, amountFen, method, now, post, actor.username());
                ps.executeUpdate();
            }
            AuditLog.append(c, now, actor.username(), AuditAction.PREPAYMENT, plate,
                    amountFen + " fen " + method + ", due " + due + " fen");
            return allowance(plate, now, now).put("id", id).put("amountFen", amountFen).put("feeDueFen", due)
                    .put("method", method.name()).put("takenBy", actor.username());
        }).onSuccess(o -> {
            Instant paid = Instant.parse(o.getString("paidAt"));
            Prepayment p = new Prepayment(o.getString("id"), plate, amountFen, method, paid, paid.plus(grace));
            listeners.forEach(l -> l.accept(p));
        });
    }

    /**
     * What the plate owes at {@code at}: the larger of its open stay priced with the site's tariff and the fee
     * an exit lane is holding it for right now (the plate's latest event is an unpaid exit with a fee: the lane
     * priced it, e.g. a car with no entry record). A plate with neither cannot be prepaid.
     */
    private long feeDue(java.sql.Connection c, String plate, Instant at) throws java.sql.SQLException {
        Long stay = openStayFee(c, plate, at);
        Long held = heldAtExitFee(c, plate);
        if (stay == null && held == null) {
            throw CentralException.conflict(plate + " has no open stay in the register and is not held at an exit:"
                    + " charge it at the lane");
        }
        return Math.max(stay == null ? 0 : stay, held == null ? 0 : held);
    }

    private Long openStayFee(java.sql.Connection c, String plate, Instant at) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT occurred_at, colour FROM lane_events e WHERE plate=? "
                + "AND type='ENTRY' AND NOT EXISTS (SELECT 1 FROM lane_events x WHERE x.plate=e.plate "
                + "AND x.type='EXIT' AND x.occurred_at>=e.occurred_at) ORDER BY occurred_at DESC LIMIT 1")) {
            Rows.setAll(ps, plate);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Instant entry = Rows.instant(rs, "occurred_at");
                String colour = rs.getString("colour");
                VehicleClass vc = VehicleClass.fromPlate(colour == null ? null : PlateColour.valueOf(colour), plate);
                return tariff.quote(FeeRequest.temporary(vc, entry, at.isBefore(entry) ? entry : at)).fen();
            }
        }
    }

    private static Long heldAtExitFee(java.sql.Connection c, String plate) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT type, fee_fen, payment_method FROM lane_events "
                + "WHERE plate=? ORDER BY occurred_at DESC LIMIT 1")) {
            Rows.setAll(ps, plate);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !"EXIT".equals(rs.getString("type")) || rs.getString("payment_method") != null) {
                    return null;
                }
                long fee = rs.getLong("fee_fen");
                return rs.wasNull() || fee <= 0 ? null : fee;
            }
        }
    }

    private static String yuan(long fen) {
        return java.math.BigDecimal.valueOf(fen, 2).toPlainString();
    }

    /** What an exit at {@code exitAt} (null: now) owes after the plate's latest prepayment. */
    public Future<JsonObject> exitAllowance(String plate, Instant exitAtOrNull) {
        Instant exitAt = exitAtOrNull == null ? clock.instant() : exitAtOrNull;
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM prepayments WHERE plate=? AND paid_at<=? ORDER BY paid_at DESC LIMIT 1")) {
                Rows.setAll(ps, plate, exitAt);
                JsonArray a = JsonRows.all(ps);
                if (a.isEmpty()) {
                    return new JsonObject().put("plate", plate).put("prepaid", false);
                }
                return allowance(plate, Instant.parse(a.getJsonObject(0).getString("paidAt")), exitAt);
            }
        });
    }

    private JsonObject allowance(String plate, Instant paidAt, Instant exitAt) {
        Instant freeUntil = paidAt.plus(grace);
        JsonObject o = new JsonObject().put("plate", plate).put("prepaid", true).put("paidAt", paidAt.toString())
                .put("freeUntil", freeUntil.toString()).put("exitAt", exitAt.toString());
        if (exitAt.isAfter(freeUntil)) {
            o.put("free", false).put("chargeFrom", freeUntil.toString())
                    .put("remark", "预付后超出" + grace.toMinutes() + "分钟宽限期，超时部分计费");
        } else {
            o.put("free", true).put("remark", "已预付，" + grace.toMinutes() + "分钟内免费出场");
        }
        return o;
    }
}
