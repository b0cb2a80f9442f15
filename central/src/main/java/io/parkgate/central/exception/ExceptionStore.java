package io.parkgate.central.exception;

import io.parkgate.sql.Rows;
import io.parkgate.wire.LaneEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

/** Exception rows written inside the ingest transaction of the lane event that caused them. */
public final class ExceptionStore {

    private ExceptionStore() {
    }

    /** Opens the case of a held vehicle or alarm; its id is {@code X-<eventId>}, so it is opened once. */
    public static String open(Connection c, String site, LaneEvent e) throws SQLException {
        String id = "X-" + e.eventId();
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO exceptions(id, event_id, lane_id, code, "
                + "plate, plate_as_read, card, reason, snapshot_ref, opened_at, status, site) "
                + "VALUES (?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT DO NOTHING")) {
            Rows.setAll(ps, id, e.eventId(), e.laneId(), e.code(), e.plate(), e.plateAsRead(), e.card(), e.reason(),
                    e.snapshotRef(), e.occurredAt(), ExceptionStatus.OPEN, site);
            ps.executeUpdate();
        }
        return id;
    }

    /** The lane reported it carried out the release command. */
    public static void markReleased(Connection c, String site, String commandId, Instant at) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE exceptions SET released_at=? WHERE command_id=? AND site=? AND released_at IS NULL")) {
            Rows.setAll(ps, at, commandId, site);
            ps.executeUpdate();
        }
    }
}
