package io.parkgate.central.shift;

import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.lane.LaneService;
import io.parkgate.central.note.NoteService;
import io.parkgate.central.passage.PassageService;
import io.parkgate.central.shift.Handover.DeskPayment;
import io.parkgate.central.shift.Handover.ResolvedCase;
import io.parkgate.sql.Rows;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Shifts per post and their handover (form FM-RW528). The outgoing attendant's shift ends only when the
 * named incoming attendant accepts; central computes the cash the post's lanes took in the shift and
 * shows any difference to what was handed over; a supervisor signs; exceptions resolved at the post's
 * lanes during the shift appear on the form.
 */
public final class ShiftService {

    private static final DateTimeFormatter FORM_DAY = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final Database db;
    private final String site;
    private final Clock clock;
    private final LaneService lanes;
    private final ZoneId zone;

    /** @param site the compound whose posts' shifts and handover forms these are */
    public ShiftService(Database db, String site, Clock clock, LaneService lanes, ZoneId zone) {
        this.db = db;
        this.site = site;
        this.clock = clock;
        this.lanes = lanes;
        this.zone = zone;
    }

    /** The caller starts a shift at a post that has none running. */
    public Future<Shift> open(Principal actor, String post) {
        return open(actor, post, null);
    }

    /** The caller starts the named shift (may be null) at a post that has none running. */
    public Future<Shift> open(Principal actor, String post, ShiftName name) {
        return CentralException.checked(() -> {
            actor.require(site, Role.ATTENDANT, Role.SUPERVISOR);
            if (post == null || post.isBlank()) {
                throw CentralException.badRequest("post is required");
            }
        }).compose(checked -> db.tx(c -> {
            Shift running = current(c, post);
            if (running != null) {
                throw CentralException.conflict("post " + post + " has a running shift of " + running.attendant()
                        + ": take it over by handover");
            }
            return shift(c, insertShift(c, post, actor.username(), clock.instant(), name));
        }));
    }

    /** The outgoing attendant fills in the handover; the shift keeps running until it is accepted. */
    public Future<Handover> handOver(Principal actor, String shiftId, HandoverForm f) {
        return CentralException.checked(() -> actor.require(site, Role.values())).compose(checked -> db.tx(c -> {
            Shift shift = shift(c, shiftId);
            if (!actor.username().equals(shift.attendant())) {
                throw CentralException.forbidden("shift " + shiftId + " is " + shift.attendant()
                        + "'s; only they can hand it over");
            }
            if (shift.endedAt() != null) {
                throw CentralException.conflict("shift " + shiftId + " has ended");
            }
            if (f.toAttendant().equals(actor.username())) {
                throw CentralException.badRequest("toAttendant: an attendant cannot hand over to themselves");
            }
            if (!canTakeShift(c, f.toAttendant())) {
                // A form to no one can never be accepted, and its shift would hold the post for good.
                throw CentralException.badRequest("toAttendant: " + f.toAttendant() + " is not an active attendant"
                        + " or supervisor of site " + site);
            }
            Instant now = clock.instant();
            String post = shift.post();
            long expected = PassageService.cashTaken(c, site, post, lanes.lanesOfPost(post), shift.startedAt(), now);
            String id = UUID.randomUUID().toString();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO handovers(id, form_no, shift_id, post, "
                    + "from_attendant, to_attendant, created_at, duty_notes, walkie_talkies, keys, batons, "
                            + "flashlights, "
                    + "tickets, cash_fen, expected_cash_fen, remarks, site) "
                    + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
                Rows.setAll(ps, id, formNo(c, now), shiftId, post, actor.username(), f.toAttendant(), now,
                        f.dutyNotes(),
                        f.walkieTalkies(), f.keys(), f.batons(), f.flashlights(), f.tickets(), f.cashFen(), expected,
                        f.remarks(), site);
                ps.executeUpdate();
            } catch (SQLException e) {
                if (io.parkgate.central.db.Dialect.isUniqueViolation(e)) {
                    throw CentralException.conflict("shift " + shiftId + " is already being handed over");
                }
                throw e;
            }
            AuditLog.append(c, site, now, actor.username(), AuditAction.SHIFT_HANDOVER, id,
                    "to " + f.toAttendant() + ", cash " + f.cashFen() + " fen, expected " + expected + " fen");
            return form(c, id);
        }));
    }

