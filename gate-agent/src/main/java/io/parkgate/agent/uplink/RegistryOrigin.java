package io.parkgate.agent.uplink;

import io.parkgate.registry.RegistrySnapshot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which central database the lane's registry came from (its store identity), kept in the agent's data
 * directory. A snapshot from another store, one older than the registry held, or one that would remove
 * most of it is refused unless a manager at central ordered the resync: an empty or wrong central
 * database must not wipe the lane's registry and charge every resident as a visitor.
 */
final class RegistryOrigin {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryOrigin.class);

    /** Below this many vehicles the removal guard does not apply (a new site's first records). */
    static final int GUARD_FROM = 20;

    private final Path file;
    private volatile String store;

    RegistryOrigin(Path dataDir) {
        this.file = dataDir.resolve("registry-store");
        this.store = read(file);
    }

    /**
     * The store recorded, or null when none is. An empty file is what a power cut leaves of a first record renamed
     * in before its bytes reached the disk: taken as no record, else the lane's own central would be refused for ever.
     */
    private static String read(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
            if (text != null && text.isEmpty()) {
                LOG.warn("{} is empty: the next snapshot from central sets which store the registry comes from", file);
                return null;
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Why the snapshot must not be applied, or null when it may be. */
    String refusal(String from, boolean forced, RegistrySnapshot s, long haveVersion, int haveVehicles) {
        if (forced) {
            return null;
        }
        if (store != null && from != null && !store.equals(from)) {
            return "it comes from another central database (store " + from + ", ours " + store
                    + "); a manager must order a resync at central";
        }
        if (from != null && from.equals(store) && s.version() < haveVersion) {
            return "its version " + s.version() + " is older than ours (" + haveVersion + ")";
        }
        if (haveVehicles >= GUARD_FROM && s.vehicles().size() * 2 < haveVehicles) {
            return "it would remove " + (haveVehicles - s.vehicles().size()) + " of our " + haveVehicles
                    + " vehicles; a manager must order a resync at central";
        }
        return null;
    }

    /** A delta from another store than ours is refused. */
    boolean foreign(String from) {
        return store != null && from != null && !store.equals(from);
    }

    void remember(String from) {
        if (from == null || from.equals(store)) {
            return;
        }
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(ByteBuffer.wrap(from.getBytes(StandardCharsets.UTF_8)));
                out.force(true); // on the disk before the rename makes it the record
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            store = from;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
