package io.parkgate.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Databases hold secrets (lane signing secrets, password hashes) and personal data (owners' names, rooms,
 * phone numbers): only the account that runs parkgate may read them. Directories are made 0700 and files
 * 0600 when created, and an existing file is narrowed to 0600 when opened. SQLite gives its -wal and -shm
 * files the mode of the database file, so creating the database file here first covers them too.
 */
public final class PrivateFiles {

    private PrivateFiles() {
    }

    /** Creates the directory (and missing parents) readable by the owner only. */
    public static void directory(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (!Files.isDirectory(abs)) {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
            try {
                if (posix(abs)) {
                    Files.createDirectory(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                            "rwx------")));
                } else {
                    Files.createDirectory(abs);
                }
            } catch (FileAlreadyExistsException e) {
                // made meanwhile by another opener: narrowed below
            }
        }
        if (posix(abs)) {
            Files.setPosixFilePermissions(abs, PosixFilePermissions.fromString("rwx------"));
        }
    }

    /**
     * Makes sure a database file and its directory exist owner-only before SQLite opens it: the file is
     * created empty with 0600 when missing (SQLite accepts an empty file as a new database).
     */
    public static void database(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        directory(abs.getParent());
        if (!Files.exists(abs)) {
            try {
                if (posix(abs.getParent())) {
                    Files.createFile(abs, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(
                            "rw-------")));
                } else {
                    Files.createFile(abs);
                }
            } catch (FileAlreadyExistsException e) {
                // made meanwhile: narrowed below
            }
        }
        for (String suffix : new String[] {"", "-wal", "-shm", "-journal"}) {
            Path p = Path.of(abs + suffix);
            if (Files.exists(p) && posix(p)) {
                try {
                    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
                } catch (java.nio.file.FileSystemException e) {
                    throw new IOException(p + " is read-only (cannot narrow it to 0600: " + e.getReason() + ")", e);
                }
            }
        }
    }

    private static boolean posix(Path p) {
        Path existing = p;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null && Files.getFileAttributeView(existing, PosixFileAttributeView.class) != null;
    }
}
