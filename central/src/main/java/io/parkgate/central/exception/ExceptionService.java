package io.parkgate.central.exception;

import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.change.Change;
import io.parkgate.central.change.Changes;
import io.parkgate.central.db.Database;
import io.parkgate.central.error.CentralException;
import io.parkgate.central.exception.CaseFile.BlacklistRow;
import io.parkgate.central.exception.CaseFile.CardFile;
import io.parkgate.central.exception.CaseFile.CardRow;
import io.parkgate.central.exception.CaseFile.OwnerRow;
import io.parkgate.central.exception.CaseFile.PassRow;
import io.parkgate.central.exception.CaseFile.PreviousPassage;
import io.parkgate.central.exception.CaseFile.VehicleFile;
import io.parkgate.central.exception.CaseFile.VehicleRow;
import io.parkgate.central.exception.CaseFile.VisitorRow;
import io.parkgate.central.validate.EventRules;
import io.parkgate.sql.Rows;
import io.parkgate.wire.Command;
import io.parkgate.wire.CommandKind;
import io.parkgate.wire.EventType;
import io.parkgate.wire.PaymentMethod;
import io.vertx.core.Future;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Held vehicles and alarms a supervisor resolves (docs/domain.md exception rules): claim, see the lane's
 * evidence and the vehicle file, record what was verified, collect or waive the fee, release. Unclaimed
 * cases escalate to the manager. Every release, manual open and waiver is audited.
 */
public final class ExceptionService {

    private final Database db;
    private final String site;
    private final Clock clock;
    private final Duration escalateAfter;
    private final CommandIssuer commands;
    private final Changes changes;

    /**
     * @param site    the compound whose cases these are: only they are read and changed, and only by who holds a
     *                role there
     * @param changes told of every claim, resolution, correction and escalation once committed
     */
    public ExceptionService(Database db, String site, Clock clock, Duration escalateAfter, CommandIssuer commands,
                            Changes changes) {
        this.db = db;
        this.site = site;
        this.clock = clock;
        this.escalateAfter = escalateAfter;
        this.commands = commands;
        this.changes = changes;
    }

    /** The compound whose cases these are. */
    public String site() {
        return site;
    }

    private void announce() {
        changes.announce(new Change.ExceptionsChanged());
    }

    /** Cases in a status (null: all unresolved), oldest first. */
    public Future<List<ExceptionCase>> list(ExceptionStatus status) {
        return db.tx(c -> {
            String where = status == null ? "e.status<>'RESOLVED'" : "e.status=?";
            try (PreparedStatement ps = c.prepareStatement(
                    WITH_NAMES + " WHERE e.site=? AND " + where + " ORDER BY e.opened_at LIMIT 500")) {
                ps.setString(1, site);
                if (status != null) {
                    ps.setString(2, status.name());
                }
                return Rows.list(ps, ExceptionService::exceptionCase);
            }
        });
    }

