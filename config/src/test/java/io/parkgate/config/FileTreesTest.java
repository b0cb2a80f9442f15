package io.parkgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Deleting directory trees on real files: nested directories, counts of files, a tree that is not there. */
class FileTreesTest {

    @TempDir
    Path dir;

    /** Verifies that the whole tree goes, the directory with it, and that only regular files are counted. */
    @Test
    void deletesNestedTreeCountingFiles() throws IOException {
        Path tree = tree(dir.resolve("tree"));
        assertEquals(4, FileTrees.delete(tree));
        assertFalse(Files.exists(tree));
        assertTrue(Files.isDirectory(dir), "the parent stays");
    }

    /** Verifies that emptying a directory deletes all beneath it and keeps the directory itself, empty. */
    @Test
    void deletesContentsKeepingTheDirectory() throws IOException {
        Path tree = tree(dir.resolve("tree"));
        assertEquals(4, FileTrees.deleteContents(tree));
        assertTrue(Files.isDirectory(tree));
        try (Stream<Path> left = Files.list(tree)) {
            assertEquals(0, left.count());
        }
        assertEquals(0, FileTrees.deleteContents(tree), "an empty directory has nothing to delete");
        assertTrue(Files.isDirectory(tree));
    }

    /** Verifies that a directory that does not exist is no error: nothing is deleted and nothing is made. */
    @Test
    void missingDirectoryDeletesNothing() throws IOException {
        Path missing = dir.resolve("missing/below");
        assertEquals(0, FileTrees.delete(missing));
        assertEquals(0, FileTrees.deleteContents(missing));
        assertFalse(Files.exists(missing));
        assertFalse(Files.exists(missing.getParent()));
    }

    /** Verifies that a symbolic link in the tree is deleted as a link: what it points to outside stays. */
    @Test
    void linksAreNotFollowed() throws IOException {
        Path outside = tree(dir.resolve("outside"));
        Path tree = Files.createDirectories(dir.resolve("tree"));
        Files.writeString(tree.resolve("own.txt"), "x");
        try {
            Files.createSymbolicLink(tree.resolve("link"), outside);
        } catch (UnsupportedOperationException e) {
            return; // no symbolic links on this file system: nothing to check
        }
        assertEquals(1, FileTrees.delete(tree));
        assertFalse(Files.exists(tree));
        assertEquals(4, FileTrees.delete(outside), "the linked tree was left whole");
    }

    /** Two files at the top, one a level down, one three levels down, and an empty directory. */
    private static Path tree(Path root) throws IOException {
        Files.createDirectories(root.resolve("a/b/c"));
        Files.createDirectories(root.resolve("empty"));
        Files.writeString(root.resolve("one.txt"), "1");
        Files.writeString(root.resolve("two.txt"), "2");
        Files.writeString(root.resolve("a/three.txt"), "3");
        Files.writeString(root.resolve("a/b/c/four.txt"), "4");
        return root;
    }
}
