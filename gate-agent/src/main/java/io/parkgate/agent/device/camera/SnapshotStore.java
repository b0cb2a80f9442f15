package io.parkgate.agent.device.camera;

import io.parkgate.config.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lane's kept frames, the evidence of its passages: {@code <laneDir>/snapshots/yyyy-MM-dd/<uuid>.jpg}
 * (the lane's local date). A snapshot is written whole under a temporary name and renamed, so a reader
 * never sees half a file. Days older than {@link #RETENTION} are pruned.
 */
public final class SnapshotStore {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);

    /** How long frames are kept: the register's disputes come within weeks; a constant, not configured. */
    public static final Duration RETENTION = Duration.ofDays(90);

    /** A snapshot's name relative to the store: a day and a UUID, nothing else (no way out of the store). */
    private static final Pattern NAME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}/[0-9a-f-]{36}\\.jpg");

    private final Path root;
    private final Clock clock;

    /** @param laneDir the lane's data directory; snapshots go to its {@code snapshots} subdirectory */
    public SnapshotStore(Path laneDir, Clock clock) {
        this.root = laneDir.resolve("snapshots").toAbsolutePath().normalize();
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    /**
     * Keeps {@code jpeg} taken at {@code at}.
     *
     * @return its name relative to the store, {@code yyyy-MM-dd/<uuid>.jpg}
     * @throws UncheckedIOException when it cannot be written (disk full, permissions)
     */
    public String save(byte[] jpeg, Instant at) {
        String day = LocalDate.ofInstant(at, clock.getZone()).toString();
        String name = day + "/" + UUID.randomUUID() + ".jpg";
        Path target = root.resolve(name);
        try {
            Files.createDirectories(target.getParent());
            Path part = target.resolveSibling(target.getFileName() + ".part");
            Files.write(part, jpeg);
            Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("snapshot " + target + " could not be written: " + e.getMessage(), e);
        }
        return name;
    }

    /** The file of a snapshot name, when the name is well-formed and the file exists. */
    public Optional<Path> resolve(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        Path file = root.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /** Deletes the days older than {@link #RETENTION}; returns how many files went. */
    public int prune() {
        LocalDate oldestKept = LocalDate.ofInstant(clock.instant().minus(RETENTION), clock.getZone());
        int deleted = 0;
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (DirectoryStream<Path> days = Files.newDirectoryStream(root)) {
            for (Path day : days) {
                LocalDate date;
                try {
                    date = LocalDate.parse(day.getFileName().toString());
                } catch (DateTimeParseException e) {
                    continue; // not ours
                }
                if (date.isBefore(oldestKept)) {
                    deleted += FileTrees.delete(day);
                }
            }
        } catch (IOException e) {
            LOG.warn("snapshots under {} could not be pruned: {}", root, e.toString());
        }
        if (deleted > 0) {
            LOG.info("pruned {} snapshots older than {} days", deleted, RETENTION.toDays());
        }
        return deleted;
    }
}