    /** The incoming attendant accepts: the old shift ends and theirs starts at that instant. */
    public Future<Handover> accept(Principal actor, String handoverId) {
        return CentralException.checked(() -> actor.require(site, Role.values())).compose(checked -> db.tx(c -> {
            Handover h = form(c, handoverId);
            if (!actor.username().equals(h.toAttendant())) {
                throw CentralException.forbidden("handover " + handoverId + " is to " + h.toAttendant());
            }
            if (h.acceptedAt() != null) {
                throw CentralException.conflict("handover " + handoverId + " was already accepted");
            }
            Instant now = clock.instant();
            // Guarded in the update itself: with two centrals on one database, only one acceptance wins.
            try (PreparedStatement ps = c.prepareStatement("UPDATE handovers SET accepted_at=? WHERE id=? AND site=? "
                    + "AND accepted_at IS NULL")) {
                Rows.setAll(ps, now, handoverId, site);
                if (ps.executeUpdate() == 0) {
                    throw CentralException.conflict("handover " + handoverId + " was accepted meanwhile");
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE shifts SET ended_at=? WHERE id=? AND site=?")) {
                Rows.setAll(ps, now, h.shiftId(), site);
                ps.executeUpdate();
            }
            // The receiver's shift is the one of the day the acceptance falls in (a relief at 08:00 stays on
            // 早班), not simply the one after the handed-over shift.
            String next = insertShift(c, h.post(), actor.username(), now,
                    ShiftName.startingAround(now.atZone(zone).toLocalTime()));
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE handovers SET next_shift_id=? WHERE id=? AND site=?")) {
                Rows.setAll(ps, next, handoverId, site);
                ps.executeUpdate();
            }
            AuditLog.append(c, site, now, actor.username(), AuditAction.SHIFT_ACCEPTED, handoverId,
                    "new shift " + next);
            return form(c, handoverId);
        }));
    }

    /** The supervisor signs an accepted handover (a difference stays visible; signing does not hide it). */
    public Future<Handover> sign(Principal actor, String handoverId) {
        return CentralException.checked(() -> {
            actor.require(site, Role.SUPERVISOR, Role.MANAGER);
        }).compose(checked -> db.tx(c -> {
            Handover h = form(c, handoverId);
            if (h.acceptedAt() == null) {
                throw CentralException.conflict("handover " + handoverId + " is not accepted yet");
            }
            if (h.signedAt() != null) {
                throw CentralException.conflict("handover " + handoverId + " is already signed");
            }
            // Four eyes: the signature approves the cash difference, so neither party to the form may give it.
            if (actor.username().equals(h.fromAttendant()) || actor.username().equals(h.toAttendant())) {
                throw CentralException.forbidden("handover " + handoverId + " is between " + h.fromAttendant()
                        + " and " + h.toAttendant() + ": another supervisor signs it");
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE handovers SET supervisor=?, signed_at=? WHERE id=? AND site=? AND signed_at IS NULL")) {
                Rows.setAll(ps, actor.username(), now, handoverId, site);
                if (ps.executeUpdate() == 0) {
                    throw CentralException.conflict("handover " + handoverId + " was signed meanwhile");
                }
            }
            AuditLog.append(c, site, now, actor.username(), AuditAction.SHIFT_SIGNED, handoverId, null);
            return form(c, handoverId);
        }));
    }

    /**
     * The handover form with the computed cash difference and the exceptions resolved in the shift, by its id
     * or by the number printed on it (FM-RW528-yyyyMMdd-nnn, case and spaces forgiven).
     */
    public Future<Handover> handover(String idOrFormNo) {
        return db.tx(c -> form(c, idOf(c, idOrFormNo)));
    }

