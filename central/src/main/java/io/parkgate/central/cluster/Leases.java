package io.parkgate.central.cluster;

import io.parkgate.central.db.Database;
import io.parkgate.sql.Rows;
import io.vertx.core.Future;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Named leases in central's database, so that work meant to run once across several centrals (escalation, the
 * long-stay scan) runs on one of them: the holder renews its lease each time it does the work; another central
 * takes the lease over only once it has expired, i.e. when the holder stopped renewing it (stopped, killed,
 * cut off). One statement decides, in its own transaction, so two centrals asking at once cannot both win;
 * the same SQL runs on SQLite and PostgreSQL.
 *
 * <p>Expiry is compared on the asking central's clock: the centrals' clocks must agree to well within the
 * lease's time (NTP does), or a fast clock takes a lease early.
 */
public final class Leases {

    private final Database db;
    private final Clock clock;
    private final String holder;

    /**
     * @param clock  real time (never a simulated site clock): the centrals compare expiries across machines
     * @param holder this central's name, unique among the centrals sharing the database
     */
    public Leases(Database db, Clock clock, String holder) {
        if (holder == null || holder.isBlank() || holder.length() > 200) {
            throw new IllegalArgumentException("a lease holder needs a name of 1..200 characters");
        }
        this.db = db;
        this.clock = clock;
        this.holder = holder;
    }

    /** This central's name as written in the leases it holds. */
    public String holder() {
        return holder;
    }

    /**
     * Takes or renews the lease {@code name} until {@code time} from now; true when this central holds it now,
     * false when another central holds an unexpired one.
     */
    public Future<Boolean> hold(String name, Duration time) {
        if (time.isNegative() || time.isZero()) {
            throw new IllegalArgumentException("a lease lasts a positive time, was " + time);
        }
        return db.tx(c -> {
            Instant now = clock.instant();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO leases(name, holder, expires_at) "
                    + "VALUES (?,?,?) ON CONFLICT(name) DO UPDATE SET holder=excluded.holder, "
                    + "expires_at=excluded.expires_at WHERE leases.holder=excluded.holder OR leases.expires_at<=?")) {
                Rows.setAll(ps, name, holder, now.plus(time), now);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Gives the lease up (at a clean stop), so another central need not wait for it to expire. */
    public Future<Void> release(String name) {
        return db.tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM leases WHERE name=? AND holder=?")) {
                Rows.setAll(ps, name, holder);
                ps.executeUpdate();
            }
            return null;
        });
    }
}
