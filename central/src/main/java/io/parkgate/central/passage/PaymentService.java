package io.parkgate.central.passage;

import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.plate.PlateColour;
import io.parkgate.sql.Rows;
import io.parkgate.tariff.FeeRequest;
import io.parkgate.tariff.TariffEngine;
import io.parkgate.tariff.VehicleClass;
import io.parkgate.tariff.Yuan;
import io.parkgate.wire.LaneStatus;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.PaymentMethod;
import io.parkgate.wire.Prepayment;
import io.parkgate.wire.WireFormatException;
import io.vertx.core.Future;
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

    private static final java.time.format.DateTimeFormatter RECEIPT_DAY =
            java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd");

    /** How long a lane's word that it holds a car at its exit is believed when pricing the stay. */
    static final Duration HOLD_BELIEVED = Duration.ofHours(1);

    private final TariffEngine tariff;
    private final java.time.ZoneId zone;
    private final String site;

    /**
     * @param site   the compound whose desk payments these are (each keeps its own receipt numbers)
     * @param tariff the site's tariff, or null: then no prepayment can be priced and none is taken
     * @param zone   the site's zone: receipt numbers count per local day
     */
    public PaymentService(Database db, String site, Clock clock, Duration grace, TariffEngine tariff,
                          java.time.ZoneId zone) {
        this.site = site;
        this.zone = zone;
        this.db = db;
        this.clock = clock;
        this.grace = grace;
        this.tariff = tariff;
    }

    /**
     * What a prepayment allows at an exit: free until the end of the grace period, charged from then on.
     *
     * @param remark what the booth shows (Chinese)
     */
    public record Grace(String plate, Instant paidAt, Instant freeUntil, Instant exitAt, boolean free, String remark) {
    }

    /**
     * A payment taken at a desk.
     *
     * @param grace         what the payment allows at an exit; null for a partial payment (the car stays held)
     * @param paidTowardFen everything paid toward the fee with this payment
     * @param remainingFen  what is still due after it (0 unless partial)
     */
    public record DeskPayment(String id, String receiptNo, String plate, Instant paidAt, Grace grace, long amountFen,
                              long feeDueFen, boolean partial, long paidTowardFen, long remainingFen,
                              PaymentMethod method, String takenBy, String post) {
    }

    /** A supervisor's waiver of what a partially paid stay still owed. */
    public record Waiver(String id, String receiptNo, Grace grace, long waivedFen, long paidTowardFen, long feeDueFen,
                         String takenBy, long creditedFen, String post) {
    }

    /**
     * What an exit owes after the plate's payments.
     *
     * @param grace          what its latest full prepayment allows, or null when it has none
     * @param receiptNo      that prepayment's receipt number (null for one stored before receipts were numbered)
     * @param partialPaidFen partial payments toward the current fee not yet completed
     */
    public record ExitAllowance(String plate, Grace grace, String receiptNo, long partialPaidFen) {
    }

    /** A stored desk payment as the register lists it; what was not recorded is null. */
    public record PaymentRecord(String id, String receiptNo, String plate, long amountFen, String method,
                                Instant paidAt, String post, String takenBy, boolean partial, Long dueFen,
                                Long creditedFen, String settledBy, String note) {
    }

    /** Called with each committed prepayment (central broadcasts it to the lanes). */
    public void onPrepaid(java.util.function.Consumer<Prepayment> listener) {
        listeners.add(listener);
    }

    /**
     * Prepayments made since {@code since}, oldest first: what a reconnecting lane is sent again. Partial payments
     * are not: a lane must not treat a part of its fee as paid.
     */
    public Future<java.util.List<Prepayment>> since(Instant since) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM prepayments WHERE site=? AND paid_at>=? AND partial=0 ORDER BY paid_at")) {
                Rows.setAll(ps, site, since);
                java.util.List<Prepayment> out = new java.util.ArrayList<>();
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(toLanes(rs));
                    }
                }
                return out;
            }
        });
    }

    /** A stored payment as the lanes are told it: by its receipt number, with all paid toward the fee. */
    private Prepayment toLanes(java.sql.ResultSet rs) throws java.sql.SQLException {
        Instant paid = Rows.instant(rs, "paid_at");
        Long credited = Rows.longOrNull(rs, "credited_fen");
        String receipt = rs.getString("receipt_no");
        return new Prepayment(receipt == null ? rs.getString("id") : receipt, rs.getString("plate"),
                credited == null ? rs.getLong("amount_fen") : credited, PaymentMethod.valueOf(rs.getString("method")),
                paid, paid.plus(grace));
    }

    /** As {@link #prepay(Principal, String, long, PaymentMethod, String, boolean)}, never partial. */
    public Future<DeskPayment> prepay(Principal actor, String plate, long amountFen, PaymentMethod method,
                                      String post) {
        return prepay(actor, plate, amountFen, method, post, false);
    }

    /**
     * Takes a prepayment at a desk. Only cash is typed in by people (mobile and card payments come from a
     * payment source, never from a form), and it must cover what the stay owes now: central prices the
     * plate's open stay in its register with the site's tariff, so no one can make an exit free by typing
     * a smaller amount. The answer says what was due and the receipt number.
     *
     * <p>With {@code partial}, less than what is still due is taken and recorded as a partial payment: it counts
     * as cash taken, but the lanes are not told (the car stays held); the payment that completes it, or a
     * supervisor's {@link #waive}, is passed to the lanes with everything paid toward the fee.
     *
     * <p>The cash is booked to the post of the caller's running shift, whatever post the request names
     * ({@link #deskPost}): that post's handover expects it.
     */
    public Future<DeskPayment> prepay(Principal actor, String plate, long amountFen, PaymentMethod method,
                                      String post, boolean partial) {
        return CentralException.checked(() -> {
            actor.require(site, Role.ATTENDANT, Role.SUPERVISOR, Role.MANAGER);
            if (plate == null || plate.isBlank()) {
                throw CentralException.badRequest("plate is required");
            }
            if (amountFen < 0) {
                throw CentralException.badRequest("amountFen must not be negative, was " + amountFen);
            }
            if (partial && amountFen == 0) {
                throw CentralException.badRequest("a partial payment must be more than 0 fen");
            }
            if (method != PaymentMethod.CASH) {
                throw CentralException.badRequest("method must be CASH: a desk takes cash; mobile and card payments"
                        + " are recorded by their payment source, not typed in");
            }
            if (tariff == null) {
                throw CentralException.conflict("central has no tariff for this site: pay at the lane");
            }
        }).compose(checked -> db.tx(c -> {
            String at = deskPost(c, actor, post, true);
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            long due = feeDue(c, plate, now);
            Outstanding before = outstanding(c, site, plate);
            long remaining = Math.max(0, due - before.fen());
            if (partial && amountFen >= remaining) {
                throw CentralException.badRequest("部分收费须少于尚欠 " + Yuan.of(remaining) + " 元 (a partial payment must be"
                        + " less than the " + remaining + " fen still due; take it as a full payment)");
            }
            if (!partial && amountFen < remaining) {
                throw CentralException.conflict("少收: " + plate + " 应收 " + Yuan.of(due) + " 元"
                        + (before.fen() > 0 ? ", 已部分收费 " + Yuan.of(before.fen()) + " 元" : "") + ", 实收 "
                        + Yuan.of(amountFen) + " 元 (due " + remaining + " fen, paid " + amountFen + " fen): not taken");
            }
            String id = UUID.randomUUID().toString();
            String receipt = nextReceipt(c, now);
            long credited = before.fen() + amountFen;
            // Stored as epoch milliseconds: answer with exactly what is stored and sent to the lanes.
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO prepayments(id, plate, amount_fen, method, "
                    + "paid_at, post, taken_by, receipt_no, partial, due_fen, credited_fen, site) VALUES "
                            + "(?,?,?,?,?,?,?,?,?,?,?,?)")) {
                Rows.setAll(ps, id, plate, amountFen, method, now, at, actor.username(), receipt, partial ? 1 : 0,
                        due, credited, site);
                ps.executeUpdate();
            }
            if (!partial) {
                settle(c, before, id);
            }
            AuditLog.append(c, site, now, actor.username(), AuditAction.PREPAYMENT, plate, receipt + ": " + amountFen
                    + " fen "
                    + method + (at == null ? " at the supervisor's desk (no post's handover)" : " at post " + at)
                    + (partial ? " PARTIAL, " + (remaining - amountFen) + " fen still due" : "")
                    + ", due " + due + " fen" + (before.fen() > 0 ? ", " + before.fen() + " fen paid before" : ""));
            return new DeskPayment(id, receipt, plate, now, partial ? null : grace(plate, now, now), amountFen, due,
                    partial, before.fen() + amountFen, partial ? remaining - amountFen : 0, method, actor.username(),
                    at);
        }).onSuccess(p -> {
            if (!partial) {
                announce(p.receiptNo(), plate, p.paidTowardFen(), method, p.paidAt());
            }
        }));
    }

    /**
     * A supervisor (or manager) waives what a partially paid stay still owes, with a reason: recorded (amount 0,
     * audited as a waiver) and passed to the lanes as paid, so the held car leaves.
     */
    public Future<Waiver> waive(Principal actor, String plate, String reason, String post) {
        return CentralException.checked(() -> {
            actor.require(site, Role.SUPERVISOR, Role.MANAGER);
            if (reason == null || reason.isBlank()) {
                throw CentralException.badRequest("a waiver needs a reason");
            }
            if (tariff == null) {
                throw CentralException.conflict("central has no tariff for this site");
            }
        }).compose(checked -> db.tx(c -> {
            String at = deskPost(c, actor, post, false);
            Instant now = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
            Outstanding before = outstanding(c, site, plate);
            if (before.fen() == 0) {
                throw CentralException.conflict(plate + " has no partial payment outstanding: nothing to waive here"
                        + " (a held car without one is the supervisor's case or a manual open)");
            }
            long due = feeDue(c, plate, now);
            long waived = Math.max(0, due - before.fen());
            String id = UUID.randomUUID().toString();
            String receipt = nextReceipt(c, now);
            long credited = Math.max(due, before.fen());
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO prepayments(id, plate, amount_fen, method, "
                    + "paid_at, post, taken_by, receipt_no, partial, due_fen, credited_fen, note, site) "
                    + "VALUES (?,?,?,?,?,?,?,?,0,?,?,?,?)")) {
                Rows.setAll(ps, id, plate, 0L, PaymentMethod.WAIVED, now, at, actor.username(), receipt, due,
                        credited, reason, site);
                ps.executeUpdate();
            }
            settle(c, before, id);
            AuditLog.append(c, site, now, actor.username(), AuditAction.FEE_WAIVED, plate, receipt + ": " + waived
                    + " fen waived after " + before.fen() + " fen paid, due " + due + " fen: " + reason);
            return new Waiver(id, receipt, grace(plate, now, now), waived, before.fen(), due, actor.username(),
                    credited, at);
        }).onSuccess(w -> announce(w.receiptNo(), plate, w.creditedFen(), PaymentMethod.WAIVED, w.grace().paidAt())));
    }

    /**
     * The post a desk payment is booked to: the handover of the shift running there expects its cash, and
     * nothing else does, so the caller cannot choose it freely. Whoever has a running shift (not yet handed
     * over) books to that shift's post and may name no other. An attendant without one takes no money. A
     * supervisor or manager without one (they need not run a shift) may name a post of the site's lanes: for
     * cash, only one with a shift running, whose handover then expects it; or name none, and the payment is
     * the supervisor's desk's (null): in no post's handover, but in the takings report, the payment list and the
     * audit log under their name.
     *
     * @param cash whether money changes hands (a waiver takes none: its post only says where it was made)
     */
    private String deskPost(java.sql.Connection c, Principal actor, String named, boolean cash)
            throws java.sql.SQLException {
        String onShift = runningShiftPost(c, actor.username());
        if (onShift != null) {
            if (named != null && !named.equals(onShift)) {
                throw CentralException.conflict("你在 " + onShift + " 岗当班，不能记到 " + named + " 岗 (your running shift"
                        + " is at post " + onShift + ": what you take is booked there, not at post " + named + ")");
            }
            return onShift;
        }
        if (!actor.is(site, Role.SUPERVISOR) && !actor.is(site, Role.MANAGER)) {
            throw CentralException.conflict("未开班，不能收费 (you have no running shift: start your shift at your post"
                    + " before taking money, so that its handover counts it)");
        }
        if (named == null) {
            return null;
        }
        if (!exists(c, "SELECT 1 FROM lanes WHERE site=? AND post=?", named)) {
            throw CentralException.badRequest("post: " + named + " is no post of site " + site);
        }
        if (cash && !exists(c, "SELECT 1 FROM shifts WHERE site=? AND post=? AND ended_at IS NULL", named)) {
            throw CentralException.conflict(named + " 岗无人当班，现金无人交班 (post " + named + " has no running shift, so"
                    + " no handover would count this cash: name no post to take it at the supervisor's desk)");
        }
        return named;
    }

    /** The post of the user's running shift at this site that is not handed over yet, or null. */
    private String runningShiftPost(java.sql.Connection c, String username) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT post FROM shifts s WHERE site=? AND attendant=? "
                + "AND ended_at IS NULL AND NOT EXISTS (SELECT 1 FROM handovers h WHERE h.shift_id=s.id) "
                + "ORDER BY started_at DESC LIMIT 1")) {
            Rows.setAll(ps, site, username);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private boolean exists(java.sql.Connection c, String sql, String post) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Rows.setAll(ps, site, post);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private void announce(String receipt, String plate, long creditedFen, PaymentMethod method, Instant paid) {
        Prepayment p = new Prepayment(receipt, plate, creditedFen, method, paid, paid.plus(grace));
        listeners.forEach(l -> l.accept(p));
    }

    /** The partial payments toward a plate's current fee not yet completed or waived, and their sum. */
    private record Outstanding(long fen, java.util.List<String> ids) {
    }

    /**
     * Partial payments of the plate not yet settled, since its last paid exit (a car let out otherwise leaves
     * its partial payment behind, and the next visit starts afresh).
     */
    private static Outstanding outstanding(java.sql.Connection c, String site, String plate)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT id, amount_fen FROM prepayments WHERE plate=? AND site=? AND partial=1"
                + " AND settled_by IS NULL AND paid_at > coalesce((SELECT max(occurred_at) FROM lane_events WHERE "
                        + "plate=? AND site=?"
                + " AND (type='EXIT' AND payment_method IS NOT NULL OR type='RELEASED')), -1) ORDER BY paid_at")) {
            Rows.setAll(ps, plate, site, plate, site);
            long sum = 0;
            java.util.List<String> ids = new java.util.ArrayList<>();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                    sum += rs.getLong(2);
                }
            }
            return new Outstanding(sum, ids);
        }
    }

    private static void settle(java.sql.Connection c, Outstanding o, String by) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE prepayments SET settled_by=? WHERE id=?")) {
            for (String id : o.ids()) {
                Rows.setAll(ps, by, id);
                ps.executeUpdate();
            }
        }
    }

    /**
     * The next receipt number of the site's day, {@code R<yyyyMMdd>-<nnnn>}, in the caller's transaction: the
     * number is taken only if the payment is stored.
     */
    private String nextReceipt(java.sql.Connection c, Instant now) throws java.sql.SQLException {
        String day = RECEIPT_DAY.format(now.atZone(zone));
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO receipt_days(site, day, last) VALUES (?, ?, 1) "
                + "ON CONFLICT(site, day) DO UPDATE SET last = receipt_days.last + 1")) {
            Rows.setAll(ps, site, day);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT last FROM receipt_days WHERE site=? AND day=?")) {
            Rows.setAll(ps, site, day);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                rs.next();
                return String.format("R%s-%04d", day, rs.getLong(1));
            }
        }
    }

    /**
     * Desk payments, newest first, for the register: by receipt number (case and spaces forgiven), plate and time.
     */
    public Future<java.util.List<PaymentRecord>> list(String receiptNo, String plate, Instant from, Instant to,
                                                      int limit) {
        String receipt = receiptNo == null || receiptNo.isBlank() ? null : receiptNo.replaceAll("\\s", "").toUpperCase(
                java.util.Locale.ROOT);
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, receipt_no, plate, amount_fen, method, paid_at, "
                    + "post, taken_by, partial, due_fen, credited_fen, settled_by, note FROM prepayments WHERE site=? "
                    + "AND (CAST(? AS TEXT) IS NULL OR receipt_no=?) AND (CAST(? AS TEXT) IS NULL OR plate=?) "
                    + "AND (CAST(? AS BIGINT) IS NULL OR paid_at>=?) AND (CAST(? AS BIGINT) IS NULL OR paid_at<?) "
                    + "ORDER BY paid_at DESC LIMIT ?")) {
                Rows.setAll(ps, site, receipt, receipt, plate, plate, from, from, to, to, limit);
                java.util.List<PaymentRecord> out = new java.util.ArrayList<>();
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new PaymentRecord(rs.getString("id"), rs.getString("receipt_no"), rs.getString("plate"),
                                rs.getLong("amount_fen"), rs.getString("method"), Rows.instant(rs, "paid_at"),
                                rs.getString("post"), rs.getString("taken_by"), rs.getLong("partial") == 1,
                                Rows.longOrNull(rs, "due_fen"), Rows.longOrNull(rs, "credited_fen"),
                                rs.getString("settled_by"), rs.getString("note")));
                    }
                }
                return out;
            }
        });
    }

    /**
     * What the plate owes at {@code at}: the larger of its open stay priced with the site's tariff and the fee
     * an exit lane is holding it for right now (the plate's latest event is an unpaid exit with a fee: the lane
     * priced it, e.g. a car with no entry record). A plate with neither cannot be prepaid. While an online exit
     * lane holds the car, the stay is priced until the lane began to hold it ({@link #heldAtExitSince}), so the
     * minutes the booth takes do not cross into another hour.
     */
    private long feeDue(java.sql.Connection c, String plate, Instant at) throws java.sql.SQLException {
        Instant heldSince = heldAtExitSince(c, plate, at);
        Long stay = openStayFee(c, plate, at, heldSince == null ? at : heldSince);
        Long held = heldAtExitFee(c, site, plate);
        if (stay == null && held == null) {
            throw CentralException.conflict(plate + " has no open stay in the register and is not held at an exit:"
                    + " charge it at the lane");
        }
        return Math.max(stay == null ? 0 : stay, held == null ? 0 : held);
    }

    /**
     * The open stay's fee until {@code at}, priced from the plate's newest ENTRY at or before {@code now}
     * without an EXIT after it or naming it (an exit lane PC whose clock is behind the entry lane's dates the exit
     * before the entry it closes). An ENTRY dated after the payment (central accepts lane events up to a day ahead,
     * for clock skew) cannot be the stay being paid for: were it taken, the stay would be priced at zero length.
     * A plate whose only open ENTRY lies ahead is refused rather than charged nothing.
     */
    private Long openStayFee(java.sql.Connection c, String plate, Instant now, Instant at)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT occurred_at, colour FROM lane_events e WHERE plate=? "
                + "AND site=? AND type='ENTRY' AND NOT EXISTS (SELECT 1 FROM lane_events x WHERE x.plate=e.plate "
                + "AND x.site=e.site AND x.type='EXIT' AND (x.occurred_at>=e.occurred_at OR x.related_id=e.event_id)) "
                + "ORDER BY "
                + "CASE WHEN occurred_at<=? THEN 0 ELSE 1 END, occurred_at DESC LIMIT 1")) {
            Rows.setAll(ps, plate, site, now);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                if (Rows.instant(rs, "occurred_at").isAfter(now)) {
                    throw CentralException.conflict(plate + " 的入场记录晚于现在，无法计费 (its only open entry is dated "
                            + Rows.instant(rs, "occurred_at") + ", after now: a lane's clock is wrong; the supervisor"
                            + " settles this car)");
                }
                Instant entry = Rows.instant(rs, "occurred_at");
                String colour = rs.getString("colour");
                VehicleClass vc = VehicleClass.fromPlate(colour == null ? null : PlateColour.valueOf(colour), plate);
                return tariff.quote(FeeRequest.temporary(vc, entry, at.isBefore(entry) ? entry : at)).fen();
            }
        }
    }

    /**
     * When an exit lane of the site, online, reports the plate waiting at its barrier now: the moment it began to
     * hold it. The driver was asked the fee of the stay until then, so the minutes the booth takes to collect it
     * are not charged (a partial payment and the rest must not cross into another hour). A lane's word is believed
     * for {@link #HOLD_BELIEVED} at most: a lying lane PC gains at most that much of a stay.
     */
    private Instant heldAtExitSince(java.sql.Connection c, String plate, Instant now) throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT s.devices FROM lane_status s JOIN lanes l ON "
                + "l.site=s.site AND l.lane_id=s.lane_id WHERE s.site=? AND s.online=1 AND l.direction='OUT'")) {
            Rows.setAll(ps, site);
            Instant since = null;
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    LaneStatus.Waiting w = waitingOf(rs.getString(1));
                    if (w != null && plate.equals(w.plate()) && (since == null || w.since().isBefore(since))) {
                        since = w.since();
                    }
                }
            }
            if (since == null) {
                return null;
            }
            Instant earliest = now.minus(HOLD_BELIEVED);
            return since.isBefore(earliest) ? earliest : since.isAfter(now) ? now : since;
        }
    }

    private static LaneStatus.Waiting waitingOf(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            return MessageCodec.decodeStatus(stored.getBytes(java.nio.charset.StandardCharsets.UTF_8)).waiting();
        } catch (WireFormatException e) {
            return null; // stored by central itself after decoding; an older form holds no wait
        }
    }

    private static Long heldAtExitFee(java.sql.Connection c, String site, String plate)
            throws java.sql.SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT type, fee_fen, payment_method FROM lane_events "
                + "WHERE plate=? AND site=? ORDER BY occurred_at DESC LIMIT 1")) {
            Rows.setAll(ps, plate, site);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next() || !"EXIT".equals(rs.getString("type")) || rs.getString("payment_method") != null) {
                    return null;
                }
                long fee = rs.getLong("fee_fen");
                return rs.wasNull() || fee <= 0 ? null : fee;
            }
        }
    }

    /** What an exit at {@code exitAt} (null: now) owes after the plate's latest prepayment. */
    public Future<ExitAllowance> exitAllowance(String plate, Instant exitAtOrNull) {
        Instant exitAt = exitAtOrNull == null ? clock.instant() : exitAtOrNull;
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM prepayments WHERE plate=? AND site=? AND paid_at<=? AND partial=0 "
                            + "ORDER BY paid_at DESC LIMIT 1")) {
                Rows.setAll(ps, plate, site, exitAt);
                Grace grace = null;
                String receipt = null;
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        grace = grace(plate, Rows.instant(rs, "paid_at"), exitAt);
                        receipt = rs.getString("receipt_no");
                    }
                }
                // A partially paid stay: what was paid toward it, so a booth shows the rest still due.
                return new ExitAllowance(plate, grace, receipt, outstanding(c, site, plate).fen());
            }
        });
    }

    private Grace grace(String plate, Instant paidAt, Instant exitAt) {
        Instant freeUntil = paidAt.plus(grace);
        boolean free = !exitAt.isAfter(freeUntil);
        return new Grace(plate, paidAt, freeUntil, exitAt, free, free ? "已预付，" + grace.toMinutes() + "分钟内免费出场"
                : "预付后超出" + grace.toMinutes() + "分钟宽限期，超时部分计费");
    }
}