    /** Handovers accepted but not yet signed by a supervisor, oldest first. */
    public Future<List<HandoverSummary>> unsigned(String post) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, form_no, post, from_attendant, to_attendant, "
                    + "(SELECT display_name FROM users WHERE username=from_attendant) AS from_name, "
                    + "(SELECT display_name FROM users WHERE username=to_attendant) AS to_name, "
                    + "created_at, accepted_at, cash_fen, expected_cash_fen FROM handovers WHERE accepted_at IS NOT "
                            + "NULL "
                    + "AND signed_at IS NULL AND site=? AND (CAST(? AS TEXT) IS NULL OR post=?) "
                    + "ORDER BY accepted_at")) {
                Rows.setAll(ps, site, post, post);
                return Rows.list(ps, rs -> summary(rs, Rows.instant(rs, "accepted_at"), rs.getLong("cash_fen"),
                        rs.getLong("expected_cash_fen")));
            }
        });
    }

    /**
     * Whether the user may receive a shift at this site: an active account holding a role that may open a shift
     * here (ATTENDANT or SUPERVISOR, as in {@link #open}; a supervisor may stand in at a booth). A manager or card
     * clerk could not work the shift, and a disabled account could never accept it.
     */
    private boolean canTakeShift(Connection c, String username) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM users u JOIN grants g ON g.username=u.username "
                + "WHERE u.username=? AND u.disabled=0 AND g.site IN (?, '*') AND g.role IN (?, ?)")) {
            Rows.setAll(ps, username, site, Role.ATTENDANT, Role.SUPERVISOR);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String displayName(Connection c, String username) throws SQLException {
        if (username == null) {
            return null;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT display_name FROM users WHERE username=?")) {
            ps.setString(1, username);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : username;
            }
        }
    }

    private String idOf(Connection c, String idOrFormNo) throws SQLException {
        String s = idOrFormNo == null ? "" : idOrFormNo.replaceAll("\\s", "").toUpperCase(Locale.ROOT);
        if (!s.startsWith("FM-RW528-")) {
            return idOrFormNo;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM handovers WHERE form_no=? AND site=?")) {
            Rows.setAll(ps, s, site);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw CentralException.notFound("handover form " + s + " not found");
                }
                return rs.getString(1);
            }
        }
    }

    /**
     * Handovers filled in but not yet accepted, oldest first: what an incoming attendant finds waiting for
     * them on signing in. {@code post} and {@code toAttendant} filter when given.
     */
    public Future<List<HandoverSummary>> pending(String post, String toAttendant) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, form_no, post, from_attendant, to_attendant, "
                    + "(SELECT display_name FROM users WHERE username=from_attendant) AS from_name, "
                    + "(SELECT display_name FROM users WHERE username=to_attendant) AS to_name, "
                    + "created_at FROM handovers WHERE accepted_at IS NULL AND site=? "
                    + "AND (CAST(? AS TEXT) IS NULL OR post=?) "
                    + "AND (CAST(? AS TEXT) IS NULL OR to_attendant=?) ORDER BY created_at")) {
                Rows.setAll(ps, site, post, post, toAttendant, toAttendant);
                return Rows.list(ps, rs -> summary(rs, null, null, null));
            }
        });
    }

    public Future<CurrentShift> currentShift(String post) {
        return db.tx(c -> {
            Shift s = current(c, post);
            if (s == null) {
                throw CentralException.notFound("no shift running at post " + post);
            }
            // A shift already handed over runs on only until the receiver accepts: the booth says so.
            return new CurrentShift(s, handoverOf(c, s.id()));
        });
    }

    /**
     * The number of the handover form of {@code username}'s latest shift, when that shift has been handed over
     * (accepted or not): then they are off duty and take no lane action until they start a shift again. Empty
     * for someone whose latest shift is running and not handed over, or who never had a shift.
     */
    public Future<Optional<String>> handedOver(String username) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT h.form_no FROM shifts s LEFT JOIN handovers h "
                    + "ON h.shift_id=s.id WHERE s.attendant=? AND s.site=? ORDER BY s.started_at DESC, h.form_no DESC "
                    + "LIMIT 1")) {
                Rows.setAll(ps, username, site);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private String handoverOf(Connection c, String shiftId) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT form_no FROM handovers WHERE shift_id=? AND site=?")) {
            Rows.setAll(ps, shiftId, site);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private Handover form(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM handovers WHERE id=? AND site=?")) {
            Rows.setAll(ps, id, site);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw CentralException.notFound("handover " + id + " not found");
                }
                String shiftId = rs.getString("shift_id");
                String post = rs.getString("post");
                String from = rs.getString("from_attendant");
                String to = rs.getString("to_attendant");
                String supervisor = rs.getString("supervisor");
                String nextShiftId = rs.getString("next_shift_id");
                Shift shift = shift(c, shiftId);
                Instant end = shift.endedAt() == null ? clock.instant() : shift.endedAt();
                // People by the names they sign with, on screen and on the printed form.
                return new Handover(rs.getString("id"), rs.getString("form_no"), shiftId, post, from, to,
                        Rows.instant(rs, "created_at"), rs.getString("duty_notes"), rs.getInt("walkie_talkies"),
                        rs.getInt("keys"), rs.getInt("batons"), rs.getInt("flashlights"), rs.getInt("tickets"),
                        rs.getLong("cash_fen"), rs.getLong("expected_cash_fen"), rs.getString("remarks"),
                        Rows.instant(rs, "accepted_at"), nextShiftId, supervisor, Rows.instant(rs, "signed_at"),
                        shift.startedAt(), shift.name(), displayName(c, from), displayName(c, to),
                        displayName(c, supervisor), nextShiftId == null ? null : shift(c, nextShiftId).name(),
                        resolvedBetween(c, lanes.lanesOfPost(post), shift.startedAt(), end),
                        NoteService.between(c, site, post, shift.startedAt(), end),
                        paymentsBetween(c, post, shift.startedAt(), end));
            }
        }
    }

    private static HandoverSummary summary(ResultSet rs, Instant acceptedAt, Long cashFen, Long expectedCashFen)
            throws SQLException {
        return new HandoverSummary(rs.getString("id"), rs.getString("form_no"), rs.getString("post"),
                rs.getString("from_attendant"), rs.getString("to_attendant"), rs.getString("from_name"),
                rs.getString("to_name"), Rows.instant(rs, "created_at"), acceptedAt, cashFen, expectedCashFen);
    }

    /** The payments taken at the post's desk in the shift, by receipt number: partial ones and waivers say so. */
    private List<DeskPayment> paymentsBetween(Connection c, String post, Instant from, Instant to)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT receipt_no, plate, amount_fen, method, paid_at, "
                + "taken_by, partial, due_fen, credited_fen, note FROM prepayments WHERE site=? AND post=? "
                + "AND paid_at>=? AND paid_at<=? ORDER BY paid_at")) {
            Rows.setAll(ps, site, post, from, to);
            return Rows.list(ps, rs -> new DeskPayment(rs.getString("receipt_no"), rs.getString("plate"),
                    rs.getLong("amount_fen"), rs.getString("method"), Rows.instant(rs, "paid_at"),
                    rs.getString("taken_by"), rs.getLong("partial") == 1, Rows.longOrNull(rs, "due_fen"),
                    Rows.longOrNull(rs, "credited_fen"), rs.getString("note")));
        }
    }

    private List<ResolvedCase> resolvedBetween(Connection c, List<String> laneIds, Instant from, Instant to)
            throws SQLException {
        List<ResolvedCase> out = new ArrayList<>();
        for (String lane : laneIds) {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, lane_id, plate, code, outcome, fee_fen, "
                    + "fee_action, resolved_by, resolved_at FROM exceptions WHERE site=? AND lane_id=? "
                    + "AND resolved_at>=? AND resolved_at<=? ORDER BY resolved_at")) {
                Rows.setAll(ps, site, lane, from, to);
                out.addAll(Rows.list(ps, rs -> new ResolvedCase(rs.getString("id"), rs.getString("lane_id"),
                        rs.getString("plate"), rs.getString("code"), rs.getString("outcome"),
                        Rows.longOrNull(rs, "fee_fen"), rs.getString("fee_action"), rs.getString("resolved_by"),
                        Rows.instant(rs, "resolved_at"))));
            }
        }
        return out;
    }

    private Shift current(Connection c, String post) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT * FROM shifts WHERE site=? AND post=? AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1")) {
            Rows.setAll(ps, site, post);
            List<Shift> a = Rows.list(ps, ShiftService::shift);
            return a.isEmpty() ? null : a.get(0);
        }
    }

    private Shift shift(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM shifts WHERE id=? AND site=?")) {
            Rows.setAll(ps, id, site);
            List<Shift> a = Rows.list(ps, ShiftService::shift);
            if (a.isEmpty()) {
                throw CentralException.notFound("shift " + id + " not found");
            }
            return a.get(0);
        }
    }

    private static Shift shift(ResultSet rs) throws SQLException {
        String name = rs.getString("name");
        return new Shift(rs.getString("id"), rs.getString("post"), rs.getString("attendant"),
                Rows.instant(rs, "started_at"), Rows.instant(rs, "ended_at"),
                name == null ? null : ShiftName.valueOf(name));
    }

    private String insertShift(Connection c, String post, String attendant, Instant at, ShiftName name)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO shifts(id, post, attendant, started_at, name, site) VALUES (?,?,?,?,?,?)")) {
            Rows.setAll(ps, id, post, attendant, at, name, site);
            ps.executeUpdate();
        }
        return id;
    }

    private String formNo(Connection c, Instant now) throws SQLException {
        String day = FORM_DAY.format(now.atZone(zone));
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT count(*) FROM handovers WHERE site=? AND form_no LIKE ?")) {
            Rows.setAll(ps, site, "FM-RW528-" + day + "-%");
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return String.format("FM-RW528-%s-%03d", day, rs.getLong(1) + 1);
            }
        }
    }
}
