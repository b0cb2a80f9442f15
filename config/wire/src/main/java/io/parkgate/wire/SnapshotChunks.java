package io.parkgate.wire;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A registry snapshot for one lane as a series of MQTT messages (docs/mqtt.md "Registry"): the
 * {@link RegistryBody} cut into chunks of {@link #CHUNK_BYTES}, each chunk carrying the transfer's header.
 * The header names the transfer, the registry version and store, the chunk's index and the count, the
 * body's length and SHA-256, and an HMAC-SHA256 of all that keyed by the lane's secret (which only central
 * and that lane hold): a lane, or anyone else on the broker, cannot make a snapshot another lane accepts.
 * Binary, unlike the JSON messages: the first bytes ({@code PGS1}) tell it from a JSON {@code SNAPSHOT}.
 *
 * <p>Chunk layout, big-endian: magic, transfer id (long), version (long), store (UTF-8 after its 2-byte length, "" =
 * none),
 * forced (byte), chunk size, index, count, body length (ints), body SHA-256 (32 bytes), HMAC (32 bytes),
 * data length (int), data.
 */
public final class SnapshotChunks {

    /** What an agent names in its hello ({@link Hello#snapshotFormat()}) when it reads these chunks. */
    public static final int FORMAT = 1;
    /** Bytes of body per message: small next to any broker's message limit, few messages per snapshot. */
    public static final int CHUNK_BYTES = 256 * 1024;
    /** A compressed body larger than this is refused before any of it is kept (about 20 times 100k residents). */
    public static final int MAX_BODY_BYTES = 64 * 1024 * 1024;
    static final int MAGIC = 0x50475331; // "PGS1"
    private static final String LABEL = "parkgate-registry-snapshot";
    private static final int DIGEST = 32;

    private SnapshotChunks() {
    }

    /** True when {@code payload} starts like a chunk (and so is no JSON message). */
    public static boolean isChunk(byte[] payload) {
        return payload != null && payload.length >= 4 && ByteBuffer.wrap(payload, 0, 4).getInt() == MAGIC;
    }

    /** The transfer's fixed part; equal in every chunk of it. */
    public record Header(long transferId, long version, String store, boolean forced, int chunkBytes, int count,
                         int bodyLength, byte[] digest, byte[] mac) {

        public boolean sameAs(Header o) {
            return transferId == o.transferId && version == o.version && store.equals(o.store) && forced == o.forced
                    && chunkBytes == o.chunkBytes && count == o.count && bodyLength == o.bodyLength
                    && MessageDigest.isEqual(digest, o.digest) && MessageDigest.isEqual(mac, o.mac);
        }

        /** The range of the body chunk {@code index} holds. */
        public int offset(int index) {
            return index * chunkBytes;
        }

        public int length(int index) {
            return Math.min(chunkBytes, bodyLength - offset(index));
        }
    }

    /** One parsed chunk message. */
    public record Chunk(Header header, int index, byte[] data) {
    }

    /**
     * The messages that carry {@code body} (of registry {@code version}) to lane {@code laneId}, signed with the
     * lane's secret.
     *
     * @param store  the central database's identity, or null
     * @param forced a manager ordered the resync (docs/mqtt.md)
     */
    public static List<byte[]> chunks(String laneId, String laneSecret, long transferId, long version, String store,
                                      boolean forced, byte[] body, byte[] bodyDigest, int chunkBytes) {
        if (body.length > MAX_BODY_BYTES) {
            throw new IllegalArgumentException("registry body of " + body.length + " bytes exceeds " + MAX_BODY_BYTES);
        }
        int count = Math.max(1, (body.length + chunkBytes - 1) / chunkBytes);
        String st = store == null ? "" : store;
        byte[] mac = mac(laneSecret, laneId, transferId, version, st, forced, chunkBytes, count, body.length,
                bodyDigest);
        Header h = new Header(transferId, version, st, forced, chunkBytes, count, body.length, bodyDigest, mac);
        List<byte[]> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(message(h, i, body, h.offset(i), Math.max(0, h.length(i))));
        }
        return out;
    }

    /** One chunk message; public for tests that build damaged transfers. */
    public static byte[] message(Header h, int index, byte[] data, int from, int length) {
        ByteArrayOutputStream b = new ByteArrayOutputStream(length + 160);
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeInt(MAGIC);
            out.writeLong(h.transferId());
            out.writeLong(h.version());
            byte[] store = h.store().getBytes(StandardCharsets.UTF_8);
            out.writeShort(store.length);
            out.write(store);
            out.writeByte(h.forced() ? 1 : 0);
            out.writeInt(h.chunkBytes());
            out.writeInt(index);
            out.writeInt(h.count());
            out.writeInt(h.bodyLength());
            out.write(h.digest());
            out.write(h.mac());
            out.writeInt(length);
            out.write(data, from, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return b.toByteArray();
    }

    /**
     * Parses one chunk message.
     *
     * @throws WireFormatException when it is cut short, longer than it says, or its fields are out of range
     */
    public static Chunk parse(byte[] payload) {
        ByteBuffer in = ByteBuffer.wrap(payload);
        try {
            if (in.getInt() != MAGIC) {
                throw new WireFormatException("snapshot chunk: bad magic");
            }
            long transferId = in.getLong();
            long version = in.getLong();
            int storeLength = Short.toUnsignedInt(in.getShort());
            if (storeLength > 256) {
                throw new WireFormatException("snapshot chunk: store identity of " + storeLength + " bytes");
            }
            byte[] storeBytes = new byte[storeLength];
            in.get(storeBytes);
            String store = new String(storeBytes, StandardCharsets.UTF_8);
            int forced = in.get();
            int chunkBytes = in.getInt();
            int index = in.getInt();
            int count = in.getInt();
            int bodyLength = in.getInt();
            byte[] digest = new byte[DIGEST];
            in.get(digest);
            byte[] mac = new byte[DIGEST];
            in.get(mac);
            int length = in.getInt();
            if (version < 0 || (forced != 0 && forced != 1)) {
                throw new WireFormatException("snapshot chunk: version " + version + " or forced flag out of range");
            }
            if (bodyLength < 0 || bodyLength > MAX_BODY_BYTES) {
                throw new WireFormatException("snapshot chunk: a body of " + bodyLength + " bytes (at most "
                        + MAX_BODY_BYTES + ")");
            }
            if (chunkBytes <= 0 || chunkBytes > MAX_BODY_BYTES
                    || count != Math.max(1, (int) (((long) bodyLength + chunkBytes - 1) / chunkBytes))) {
                throw new WireFormatException("snapshot chunk: " + count + " chunks of " + chunkBytes
                        + " bytes do not make a body of " + bodyLength);
            }
            if (index < 0 || index >= count) {
                throw new WireFormatException("snapshot chunk: index " + index + " of " + count);
            }
            Header h = new Header(transferId, version, store, forced == 1, chunkBytes, count, bodyLength, digest,
                    mac);
            int expected = Math.max(0, h.length(index));
            if (length != expected || in.remaining() != length) {
                throw new WireFormatException("snapshot chunk " + index + " of " + count + ": " + in.remaining()
                        + " data bytes, expected " + expected + " (truncated or padded)");
            }
            byte[] data = new byte[length];
            in.get(data);
            return new Chunk(h, index, data);
        } catch (java.nio.BufferUnderflowException e) {
            throw new WireFormatException("snapshot chunk: cut short (" + payload.length + " bytes)");
        }
    }

    /** True when the header was signed with {@code laneSecret} for {@code laneId}. */
    public static boolean signedFor(Header h, String laneId, String laneSecret) {
        byte[] expected = mac(laneSecret, laneId, h.transferId(), h.version(), h.store(), h.forced(), h.chunkBytes(),
                h.count(), h.bodyLength(), h.digest());
        return MessageDigest.isEqual(expected, h.mac());
    }

    static byte[] mac(String laneSecret, String laneId, long transferId, long version, String store, boolean forced,
                      int chunkBytes, int count, int bodyLength, byte[] digest) {
        if (laneSecret == null || laneSecret.length() < 16) {
            throw new IllegalArgumentException("lane secret must be at least 16 characters");
        }
        String text = String.join("\n", LABEL, laneId, Long.toString(transferId), Long.toString(version), store,
                Boolean.toString(forced), Integer.toString(chunkBytes), Integer.toString(count),
                Integer.toString(bodyLength), HexFormat.of().formatHex(digest));
        try {
            Mac m = Mac.getInstance("HmacSHA256");
            m.init(new SecretKeySpec(laneSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return m.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
