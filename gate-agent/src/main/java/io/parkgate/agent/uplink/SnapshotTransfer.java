package io.parkgate.agent.uplink;

import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.wire.RegistryBody;
import io.parkgate.wire.SnapshotChunks;
import io.parkgate.wire.SnapshotChunks.Chunk;
import io.parkgate.wire.SnapshotChunks.Header;
import io.parkgate.wire.WireFormatException;
import java.security.MessageDigest;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts one lane's chunked registry snapshot back together ({@link SnapshotChunks}). Nothing of a transfer
 * reaches the registry until every chunk is in, the body's SHA-256 matches the signed header and the body
 * decodes whole: a torn, partial or forged transfer leaves the lane's registry as it was. Chunks are placed
 * by their index, so a redelivered chunk (QoS 1 may repeat one) is harmless when it carries the same bytes.
 * One transfer at a time: the first chunk of a new transfer drops an unfinished one. Called from the
 * uplink's one inbound thread.
 */
final class SnapshotTransfer {

    /** A finished, verified transfer. */
    record Complete(RegistrySnapshot snapshot, String store, boolean forced, int bodyBytes, int chunks) {
    }

    /**
     * A transfer, or one chunk, that must not be used. {@code fromCentral}: it was signed with the lane's
     * secret (so central sent it and asking again may help); otherwise it was forged or damaged on its way.
     */
    static final class Refused extends RuntimeException {
        private final boolean fromCentral;

        Refused(String message, boolean fromCentral) {
            super(message);
            this.fromCentral = fromCentral;
        }

        boolean fromCentral() {
            return fromCentral;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTransfer.class);

    private final String laneId;
    private final String laneSecret;
    private Header header;
    private byte[] body;
    private boolean[] have;
    private int missing;

    SnapshotTransfer(String laneId, String laneSecret) {
        this.laneId = laneId;
        this.laneSecret = laneSecret;
    }

    /**
     * Takes one chunk message.
     *
     * @return the verified snapshot once the last chunk is in, else null
     * @throws Refused with the reason, when the chunk or its transfer is refused
     */
    Complete accept(byte[] payload) {
        Chunk c;
        try {
            c = SnapshotChunks.parse(payload);
        } catch (WireFormatException e) {
            // Unsigned bytes cannot be trusted to name a transfer: a transfer under way keeps going.
            throw new Refused(e.getMessage(), false);
        }
        Header h = c.header();
        if (!SnapshotChunks.signedFor(h, laneId, laneSecret)) {
            throw new Refused("snapshot chunk " + c.index() + " of transfer " + Long.toHexString(h.transferId())
                    + " is not signed with this lane's secret (forged, or meant for another lane)", false);
        }
        if (header == null || header.transferId() != h.transferId()) {
            if (header != null) {
                String gone = describe();
                drop();
                LOG.warn("lane {}: {} abandoned for a new transfer", laneId, gone);
            }
            start(h);
        } else if (!header.sameAs(h)) {
            String gone = describe();
            drop();
            throw new Refused(gone + ": chunk " + c.index() + " carries another header (version " + h.version()
                    + ", " + h.count() + " chunks, " + h.bodyLength() + " bytes): transfer dropped", true);
        }
        int off = header.offset(c.index());
        if (have[c.index()]) {
            if (!Arrays.equals(body, off, off + c.data().length, c.data(), 0, c.data().length)) {
                String gone = describe();
                drop();
                throw new Refused(gone + ": chunk " + c.index() + " arrived twice with different bytes: transfer "
                        + "dropped", true);
            }
            return null; // a redelivery
        }
        System.arraycopy(c.data(), 0, body, off, c.data().length);
        have[c.index()] = true;
        if (--missing > 0) {
            return null;
        }
        Header done = header;
        byte[] bytes = body;
        drop();
        if (!MessageDigest.isEqual(RegistryBody.sha256(bytes), done.digest())) {
            throw new Refused(what(done) + ": the body's SHA-256 does not match its header (torn)", true);
        }
        RegistrySnapshot s;
        long t0 = System.nanoTime(); // for the log only
        try {
            s = RegistryBody.decode(bytes);
        } catch (WireFormatException e) {
            throw new Refused(what(done) + ": " + e.getMessage(), true);
        }
        if (s.version() != done.version()) {
            throw new Refused(what(done) + ": the body holds version " + s.version() + ", the header says "
                    + done.version(), true);
        }
        LOG.info("lane {}: {} received ({} chunks, {} bytes), decoded in {} ms", laneId, what(done), done.count(),
                bytes.length, (System.nanoTime() - t0) / 1_000_000);
        return new Complete(s, done.store().isEmpty() ? null : done.store(), done.forced(), bytes.length,
                done.count());
    }

    /** True while a transfer is partly received. */
    boolean inProgress() {
        return header != null;
    }

    private void start(Header h) {
        header = h;
        body = new byte[h.bodyLength()];
        have = new boolean[h.count()];
        missing = h.count();
    }

    private void drop() {
        header = null;
        body = null;
        have = null;
        missing = 0;
    }

    private String describe() {
        return what(header) + " (" + (header.count() - missing) + " of " + header.count() + " chunks received)";
    }

    private static String what(Header h) {
        return "snapshot transfer " + Long.toHexString(h.transferId()) + " of version " + h.version();
    }
}
