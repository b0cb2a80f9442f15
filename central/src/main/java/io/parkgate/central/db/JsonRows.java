package io.parkgate.central.db;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Rows as JSON for the API: column names in camelCase, {@code *_at} columns (epoch ms) as ISO-8601
 * instants, nulls left out.
 */
public final class JsonRows {

    private JsonRows() {
    }

    public static JsonObject row(ResultSet rs) throws SQLException {
        ResultSetMetaData md = rs.getMetaData();
        JsonObject o = new JsonObject();
        for (int i = 1; i <= md.getColumnCount(); i++) {
            String col = md.getColumnLabel(i);
            Object v = rs.getObject(i);
            if (v == null || v instanceof byte[]) {
                continue;
            }
            if (col.endsWith("_at") && v instanceof Number n) {
                v = Instant.ofEpochMilli(n.longValue()).toString();
            }
            o.put(camel(col), v);
        }
        return o;
    }

    public static JsonArray all(PreparedStatement ps) throws SQLException {
        JsonArray out = new JsonArray();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    static String camel(String col) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (int i = 0; i < col.length(); i++) {
            char ch = col.charAt(i);
            if (ch == '_') {
                up = true;
            } else {
                b.append(up ? Character.toUpperCase(ch) : ch);
                up = false;
            }
        }
        return b.toString();
    }
}
