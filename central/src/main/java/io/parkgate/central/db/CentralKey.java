package io.parkgate.central.db;

import io.vertx.core.Future;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.ResultSet;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key only central knows (made at random when the database is created, kept in it, shared by every central
 * of a group and never sent to a lane). Ids of the events central raises itself are derived from it: derived, so
 * that each is made once however often and on whichever central the work runs; keyed, so that a lane PC, which
 * learns the inputs (an entry's id), cannot compute an id and store an event of its own under it first.
 */
public final class CentralKey {

    private static final String MAC = "HmacSHA256";

    private final SecretKeySpec key;

    CentralKey(byte[] key) {
        if (key.length < 16) {
            throw new IllegalArgumentException("central's key has " + key.length + " bytes; at least 16 are needed");
        }
        this.key = new SecretKeySpec(key, MAC);
    }

    /** Reads the key the database was created with (V014). */
    public static Future<CentralKey> load(Database db) {
        return db.tx(c -> {
            try (ResultSet rs = c.createStatement().executeQuery("SELECT key_hex FROM central_key WHERE id=1")) {
                if (!rs.next()) {
                    throw new IllegalStateException("central database has no key (table central_key is empty)");
                }
                return new CentralKey(HexFormat.of().parseHex(rs.getString(1)));
            }
        });
    }

    /**
     * The id of the thing {@code name} names (e.g. "long-stay:" and an entry's id): the same for the same name
     * under this key, and not computable without it. A UUID's form, as every other event id.
     */
    public String idOf(String name) {
        byte[] mac;
        try {
            Mac m = Mac.getInstance(MAC);
            m.init(key);
            mac = m.doFinal(name.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(MAC + " is part of every Java runtime", e);
        }
        // The first 128 bits, marked as a version-8 (application-defined) UUID of the IETF variant.
        mac[6] = (byte) ((mac[6] & 0x0f) | 0x80);
        mac[8] = (byte) ((mac[8] & 0x3f) | 0x80);
        ByteBuffer b = ByteBuffer.wrap(mac, 0, 16);
        return new UUID(b.getLong(), b.getLong()).toString();
    }
}
