package io.parkgate.agent.device.camera.imaging;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.retry.Backoff;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An imaging camera that uploads JPEG files into a directory ({@code imagingSource: dir:/path}).
 *
 * <p>Convention: the camera writes each frame under a name not ending in {@code .jpg}/{@code .jpeg}
 * (e.g. {@code x.jpg.part}, or a dot-file) and renames it when complete; a file written in place under its
 * final name is taken once its size and modification time have stood still for {@value #STABLE_MS} ms, so
 * half-written uploads are never read either way. Files present at start are taken too (a scan, then a
 * {@link WatchService}).
 *
 * <p>Each file is read once and then moved: to {@code processed/} when it was examined, to {@code failed/}
 * (with a {@code <name>.reason.txt} saying why, also logged) when it was not a usable JPEG or was dropped
 * in a burst. Files queued but not yet examined when the agent stops stay where they are and are taken at
 * the next start: nothing is read twice, nothing is lost.
 */
public final class DirectoryFrameSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryFrameSource.class);

    /**
     * How long a file written in place must stand still: long enough for an FTP upload that stalls for a
     * moment, short against the seconds a car waits (a renamed upload is taken at once).
     */
    static final long STABLE_MS = 250;
    private static final long CHECK_MS = 50;
    private static final Backoff RETRY = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final Path dir;
    private final Path processed;
    private final Path failed;
    private final ImagingCameraDriver camera;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    /** Files seen but not yet complete: name → last size and mtime, and when they were last seen changing. */
    private final Map<String, Seen> pending = new HashMap<>();
    /** Files handed to the camera and not yet filed: never taken twice. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile WatchService watch;

    private record Seen(long size, long modified, long sinceNanos) {
    }

    public DirectoryFrameSource(Path dir, ImagingCameraDriver camera) {
        this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath().normalize();
        this.processed = this.dir.resolve("processed");
        this.failed = this.dir.resolve("failed");
        this.camera = Objects.requireNonNull(camera, "camera");
        this.thread = new Thread(this::run, "imaging-dir-" + camera.laneId());
        this.thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public Path dir() {
        return dir;
    }

    private void run() {
        int failures = 0;
        while (stopped.getCount() > 0) {
            try (WatchService w = FileSystems.getDefault().newWatchService()) {
                Files.createDirectories(processed);
                Files.createDirectories(failed);
                watch = w;
                dir.register(w, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
                camera.deviceState(DeviceState.CONNECTED, "watching " + dir);
                failures = 0;
                scan();
                watchLoop(w);
            } catch (ClosedWatchServiceException e) {
                return; // closed on purpose
            } catch (IOException | RuntimeException e) {
                failures++;
                Duration delay = RETRY.delayAfter(failures);
                camera.deviceState(DeviceState.WAITING_FOR_RETRY, "upload directory " + dir + " cannot be watched: "
                        + e + "; retry in " + delay.toMillis() + " ms");
                try {
                    if (stopped.await(delay.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                } catch (InterruptedException ie) {
                    return;
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void watchLoop(WatchService w) throws IOException, InterruptedException {
        while (stopped.getCount() > 0) {
            WatchKey key = w.poll(CHECK_MS, TimeUnit.MILLISECONDS);
            if (key != null) {
                for (WatchEvent<?> event : key.pollEvents()) {
                    if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                        scan(); // events were lost: look at everything
                    } else if (event.context() instanceof Path name) {
                        consider(name.toString());
                    }
                }
                if (!key.reset()) {
                    throw new IOException("the directory is no longer accessible");
                }
            }
            takeCompleteFiles();
        }
    }

    private void scan() throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                consider(f.getFileName().toString());
            }
        }
    }

    private void consider(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        if ((lower.endsWith(".jpg") || lower.endsWith(".jpeg")) && !name.startsWith(".") && !inFlight.contains(name)
                && !pending.containsKey(name)) {
            pending.put(name, new Seen(-1, -1, System.nanoTime()));
        }
    }

    private void takeCompleteFiles() {
        long now = System.nanoTime();
        var it = pending.entrySet().iterator();
        while (it.hasNext()) {
            var e = it.next();
            Path file = dir.resolve(e.getKey());
            BasicFileAttributes attrs;
            try {
                attrs = Files.readAttributes(file, BasicFileAttributes.class);
            } catch (IOException gone) {
                it.remove(); // renamed away or deleted by the camera
                continue;
            }
            if (!attrs.isRegularFile()) {
                it.remove();
                continue;
            }
            Seen seen = e.getValue();
            long modified = attrs.lastModifiedTime().toMillis();
            if (attrs.size() != seen.size() || modified != seen.modified()) {
                e.setValue(new Seen(attrs.size(), modified, now));
            } else if (now - seen.sinceNanos() >= TimeUnit.MILLISECONDS.toNanos(STABLE_MS)) {
                it.remove();
                take(e.getKey(), file);
            }
        }
    }

    private void take(String name, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException gone) {
            return;
        } catch (IOException e) {
            fileAway(name, failed, "could not be read: " + e);
            return;
        }
        inFlight.add(name);
        String refused = camera.accept(bytes, name, outcome -> {
            fileAway(name, outcome.failed() ? failed : processed,
                    outcome.failed() ? outcome.kind() + ": " + outcome.detail() : null);
            inFlight.remove(name);
        });
        if (refused != null) {
            fileAway(name, failed, refused);
            inFlight.remove(name);
        }
    }

    /** Moves a taken file out of the upload directory; {@code reason} (failed files) is logged and kept. */
    private void fileAway(String name, Path to, String reason) {
        Path target = to.resolve(name);
        if (Files.exists(target)) {
            target = to.resolve(java.util.UUID.randomUUID().toString().substring(0, 8) + "-" + name); // names reused
        }
        try {
            if (reason != null) {
                // The reason first: whoever finds the file in failed/ finds why next to it.
                Files.writeString(target.resolveSibling(target.getFileName() + ".reason.txt"), reason + "\n",
                        StandardCharsets.UTF_8);
            }
            Files.move(dir.resolve(name), target, StandardCopyOption.ATOMIC_MOVE);
            if (reason != null) {
                LOG.warn("lane {}: {} moved to failed/: {}", camera.laneId(), name, reason);
            } else {
                LOG.debug("lane {}: {} moved to processed/", camera.laneId(), name);
            }
        } catch (IOException e) {
            LOG.error("lane {}: {} could not be moved to {}: {}", camera.laneId(), name, to, e.toString());
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        WatchService w = watch;
        if (w != null) {
            try {
                w.close();
            } catch (IOException e) {
                LOG.debug("watch service close: {}", e.toString());
            }
        }
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
