package io.parkgate.central.exception;

import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.auth.Principal;
import io.parkgate.central.auth.Role;
import io.parkgate.central.change.Change;
import io.parkgate.central.change.Changes;
import io.parkgate.central.db.Database;
import io.parkgate.central.db.JsonRows;
import io.parkgate.central.error.CentralException;
import io.parkgate.sql.Rows;
import io.parkgate.wire.Command;
import io.parkgate.wire.CommandKind;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Held vehicles and alarms a supervisor resolves (DOMAIN.md exception rules): claim, see the lane's
 * evidence and the vehicle file, record what was verified, collect or waive the fee, release. Unclaimed
 * cases escalate to the manager. Every release, manual open and waiver is audited.
 */
public final class ExceptionService {

    private final Database db;
    private final Clock clock;
    private final Duration escalateAfter;
    private final CommandIssuer commands;
    private final Changes changes;

    /** @param changes told of every claim, resolution, correction and escalation once committed */
    public ExceptionService(Database db, Clock clock, Duration escalateAfter, CommandIssuer commands,
                            Changes changes) {
        this.db = db;
        this.clock = clock;
        this.escalateAfter = escalateAfter;
        this.commands = commands;
        this.changes = changes;
    }

    private void announce() {
        changes.announce(new Change.ExceptionsChanged());
    }

    /** Cases in a status (null: all unresolved), oldest first. */
    public Future<JsonArray> list(ExceptionStatus status) {
        return db.tx(c -> {
            String where = status == null ? "e.status<>'RESOLVED'" : "e.status=?";
            try (PreparedStatement ps = c.prepareStatement(
                    WITH_NAMES + " WHERE " + where + " ORDER BY e.opened_at LIMIT 500")) {
                if (status != null) {
                    ps.setString(1, status.name());
                }
                JsonArray out = JsonRows.all(ps);
                out.forEach(o -> withDurations((JsonObject) o));
                return out;
            }
        });
    }

