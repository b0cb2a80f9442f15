package io.parkgate.agent.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Receipt numbers {@code <LANEID>-<yyyyMMdd>-<000123>}: the counter is per lane, persisted, only ever
 * increases (never reset at midnight, so a number is never issued twice); the date is the issue date.
 */
final class ReceiptSequence {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT);
    private static final String BUMP = "INSERT INTO receipt_sequence (lane_id, last_value) VALUES (?, 1) "
            + "ON CONFLICT (lane_id) DO UPDATE SET last_value = last_value + 1";
    private static final String READ = "SELECT last_value FROM receipt_sequence WHERE lane_id = ?";

    private ReceiptSequence() {
    }

    /** Takes the next number inside the caller's transaction: it is used only if that commits. */
    static String next(Session s, String laneId, LocalDate issued) throws SQLException {
        PreparedStatement bump = s.prepare(BUMP);
        bump.setString(1, laneId);
        bump.executeUpdate();
        PreparedStatement read = s.prepare(READ);
        read.setString(1, laneId);
        try (ResultSet rs = read.executeQuery()) {
            rs.next();
            return format(laneId, issued, rs.getLong(1));
        }
    }

    static String format(String laneId, LocalDate issued, long value) {
        return laneId.toUpperCase(Locale.ROOT) + "-" + DAY.format(issued) + "-" + String.format(Locale.ROOT,
                "%06d", value);
    }
}
