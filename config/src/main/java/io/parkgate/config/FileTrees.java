package io.parkgate.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Deletes directory trees: a scratch store, a pruned day of snapshots, a data folder emptied at start. Symbolic
 * links are deleted as links, never followed. Nothing there is no error: deleting it deletes nothing.
 */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Deletes the directory and everything under it (or the file, when {@code path} is one).
     *
     * @return how many regular files went
     * @throws IOException when something could not be deleted; what was deleted before it stays deleted
     */
    public static int delete(Path path) throws IOException {
        return delete(path, true);
    }

    /**
     * Deletes everything under the directory and keeps the directory itself.
     *
     * @return how many regular files went
     * @throws IOException when something could not be deleted; what was deleted before it stays deleted
     */
    public static int deleteContents(Path dir) throws IOException {
        return delete(dir, false);
    }

    private static int delete(Path root, boolean withRoot) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        int files = 0;
        try (Stream<Path> walk = Files.walk(root)) {
            // deepest first, so a directory is empty by the time its turn comes
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                if (!withRoot && p.equals(root)) {
                    continue;
                }
                if (Files.isRegularFile(p)) {
                    files++;
                }
                Files.deleteIfExists(p);
            }
        }
        return files;
    }
}
