package io.parkgate.central.cluster;

import io.parkgate.central.change.Change;
import io.parkgate.central.change.RecordedNote;
import io.parkgate.central.db.Database;
import io.parkgate.central.db.DatabaseTarget;
import io.parkgate.central.passage.PassageService;
import io.parkgate.central.registry.RegistryService;
import io.parkgate.wire.LaneEvent;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What another central committed, told to this one: several centrals share one PostgreSQL database, and each
 * announces its committed changes in-process only ({@link io.parkgate.central.change.Changes}). This relay
 * sends each announcement on as a PostgreSQL notification ({@code NOTIFY}) and listens, on a connection of
 * its own, for the other centrals' ones; register rows are named by event id and read back here, the
 * exception queue is only said to have changed, a lane note is carried whole, the registry's new version and
 * a forced resync's end are given. A console open on any central so sees every central's
 * passages and cases.
 *
 * <p>Notifications are not stored: what is announced while this central's listening connection is down
 * (a PostgreSQL restart) is not relayed; after reconnecting {@code resynced} runs, so that what is shown
 * is read again from the database.
 */
public final class ChangeRelay implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeRelay.class);
    static final String CHANNEL = "parkgate_changes";
    /** PostgreSQL's limit for a notification's payload is 8000 bytes; event ids are short (UUIDs, 36). */
    static final int MAX_PAYLOAD = 7000;

    private final Database db;
    private final DatabaseTarget.Postgres target;
    private final String instance;
    /** The notification channel of the relay's site: each site's changes go to that site's relays only. */
    private final String channel;
    private final PassageService passages;
    private final RegistryService registry;
    private final Consumer<Change> deliver;
    private final Consumer<List<LaneEvent>> othersStored;
    private final Runnable resynced;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection listening;

    /**
     * @param target       the database {@code db} is open on, for the relay's own listening connection
     * @param site         the compound whose changes this relay passes on and takes in
     * @param registry     told the registry versions and forced resyncs of the other centrals
     * @param deliver      given the other centrals' changes (on the relay's thread; must hand off)
     * @param othersStored given the register rows the other centrals stored (e.g. the free-space count)
     * @param resynced     run after the listening connection was lost and made again
     */
    public ChangeRelay(Database db, DatabaseTarget.Postgres target, String instance, String site,
                       PassageService passages, RegistryService registry, Consumer<Change> deliver,
                       Consumer<List<LaneEvent>> othersStored, Runnable resynced) {
        this.channel = channel(site);
        this.registry = registry;
        this.db = db;
        this.target = target;
        this.instance = instance;
        this.passages = passages;
        this.deliver = deliver;
        this.othersStored = othersStored;
        this.resynced = resynced;
        this.listener = new Thread(this::listen, "central-change-relay");
        this.listener.setDaemon(true);
    }

    /**
     * The channel of a site's changes: {@value #CHANNEL} and a digest of the site id (site ids may hold characters a
     * channel name may not, and be longer than one may be).
     */
    static String channel(String site) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(site.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return CHANNEL + "_" + java.util.HexFormat.of().formatHex(d, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Listens from now on; returns once the first listening connection is open (or failed, then retried). */
    public ChangeRelay start() {
        try {
            listening = open();
        } catch (SQLException e) {
            LOG.warn("change relay: cannot listen yet ({}); retrying", e.getMessage());
        }
        listener.start();
        return this;
    }

    /** Takes a change this central announced and tells the other centrals (a local listener; never blocks). */
    public void announced(Change change) {
        if (change instanceof Change.PassagesStored p) {
            for (String ids : chunks(p.events().stream().map(LaneEvent::eventId).toList())) {
                notifyOthers("P " + ids);
            }
        } else if (change instanceof Change.ExceptionsChanged) {
            notifyOthers("X");
        } else if (change instanceof Change.NoteRecorded n) {
            String json = noteJson(n.note());
            if (json.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MAX_PAYLOAD) {
                notifyOthers("N " + json);
            } else {
                LOG.warn("change relay: note {} too long to pass on; other consoles see it when reopened",
                        n.note().id());
            }
        }
        // Lane status reaches every central from the broker itself.
    }

    /** This central committed registry version {@code v}: the others' registries follow. */
    public void registryChanged(long v) {
        notifyOthers("R " + v);
    }

    /** This central's manager ordered a resync: the others send forced snapshots until then too. */
    public void forcedResync(java.time.Instant until) {
        notifyOthers("F " + until.toEpochMilli());
    }

    /**
     * Event ids as JSON arrays that each fit a notification (an id is whatever a lane sent, up to 64 characters of
     * any kind: JSON keeps commas and spaces in it apart).
     */
    static List<String> chunks(List<String> ids) {
        List<String> out = new ArrayList<>();
        io.vertx.core.json.JsonArray chunk = new io.vertx.core.json.JsonArray();
        int bytes = 2;
        for (String id : ids) {
            int more = new io.vertx.core.json.JsonArray().add(id).encode()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8).length - 1;
            if (bytes + more > MAX_PAYLOAD - 100 && !chunk.isEmpty()) {
                out.add(chunk.encode());
                chunk = new io.vertx.core.json.JsonArray();
                bytes = 2;
            }
            chunk.add(id);
            bytes += more;
        }
        if (!chunk.isEmpty()) {
            out.add(chunk.encode());
        }
        return out;
    }

    private void notifyOthers(String what) {
        notifyOthers(instance + " " + what, true);
    }

    private void notifyOthers(String payload, boolean retry) {
        // On the database thread, after the commit that made the change: it is there when the others read it.
        db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
                ps.setString(1, channel);
                ps.setString(2, payload);
                ps.execute();
            }
            return null;
        }).onFailure(e -> {
            if (retry && Database.isUnavailable(e)) {
                notifyOthers(payload, false); // the connection had died (a restart); the next one is new
            } else {
                LOG.warn("change relay: the other centrals were not told of a change: {}", e.getMessage());
            }
        });
    }

    private Connection open() throws SQLException {
        Connection c = DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
        try (Statement s = c.createStatement()) {
            s.execute("LISTEN " + channel);
        }
        return c;
    }

    private void listen() {
        boolean lost = false;
        while (running) {
            try {
                if (listening == null) {
                    listening = open();
                    if (lost) {
                        LOG.info("change relay: listening again");
                        resynced.run();
                    }
                    lost = false;
                }
                PGNotification[] got = listening.unwrap(PGConnection.class).getNotifications(1000);
                if (got != null) {
                    Arrays.stream(got).forEach(n -> received(n.getParameter()));
                }
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    return;
                }
                if (!lost) {
                    LOG.warn("change relay: lost its connection ({}); retrying every second", e.getMessage());
                }
                lost = true;
                closeQuietly();
                try {
                    Thread.sleep(1000); // the server is restarting: retry at a calm pace, not in a loop
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void received(String payload) {
        try {
            take(payload);
        } catch (RuntimeException e) {
            LOG.warn("change relay: notification '{}' not understood: {}", payload, e.toString());
        }
    }

    private void take(String payload) {
        String[] parts = payload.split(" ", 3);
        if (parts.length < 2 || parts[0].equals(instance)) {
            return; // our own, shown already
        }
        switch (parts[1]) {
            case "P" -> {
                if (parts.length == 3) {
                    List<String> ids = new ArrayList<>();
                    new io.vertx.core.json.JsonArray(parts[2]).forEach(id -> ids.add((String) id));
                    readStored(parts[0], ids, true);
                }
            }
            case "X" -> deliver.accept(new Change.ExceptionsChanged());
            case "N" -> deliver.accept(new Change.NoteRecorded(note(parts[2])));
            case "R" -> registry.changedElsewhere(Long.parseLong(parts[2]));
            case "F" -> registry.forcedElsewhere(java.time.Instant.ofEpochMilli(Long.parseLong(parts[2])));
            default -> LOG.debug("change relay: unknown notification {}", payload);
        }
    }

    /** A stored note, whole, as a notification carries it. */
    static String noteJson(RecordedNote n) {
        return new JsonObject().put("id", n.id()).put("at", n.at().toEpochMilli()).put("laneId", n.laneId())
                .put("post", n.post()).put("kind", n.kind()).put("plate", n.plate()).put("note", n.note())
                .put("by", n.by()).put("byName", n.byName()).put("passageEventId", n.passageEventId()).encode();
    }

    static RecordedNote note(String json) {
        JsonObject j = new JsonObject(json);
        return new RecordedNote(j.getString("id"), java.time.Instant.ofEpochMilli(j.getLong("at")),
                j.getString("laneId"), j.getString("post"), j.getString("kind"), j.getString("plate"),
                j.getString("note"), j.getString("by"), j.getString("byName"), j.getString("passageEventId"));
    }

    /** Reads the rows another central stored and passes them on; once more when the connection had died. */
    private void readStored(String by, List<String> ids, boolean retry) {
        passages.byIds(ids).onSuccess(rows -> {
            if (!rows.isEmpty()) {
                othersStored.accept(rows);
                deliver.accept(new Change.PassagesStored(rows));
            }
        }).onFailure(e -> {
            // After a PostgreSQL restart the database's connection fails its first work and is opened again.
            if (retry && Database.isUnavailable(e)) {
                readStored(by, ids, false);
            } else {
                LOG.warn("change relay: rows stored by {} not read: {}", by, e.getMessage());
            }
        });
    }

    private void closeQuietly() {
        Connection c = listening;
        listening = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // a broken connection cannot be closed cleanly; it is dropped either way
            }
        }
    }

    @Override
    public void close() {
        running = false;
        listener.interrupt();
        try {
            listener.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly();
    }
}
