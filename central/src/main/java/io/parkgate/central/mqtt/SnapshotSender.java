package io.parkgate.central.mqtt;

import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.wire.RegistryBody;
import io.parkgate.wire.SnapshotChunks;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a lane the registry as signed chunks ({@link SnapshotChunks}). The compressed body of the latest
 * version is kept: every lane of a site asks for the same registry after a restart or a bulk import, and
 * only the chunks' signed header differs per lane. Called on the gateway's one reply thread.
 */
final class SnapshotSender {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotSender.class);

    /** The encoded registry of one version. */
    record Body(long version, byte[] bytes, byte[] digest) {
    }

    /** Publishes one message at QoS 1; false when the broker is unreachable. */
    interface Publisher {
        boolean publish(String topic, byte[] payload);
    }

    private final SecureRandom random = new SecureRandom();
    private final int chunkBytes;
    private volatile Body latest;

    SnapshotSender(int chunkBytes) {
        this.chunkBytes = chunkBytes;
    }

    /** The kept body when it is of {@code version}. */
    Optional<Body> cached(long version) {
        Body b = latest;
        return b != null && b.version() == version ? Optional.of(b) : Optional.empty();
    }

    /** Encodes {@code s} (or takes the kept body of its version). */
    Body body(RegistrySnapshot s) {
        Optional<Body> kept = cached(s.version());
        if (kept.isPresent()) {
            return kept.get();
        }
        long t0 = System.nanoTime(); // for the log only
        byte[] bytes = RegistryBody.encode(s);
        Body b = new Body(s.version(), bytes, RegistryBody.sha256(bytes));
        Body old = latest;
        if (old == null || old.version() <= b.version()) {
            latest = b;
        }
        LOG.info("registry version {} encoded for lanes: {} vehicles, {} bytes compressed, {} ms", s.version(),
                s.vehicles().size(), bytes.length, (System.nanoTime() - t0) / 1_000_000);
        return b;
    }

    /**
     * Publishes {@code body} to one lane, signed with its secret; returns the chunks published, fewer than the
     * transfer's when the broker went away (the agent drops the torn transfer and asks again on reconnect).
     */
    int send(Publisher out, String topic, String laneId, String laneSecret, Body body, String store,
             boolean forced) {
        List<byte[]> chunks = SnapshotChunks.chunks(laneId, laneSecret, random.nextLong(), body.version(), store,
                forced, body.bytes(), body.digest(), chunkBytes);
        int sent = 0;
        for (byte[] c : chunks) {
            if (!out.publish(topic, c)) {
                LOG.warn("snapshot to lane {} stopped after {} of {} chunks: broker unreachable", laneId, sent,
                        chunks.size());
                return sent;
            }
            sent++;
        }
        return sent;
    }
}
