package io.parkgate.central.lane;

import io.parkgate.central.audit.AuditAction;
import io.parkgate.central.audit.AuditLog;
import io.parkgate.central.auth.Passwords;
import io.parkgate.central.change.Change;
import io.parkgate.central.change.Changes;
import io.parkgate.central.db.Database;
import io.parkgate.central.db.Dialect;
import io.parkgate.config.Direction;
import io.parkgate.sql.Rows;
import io.parkgate.wire.LaneStatus;
import io.parkgate.wire.MessageCodec;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lanes central knows: their post, MQTT credentials (checked by the embedded broker), command
 * secrets (used to sign releases) and last reported status (online/offline via the last will).
 */
public final class LaneService {

    private static final Logger LOG = LoggerFactory.getLogger(LaneService.class);

    private final Database db;
    private final String site;
    private final Clock clock;
    private final Changes changes;
    private final Map<String, Lane> lanes = new ConcurrentHashMap<>();
    /** The lanes' names from the site file (北门入口), as provisioned at start; not stored. */
    private final Map<String, String> names = new ConcurrentHashMap<>();
    private final Map<String, LaneStatus> status = new ConcurrentHashMap<>();

    /** A provisioned lane as held in memory. */
    public record Lane(String laneId, String post, Direction direction, byte[] mqttSalt, byte[] mqttHash,
                       String commandSecret) {
    }

    private LaneService(Database db, String site, Clock clock, Changes changes, Map<String, Lane> lanes,
                        Map<String, LaneStatus> status) {
        this.db = db;
        this.site = site;
        this.clock = clock;
        this.changes = changes;
        this.lanes.putAll(lanes);
        this.status.putAll(status);
    }

    /**
     * Reads the provisioned lanes and their last known statuses (a lane that was online stays so until its will
     * says otherwise) and only then builds the service, so nothing reads the database while being constructed.
     *
     * @param site    the compound whose lanes these are (a lane id may repeat at another)
     * @param changes told of every lane provisioned and every status reported
     */
    public static Future<LaneService> load(Database db, String site, Clock clock, Changes changes) {
        return db.tx(c -> {
            Map<String, Lane> lanes = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM lanes WHERE site=?")) {
                ps.setString(1, site);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        Lane l = new Lane(rs.getString("lane_id"), rs.getString("post"),
                                Direction.valueOf(rs.getString("direction")), rs.getBytes("mqtt_salt"),
                                rs.getBytes("mqtt_hash"), rs.getString("command_secret"));
                        lanes.put(l.laneId(), l);
                    }
                }
            }
            Map<String, LaneStatus> status = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT devices FROM lane_status WHERE site=?")) {
                ps.setString(1, site);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LaneStatus s = MessageCodec.decodeStatus(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                        status.put(s.laneId(), s);
                    }
                }
            }
            return new LaneService(db, site, clock, changes, lanes, status);
        });
    }

    /** The compound whose lanes these are. */
    public String site() {
        return site;
    }

    /** Creates or updates a lane (credentials included), recorded in the audit log. */
    public Future<Lane> provision(String actor, LaneDefinition d) {
        byte[] salt = Passwords.salt();
        Lane l = new Lane(d.laneId(), d.post(), d.direction(), salt,
                Passwords.fastHash(d.mqttPassword(), salt), d.commandSecret());
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(Dialect.upsertOn("lanes", 2, "site",
                    "lane_id", "post", "direction", "mqtt_salt", "mqtt_hash", "command_secret"))) {
                Rows.setAll(ps, site, l.laneId(), l.post(), l.direction(), l.mqttSalt(), l.mqttHash(),
                        l.commandSecret());
                ps.executeUpdate();
            }
            AuditLog.append(c, site, clock.instant(), actor, AuditAction.LANE_PROVISIONED, l.laneId(),
                    "post " + l.post());
            return l;
        }).onSuccess(x -> {
            lanes.put(x.laneId(), x);
            if (d.name() != null && !d.name().isBlank()) {
                names.put(x.laneId(), d.name());
            }
            changes.announce(new Change.LaneChanged(x.laneId()));
        });
    }

    public Optional<Lane> lane(String laneId) {
        return Optional.ofNullable(laneId).map(lanes::get);
    }

    /** The broker's check of an agent's credentials: user name = lane id. */
    public boolean checkMqttPassword(String laneId, byte[] password) {
        Lane l = laneId == null ? null : lanes.get(laneId);
        return l != null && password != null && java.security.MessageDigest.isEqual(
                Passwords.fastHash(new String(password, StandardCharsets.UTF_8), l.mqttSalt()), l.mqttHash());
    }

    public List<String> lanesOfPost(String post) {
        return lanes.values().stream().filter(l -> l.post().equals(post)).map(Lane::laneId).sorted().toList();
    }

    /** Records what a lane reported on its status topic (or its last will). */
    public Future<Void> updateStatus(LaneStatus s) {
        LaneStatus before = status.put(s.laneId(), s);
        logClock(before == null ? null : before.clock(), s);
        changes.announce(new Change.LaneChanged(s.laneId())); // the console shows what is held in memory
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(Dialect.upsertOn("lane_status", 2, "site",
                    "lane_id", "online", "at", "barrier", "devices", "queue", "updated_at"))) {
                Rows.setAll(ps, site, s.laneId(), s.online() ? 1 : 0, s.at(), s.barrier(),
                        new String(MessageCodec.encode(s), StandardCharsets.UTF_8), s.queue(), clock.instant());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** The operator's line when a lane reports its clock wrong, and when right again. */
    private static void logClock(LaneStatus.ClockOffset before, LaneStatus s) {
        LaneStatus.ClockOffset now = s.clock();
        boolean was = before != null && before.wrong();
        if (now != null && now.wrong() && (!was || Math.abs(before.aheadSeconds() - now.aheadSeconds()) > 30)) {
            LOG.warn("lane {} reports its clock {} central's (checked at {}): its passages carry that time, so stays "
                            + "and fees may be wrong; set the lane PC's clock or let it follow a time server",
                    s.laneId(), now.describe(), now.checkedAt());
        } else if (was && now != null && !now.wrong()) {
            LOG.info("lane {} reports its clock agrees with central's again", s.laneId());
        }
    }

    /** Every provisioned lane with its last status, for the console. */
    public List<LaneView> overview() {
        List<LaneView> out = new ArrayList<>();
        lanes.values().stream().sorted((a, b) -> a.laneId().compareTo(b.laneId())).forEach(l -> out.add(
                new LaneView(l.laneId(), l.post(), l.direction(), names.get(l.laneId()),
                        status.getOrDefault(l.laneId(), LaneStatus.offline(l.laneId())))));
        return out;
    }
}