    /**
     * One case with its evidence: the vehicle file, the presented card's file (its holder and the plate it is
     * registered to: in a card/plate mismatch that is the person to call) and the plate's previous passages.
     */
    public Future<CaseFile> get(String id) {
        return db.tx(c -> {
            ExceptionCase x = load(c, site, id);
            CardFile cardFile = x.card() == null ? null : cardFile(c, site, x.card());
            if (x.plate() == null) {
                return new CaseFile(x, cardFile, null, null);
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM lane_events WHERE plate=? AND site=? AND event_id<>? ORDER BY occurred_at DESC "
                            + "LIMIT 10")) {
                Rows.setAll(ps, x.plate(), site, x.eventId());
                return new CaseFile(x, cardFile, vehicleFile(c, site, x.plate()),
                        Rows.list(ps, ExceptionService::passage));
            }
        });
    }

    /** A supervisor (or manager) takes the case. */
    public Future<ExceptionCase> claim(Principal actor, String id) {
        return CentralException.checked(() -> {
            actor.require(site, Role.SUPERVISOR, Role.MANAGER);
        }).compose(checked -> db.tx(c -> {
            ExceptionCase x = load(c, site, id);
            if (x.status() != ExceptionStatus.OPEN && x.status() != ExceptionStatus.ESCALATED) {
                throw CentralException.conflict("exception " + id + " is " + x.status()
                        + (x.claimedBy() == null ? "" : " by " + x.claimedBy()));
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE exceptions SET status='CLAIMED', claimed_by=?, claimed_at=? WHERE id=? "
                            + "AND site=? AND status IN ('OPEN','ESCALATED')")) {
                Rows.setAll(ps, actor.username(), now, id, site);
                if (ps.executeUpdate() == 0) {
                    throw taken(id); // another central's supervisor took it since it was read
                }
            }
            AuditLog.append(c, site, now, actor.username(), AuditAction.EXCEPTION_CLAIM, id, x.plate());
            return load(c, site, id);
        }).onSuccess(claimed -> announce()));
    }

    /** Records the verification and fee decision, resolves, and releases the vehicle when asked to. */
    public Future<ExceptionCase> resolve(Principal actor, String id, Resolution r) {
        return CentralException.checked(() -> {
            actor.require(site, Role.SUPERVISOR, Role.MANAGER);
        }).compose(checked -> db.tx(c -> {
            ExceptionCase x = load(c, site, id);
            if (x.status() != ExceptionStatus.CLAIMED) {
                throw CentralException.conflict(
                        "exception " + id + " is " + x.status() + ": claim it before resolving");
            }
            if (!actor.username().equals(x.claimedBy()) && !actor.is(site, Role.MANAGER)) {
                throw CentralException.forbidden("exception " + id + " is claimed by " + x.claimedBy());
            }
            Instant now = clock.instant();
            String laneId = x.laneId();
            Command cmd = null;
            if (r.release()) {
                cmd = commands.prepare(laneId, CommandKind.RELEASE, id, x.plate(), actor.username(),
                        r.outcome());
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE exceptions SET status='RESOLVED', licence_no=?, "
                    + "id_card_no=?, statement=?, signature_ref=?, fee_fen=?, fee_action=?, payment_method=?, "
                    + "waive_reason=?, outcome=?, resolved_by=?, resolved_at=?, command_id=? WHERE id=? "
                    + "AND site=? AND status='CLAIMED'")) {
                Rows.setAll(ps, r.licenceNo(), r.idCardNo(), r.statement(), r.signatureRef(), r.feeFen(), r.feeAction(),
                        r.paymentMethod(), r.waiveReason(), r.outcome(), actor.username(), now,
                        cmd == null ? null : cmd.commandId(), id, site);
                if (ps.executeUpdate() == 0) {
                    throw taken(id); // resolved on another central since it was read: no second release
                }
            }
            AuditLog.append(c, site, now, actor.username(), AuditAction.EXCEPTION_RESOLVE, id, r.outcome());
            if (r.feeAction() == Resolution.FeeAction.WAIVE) {
                AuditLog.append(c, site, now, actor.username(), AuditAction.FEE_WAIVED, id,
                        r.feeFen() + " fen: " + r.waiveReason());
            }
            if (cmd != null) {
                AuditLog.append(c, site, now, actor.username(), AuditAction.RELEASE, laneId,
                        "command " + cmd.commandId() + " for " + id);
            }
            return new Outcome(load(c, site, id), cmd);
        }).map(out -> {
            if (out.command() != null) {
                commands.send(out.command());
            }
            return out.exception();
        }).onSuccess(resolved -> announce()));
    }

    /**
     * The booth read the held vehicle's plate itself and corrects the camera's reading: the case is resolved
     * as corrected (audited: who, from what, to what) and the lane is told to decide again with the plate.
     * The lane applies its own rules to the corrected plate, so a correction never opens by itself; if the
     * lane holds the vehicle again, that is a new case.
     */
    public Future<ExceptionCase> correctPlate(Principal actor, String id, String plate) {
        return CentralException.checked(() -> {
            actor.require(site, Role.ATTENDANT, Role.SUPERVISOR, Role.MANAGER);
        }).compose(checked -> db.tx(c -> {
            ExceptionCase x = load(c, site, id);
            if (x.status() == ExceptionStatus.RESOLVED) {
                throw CentralException.conflict("exception " + id + " is resolved already");
            }
            // A correction closes the case: only a held car's case is the booth's to close this way. Alarms and
            // central's long stays are the supervisor's (claim, resolve), whatever plate they carry.
            if (!heldVehicle(c, site, x)) {
                throw CentralException.conflict("exception " + id + " (" + x.code() + ") is not a held vehicle's"
                        + " case: only a held vehicle's plate is corrected; a supervisor claims and resolves it");
            }
            // Escalation tells the manager no supervisor took the case; the booth closing it would hide that.
            if (x.status() == ExceptionStatus.ESCALATED && !actor.is(site, Role.MANAGER)) {
                throw CentralException.conflict("exception " + id + " is escalated to the manager: a supervisor"
                        + " claims it before correcting the plate");
            }
            if (x.status() == ExceptionStatus.CLAIMED && !actor.username().equals(x.claimedBy())
                    && !actor.is(site, Role.MANAGER)) {
                throw CentralException.forbidden("exception " + id + " is claimed by " + x.claimedBy());
            }
            String read = x.plateAsRead() != null ? x.plateAsRead() : x.plate();
            if (plate.equals(read)) {
                throw CentralException.badRequest("plate " + plate + " is what the camera read already");
            }
            Instant now = clock.instant();
            String laneId = x.laneId();
            String outcome = "车牌更正：" + (read == null ? "未识别" : read) + " → " + plate;
            Command cmd = commands.prepare(laneId, CommandKind.CORRECT_PLATE, id, plate, actor.username(), outcome);
            try (PreparedStatement ps = c.prepareStatement("UPDATE exceptions SET status='RESOLVED', outcome=?, "
                    + "resolved_by=?, resolved_at=?, command_id=? WHERE id=? AND site=? AND status<>'RESOLVED'")) {
                Rows.setAll(ps, outcome, actor.username(), now, cmd.commandId(), id, site);
                if (ps.executeUpdate() == 0) {
                    throw taken(id);
                }
            }
            AuditLog.append(c, site, now, actor.username(), AuditAction.PLATE_CORRECTED, id,
                    (read == null ? "unread" : read) + " -> " + plate + ", command " + cmd.commandId());
            return new Outcome(load(c, site, id), cmd);
        }).map(out -> {
            commands.send(out.command());
            return out.exception();
        }).onSuccess(corrected -> announce()));
    }

    /** Opens a lane's barrier from central (supervisor or manager), with a reason. */
    public Future<Command> manualOpen(Principal actor, String laneId, String reason) {
        return CentralException.checked(() -> {
            actor.require(site, Role.SUPERVISOR, Role.MANAGER);
            if (reason == null || reason.isBlank()) {
                throw CentralException.badRequest("reason is required for a manual open");
            }
        }).compose(checked -> db.tx(c -> {
            Command cmd = commands.prepare(laneId, CommandKind.MANUAL_OPEN, null, null, actor.username(), reason);
            AuditLog.append(c, site, clock.instant(), actor.username(), AuditAction.MANUAL_OPEN, laneId,
                    "command " + cmd.commandId() + ": " + reason);
            return cmd;
        }).onSuccess(commands::send));
    }

    /** Escalates cases unclaimed for longer than the configured time; returns how many. */
    public Future<Integer> escalateOverdue() {
        return db.tx(c -> {
            Instant now = clock.instant();
            int n;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM exceptions WHERE site=? "
                    + "AND status='OPEN' AND opened_at<?")) {
                Rows.setAll(ps, site, now.minus(escalateAfter));
                List<String> ids = Rows.list(ps, rs -> rs.getString("id"));
                n = ids.size();
                for (String id : ids) {
                    try (PreparedStatement up = c.prepareStatement(
                            "UPDATE exceptions SET status='ESCALATED', escalated_at=? WHERE id=? AND status='OPEN'")) {
                        Rows.setAll(up, now, id);
                        if (up.executeUpdate() == 0) {
                            n--; // claimed meanwhile (through another central)
                            continue;
                        }
                    }
                    AuditLog.append(c, site, now, "system", AuditAction.EXCEPTION_ESCALATE, id,
                            "unclaimed for more than " + escalateAfter.toMinutes() + " min: manager notified");
                }
            }
            return n;
        }).onSuccess(n -> {
            if (n > 0) {
                announce();
            }
        });
    }

    /**
     * Whether the case is a lane's held vehicle (an EXCEPTION event: the car waits at the barrier), not an ALARM
     * and not central's own LONG_STAY case (also an EXCEPTION event, but of a car parked inside).
     */
    private static boolean heldVehicle(Connection c, String site, ExceptionCase x) throws SQLException {
        if (EventRules.LONG_STAY.equals(x.code())) {
            return false;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT type FROM lane_events WHERE event_id=? AND site=?")) {
            Rows.setAll(ps, x.eventId(), site);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() && EventType.EXCEPTION.name().equals(rs.getString(1));
            }
        }
    }

    /** Two centrals changed the same case at once; this one lost: the caller reads it again. */
    private static CentralException taken(String id) {
        return CentralException.conflict("exception " + id + " was changed meanwhile by someone else; look again");
    }

    /** Cases with the display names of who claimed and who resolved them: the console shows people by name. */
    private static final String WITH_NAMES = "SELECT e.*, cu.display_name AS claimed_by_name, "
            + "ru.display_name AS resolved_by_name FROM exceptions e LEFT JOIN users cu ON cu.username=e.claimed_by "
            + "LEFT JOIN users ru ON ru.username=e.resolved_by";

    /** A case as it is after a change, and the command to send the lane once the change is committed. */
    private record Outcome(ExceptionCase exception, Command command) {
    }

    /** A case of the site; another site's case is not found here (its site is checked at the door first). */
    private static ExceptionCase load(Connection c, String site, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WITH_NAMES + " WHERE e.id=? AND e.site=?")) {
            ps.setString(1, id);
            ps.setString(2, site);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw CentralException.notFound("exception " + id + " not found");
                }
                return exceptionCase(rs);
            }
        }
    }

    private static ExceptionCase exceptionCase(ResultSet rs) throws SQLException {
        String feeAction = rs.getString("fee_action");
        String paymentMethod = rs.getString("payment_method");
        return new ExceptionCase(rs.getString("id"), rs.getString("event_id"), rs.getString("lane_id"),
                rs.getString("code"), rs.getString("plate"), rs.getString("plate_as_read"), rs.getString("card"),
                rs.getString("reason"), rs.getString("snapshot_ref"), Rows.instant(rs, "opened_at"),
                ExceptionStatus.valueOf(rs.getString("status")), Rows.instant(rs, "escalated_at"),
                rs.getString("claimed_by"), Rows.instant(rs, "claimed_at"), rs.getString("licence_no"),
                rs.getString("id_card_no"), rs.getString("statement"), rs.getString("signature_ref"),
                Rows.longOrNull(rs, "fee_fen"), feeAction == null ? null : Resolution.FeeAction.valueOf(feeAction),
                paymentMethod == null ? null : PaymentMethod.valueOf(paymentMethod), rs.getString("waive_reason"),
                rs.getString("outcome"), rs.getString("resolved_by"), Rows.instant(rs, "resolved_at"),
                rs.getString("command_id"), Rows.instant(rs, "released_at"), rs.getString("claimed_by_name"),
                rs.getString("resolved_by_name"));
    }

    private static PreviousPassage passage(ResultSet rs) throws SQLException {
        long confidence = rs.getLong("confidence");
        Integer conf = rs.wasNull() ? null : Math.toIntExact(confidence);
        return new PreviousPassage(rs.getString("event_id"), rs.getString("lane_id"), rs.getString("type"),
                Rows.instant(rs, "occurred_at"), Rows.instant(rs, "received_at"), rs.getString("plate"),
                rs.getString("plate_as_read"), rs.getString("colour"), conf, rs.getString("card"),
                rs.getString("code"), rs.getString("reason"), Rows.longOrNull(rs, "fee_fen"),
                rs.getString("payment_method"), rs.getString("remark"), rs.getString("snapshot_ref"),
                rs.getString("related_id"));
    }

    private static VehicleFile vehicleFile(Connection c, String site, String plate) throws SQLException {
        VehicleRow vehicle = first(c, "SELECT * FROM vehicles WHERE site=? AND plate=?", site, plate,
                rs -> new VehicleRow(
                rs.getString("plate"), rs.getString("owner_id"), rs.getString("colour"),
                rs.getString("vehicle_class")));
        OwnerRow owner = vehicle == null || vehicle.ownerId() == null ? null : owner(c, site, vehicle.ownerId());
        return new VehicleFile(vehicle, owner, many(c, "SELECT * FROM cards WHERE site=? AND plate=?", site, plate,
                ExceptionService::card),
                many(c, "SELECT * FROM passes WHERE site=? AND plate=?", site, plate,
                        rs -> new PassRow(rs.getString("id"),
                        rs.getString("plate"), rs.getString("type"), rs.getLong("valid_from"),
                        Rows.longOrNull(rs, "valid_until"))),
                first(c, "SELECT * FROM visitors WHERE site=? AND plate=?", site, plate,
                        rs -> new VisitorRow(rs.getString("plate"),
                        rs.getString("host_owner_id"), rs.getLong("valid_from"), rs.getLong("valid_until"),
                        rs.getString("note"))),
                first(c, "SELECT * FROM blacklist WHERE site=? AND plate=?", site, plate,
                        rs -> new BlacklistRow(rs.getString("plate"),
                        rs.getString("reason"))));
    }

    private static CardFile cardFile(Connection c, String site, String number) throws SQLException {
        CardRow card = first(c, "SELECT * FROM cards WHERE site=? AND number=?", site, number, ExceptionService::card);
        return new CardFile(card, card == null || card.ownerId() == null ? null : owner(c, site, card.ownerId()));
    }

    private static CardRow card(ResultSet rs) throws SQLException {
        return new CardRow(rs.getString("number"), rs.getString("owner_id"), rs.getString("plate"),
                rs.getString("status"));
    }

    private static OwnerRow owner(Connection c, String site, String id) throws SQLException {
        return first(c, "SELECT * FROM owners WHERE site=? AND id=?", site, id, rs -> new OwnerRow(rs.getString("id"),
                rs.getString("name"), rs.getString("unit"), rs.getString("phone")));
    }

    private static <T> T first(Connection c, String sql, String site, String arg, Rows.Reader<T> reader)
            throws SQLException {
        List<T> rows = many(c, sql, site, arg, reader);
        return rows.isEmpty() ? null : rows.get(0);
    }

    private static <T> List<T> many(Connection c, String sql, String site, String arg, Rows.Reader<T> reader)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, site);
            ps.setString(2, arg);
            return Rows.list(ps, reader);
        }
    }
}