    /**
     * One case with its evidence: the vehicle file, the presented card's file (its holder and the plate it is
     * registered to: in a card/plate mismatch that is the person to call) and the plate's previous passages.
     */
    public Future<JsonObject> get(String id) {
        return db.tx(c -> {
            JsonObject x = load(c, id);
            if (x.getString("card") != null) {
                x.put("cardFile", cardFile(c, x.getString("card")));
            }
            String plate = x.getString("plate");
            if (plate != null) {
                x.put("vehicleFile", vehicleFile(c, plate));
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT * FROM lane_events WHERE plate=? AND event_id<>? "
                        + "ORDER BY occurred_at DESC LIMIT 10")) {
                    Rows.setAll(ps, plate, x.getString("eventId"));
                    x.put("previousPassages", JsonRows.all(ps));
                }
            }
            return withDurations(x);
        });
    }

    /** A supervisor (or manager) takes the case. */
    public Future<JsonObject> claim(Principal actor, String id) {
        return CentralException.checked(() -> {
            actor.require(Role.SUPERVISOR, Role.MANAGER);
        }).compose(checked -> db.tx(c -> {
            JsonObject x = load(c, id);
            String status = x.getString("status");
            if (!status.equals("OPEN") && !status.equals("ESCALATED")) {
                throw CentralException.conflict("exception " + id + " is " + status
                        + (x.getString("claimedBy") == null ? "" : " by " + x.getString("claimedBy")));
            }
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE exceptions SET status='CLAIMED', claimed_by=?, claimed_at=? WHERE id=?")) {
                Rows.setAll(ps, actor.username(), now, id);
                ps.executeUpdate();
            }
            AuditLog.append(c, now, actor.username(), AuditAction.EXCEPTION_CLAIM, id, x.getString("plate"));
            return withDurations(load(c, id));
        }).onSuccess(claimed -> announce()));
    }

    /** Records the verification and fee decision, resolves, and releases the vehicle when asked to. */
    public Future<JsonObject> resolve(Principal actor, String id, Resolution r) {
        return CentralException.checked(() -> {
            actor.require(Role.SUPERVISOR, Role.MANAGER);
        }).compose(checked -> db.tx(c -> {
            JsonObject x = load(c, id);
            if (!"CLAIMED".equals(x.getString("status"))) {
                throw CentralException.conflict("exception " + id + " is " + x.getString("status")
                        + ": claim it before resolving");
            }
            if (!actor.username().equals(x.getString("claimedBy")) && actor.role() != Role.MANAGER) {
                throw CentralException.forbidden("exception " + id + " is claimed by " + x.getString("claimedBy"));
            }
            Instant now = clock.instant();
            String laneId = x.getString("laneId");
            Command cmd = null;
            if (r.release()) {
                cmd = commands.prepare(laneId, CommandKind.RELEASE, id, x.getString("plate"), actor.username(),
                        r.outcome());
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE exceptions SET status='RESOLVED', licence_no=?, "
                    + "id_card_no=?, statement=?, signature_ref=?, fee_fen=?, fee_action=?, payment_method=?, "
                    + "waive_reason=?, outcome=?, resolved_by=?, resolved_at=?, command_id=? WHERE id=?")) {
                Rows.setAll(ps, r.licenceNo(), r.idCardNo(), r.statement(), r.signatureRef(), r.feeFen(), r.feeAction(),
                        r.paymentMethod(), r.waiveReason(), r.outcome(), actor.username(), now,
                        cmd == null ? null : cmd.commandId(), id);
                ps.executeUpdate();
            }
            AuditLog.append(c, now, actor.username(), AuditAction.EXCEPTION_RESOLVE, id, r.outcome());
            if (r.feeAction() == Resolution.FeeAction.WAIVE) {
                AuditLog.append(c, now, actor.username(), AuditAction.FEE_WAIVED, id,
                        r.feeFen() + " fen: " + r.waiveReason());
            }
            if (cmd != null) {
                AuditLog.append(c, now, actor.username(), AuditAction.RELEASE, laneId,
                        "command " + cmd.commandId() + " for " + id);
            }
            return new Object[] {withDurations(load(c, id)), cmd};
        }).map(out -> {
            if (out[1] != null) {
                commands.send((Command) out[1]);
            }
            return (JsonObject) out[0];
        }).onSuccess(resolved -> announce()));
    }

    /**
     * The booth read the held vehicle's plate itself and corrects the camera's reading: the case is resolved
     * as corrected (audited: who, from what, to what) and the lane is told to decide again with the plate.
     * The lane applies its own rules to the corrected plate, so a correction never opens by itself; if the
     * lane holds the vehicle again, that is a new case.
     */
    public Future<JsonObject> correctPlate(Principal actor, String id, String plate) {
        return CentralException.checked(() -> {
            actor.require(Role.ATTENDANT, Role.SUPERVISOR, Role.MANAGER);
        }).compose(checked -> db.tx(c -> {
            JsonObject x = load(c, id);
            String status = x.getString("status");
            if ("RESOLVED".equals(status)) {
                throw CentralException.conflict("exception " + id + " is resolved already");
            }
            if ("CLAIMED".equals(status) && !actor.username().equals(x.getString("claimedBy"))
                    && actor.role() != Role.MANAGER) {
                throw CentralException.forbidden("exception " + id + " is claimed by " + x.getString("claimedBy"));
            }
            String read = x.getString("plateAsRead") != null ? x.getString("plateAsRead") : x.getString("plate");
            if (plate.equals(read)) {
                throw CentralException.badRequest("plate " + plate + " is what the camera read already");
            }
            Instant now = clock.instant();
            String laneId = x.getString("laneId");
            String outcome = "车牌更正：" + (read == null ? "未识别" : read) + " → " + plate;
            Command cmd = commands.prepare(laneId, CommandKind.CORRECT_PLATE, id, plate, actor.username(), outcome);
            try (PreparedStatement ps = c.prepareStatement("UPDATE exceptions SET status='RESOLVED', outcome=?, "
                    + "resolved_by=?, resolved_at=?, command_id=? WHERE id=?")) {
                Rows.setAll(ps, outcome, actor.username(), now, cmd.commandId(), id);
                ps.executeUpdate();
            }
            AuditLog.append(c, now, actor.username(), AuditAction.PLATE_CORRECTED, id,
                    (read == null ? "unread" : read) + " -> " + plate + ", command " + cmd.commandId());
            return new Object[] {withDurations(load(c, id)), cmd};
        }).map(out -> {
            commands.send((Command) out[1]);
            return (JsonObject) out[0];
        }).onSuccess(corrected -> announce()));
    }

    /** Opens a lane's barrier from central (supervisor or manager), with a reason. */
    public Future<Command> manualOpen(Principal actor, String laneId, String reason) {
        return CentralException.checked(() -> {
            actor.require(Role.SUPERVISOR, Role.MANAGER);
            if (reason == null || reason.isBlank()) {
                throw CentralException.badRequest("reason is required for a manual open");
            }
        }).compose(checked -> db.tx(c -> {
            Command cmd = commands.prepare(laneId, CommandKind.MANUAL_OPEN, null, null, actor.username(), reason);
            AuditLog.append(c, clock.instant(), actor.username(), AuditAction.MANUAL_OPEN, laneId,
                    "command " + cmd.commandId() + ": " + reason);
            return cmd;
        }).onSuccess(commands::send));
    }

    /** Escalates cases unclaimed for longer than the configured time; returns how many. */
    public Future<Integer> escalateOverdue() {
        return db.tx(c -> {
            Instant now = clock.instant();
            int n;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM exceptions WHERE status='OPEN' "
                    + "AND opened_at<?")) {
                Rows.setAll(ps, now.minus(escalateAfter));
                JsonArray ids = JsonRows.all(ps);
                n = ids.size();
                for (Object o : ids) {
                    String id = ((JsonObject) o).getString("id");
                    try (PreparedStatement up = c.prepareStatement(
                            "UPDATE exceptions SET status='ESCALATED', escalated_at=? WHERE id=?")) {
                        Rows.setAll(up, now, id);
                        up.executeUpdate();
                    }
                    AuditLog.append(c, now, "system", AuditAction.EXCEPTION_ESCALATE, id,
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

    /** Cases with the display names of who claimed and who resolved them: the console shows people by name. */
    private static final String WITH_NAMES = "SELECT e.*, cu.display_name AS claimed_by_name, "
            + "ru.display_name AS resolved_by_name FROM exceptions e LEFT JOIN users cu ON cu.username=e.claimed_by "
            + "LEFT JOIN users ru ON ru.username=e.resolved_by";

    private static JsonObject load(Connection c, String id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(WITH_NAMES + " WHERE e.id=?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw CentralException.notFound("exception " + id + " not found");
                }
                return JsonRows.row(rs);
            }
        }
    }

    private static JsonObject vehicleFile(Connection c, String plate) throws SQLException {
        JsonObject f = new JsonObject();
        f.put("vehicle", first(c, "SELECT * FROM vehicles WHERE plate=?", plate));
        JsonObject v = f.getJsonObject("vehicle");
        if (v != null && v.getString("ownerId") != null) {
            f.put("owner", first(c, "SELECT * FROM owners WHERE id=?", v.getString("ownerId")));
        }
        f.put("cards", many(c, "SELECT * FROM cards WHERE plate=?", plate));
        f.put("passes", many(c, "SELECT * FROM passes WHERE plate=?", plate));
        f.put("visitor", first(c, "SELECT * FROM visitors WHERE plate=?", plate));
        f.put("blacklist", first(c, "SELECT * FROM blacklist WHERE plate=?", plate));
        return f;
    }

    private static JsonObject cardFile(Connection c, String number) throws SQLException {
        JsonObject f = new JsonObject();
        JsonObject card = first(c, "SELECT * FROM cards WHERE number=?", number);
        f.put("card", card);
        if (card != null && card.getString("ownerId") != null) {
            f.put("owner", first(c, "SELECT * FROM owners WHERE id=?", card.getString("ownerId")));
        }
        return f;
    }

    private static JsonObject first(Connection c, String sql, String arg) throws SQLException {
        JsonArray a = many(c, sql, arg);
        return a.isEmpty() ? null : a.getJsonObject(0);
    }

    private static JsonArray many(Connection c, String sql, String arg) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, arg);
            return JsonRows.all(ps);
        }
    }

    /** Adds the measured waits (DOMAIN.md: "the time it waited is measured"). */
    private static JsonObject withDurations(JsonObject x) {
        Instant opened = Instant.parse(x.getString("openedAt"));
        if (x.getString("claimedAt") != null) {
            x.put("secondsToClaim", Duration.between(opened, Instant.parse(x.getString("claimedAt"))).toSeconds());
        }
        if (x.getString("resolvedAt") != null) {
            x.put("secondsToResolve", Duration.between(opened, Instant.parse(x.getString("resolvedAt"))).toSeconds());
        }
        return x;
    }
}
