package io.parkgate.agent.store;

import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.MessageCodec;
import io.parkgate.wire.WireFormatException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SQL of the {@code unreported_events} table: the whole message of an alarm, a held vehicle or a release, kept until
 * the uplink's outbox holds it. Every method runs inside the caller's transaction.
 */
final class UnreportedEvents {

    private static final Logger LOG = LoggerFactory.getLogger(UnreportedEvents.class);

    // Raised again under the same id (a hold after a plate correction that read the same): the newer message.
    private static final String NOTE = "INSERT INTO unreported_events (event_id, payload, occurred_at) "
            + "VALUES (?, ?, ?) ON CONFLICT (event_id) "
            + "DO UPDATE SET payload = excluded.payload, occurred_at = excluded.occurred_at";
    private static final String LIST = "SELECT event_id, payload FROM unreported_events ORDER BY seq";
    private static final String REPORTED = "DELETE FROM unreported_events WHERE event_id = ?";

    private UnreportedEvents() {
    }

    static void note(Session s, LaneEvent event) throws SQLException {
        PreparedStatement ps = s.prepare(NOTE);
        ps.setString(1, event.eventId());
        ps.setBytes(2, MessageCodec.encode(event));
        ps.setLong(3, event.occurredAt().toEpochMilli());
        ps.executeUpdate();
    }

    /**
     * The noted events, in the order they were noted. A message that no longer decodes (the file was damaged) is
     * logged and left in the table for whoever recovers the file; the others are still returned.
     */
    static List<LaneEvent> list(Session s) throws SQLException {
        List<LaneEvent> events = new ArrayList<>();
        try (ResultSet rs = s.prepare(LIST).executeQuery()) {
            while (rs.next()) {
                try {
                    events.add(MessageCodec.decodeEvent(rs.getBytes("payload")));
                } catch (WireFormatException | IllegalArgumentException e) {
                    LOG.error("unreported event {} in the lane store cannot be read, not sent: {}",
                            rs.getString("event_id"), e.getMessage());
                }
            }
        }
        return events;
    }

    static void reported(Session s, String eventId) throws SQLException {
        PreparedStatement ps = s.prepare(REPORTED);
        ps.setString(1, eventId);
        ps.executeUpdate();
    }
}
