package io.parkgate.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;

/**
 * A service's secrets (broker passwords, command-signing secrets): {@code key=value} lines in a file that
 * only the service user may read, or environment variables. Never command-line arguments, which every
 * user of the machine sees in {@code ps}. Problems are one line naming the file or key and what to do.
 */
public final class SecretsFile {

    private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private final String source;
    private final Map<String, String> values;
    private final Function<String, String> environment;

    private SecretsFile(String source, Map<String, String> values, Function<String, String> environment) {
        this.source = source;
        this.values = Collections.unmodifiableMap(values);
        this.environment = environment;
    }

    /**
     * Reads the file after checking that neither its group nor other users may read or write it.
     *
     * @throws SecretsException naming the file and the fix (missing, unreadable, shared, malformed)
     */
    public static SecretsFile load(Path file, Function<String, String> environment) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (NoSuchFileException e) {
            throw new SecretsException("secrets file " + file + " does not exist; create it (mode 600) or generate it "
                    + "with 'parkgate-central lanes credentials'");
        } catch (UnsupportedOperationException e) {
            perms = EnumSet.noneOf(PosixFilePermission.class); // not a POSIX file system: nothing to check
        } catch (IOException e) {
            throw new SecretsException("secrets file " + file + " cannot be read: " + e.getMessage());
        }
        Set<PosixFilePermission> shared = EnumSet.noneOf(PosixFilePermission.class);
        shared.addAll(perms);
        shared.retainAll(SHARED);
        if (!shared.isEmpty()) {
            throw new SecretsException("secrets file " + file + " is readable or writable by other users " + shared
                    + "; run 'chmod 600 " + file + "' (owned by the service user)");
        }
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (AccessDeniedException e) {
            throw new SecretsException("secrets file " + file + " cannot be read by this user; it must be owned by "
                    + "the service user with mode 600");
        } catch (IOException e) {
            throw new SecretsException("secrets file " + file + " cannot be read: " + e);
        }
        Properties p = new Properties();
        try {
            p.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            throw new SecretsException("secrets file " + file + " is not key=value lines: " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        p.stringPropertyNames().stream().sorted().forEach(k -> values.put(k, p.getProperty(k).strip()));
        return new SecretsFile(file.toString(), values, environment);
    }

    /** No file: every secret comes from the environment. */
    public static SecretsFile environmentOnly(Function<String, String> environment) {
        return new SecretsFile("the environment", new LinkedHashMap<>(), environment);
    }

    /** The file's value for {@code key}, else the environment variable {@code env}, else null. */
    public String optional(String key, String env) {
        String v = values.get(key);
        if (v == null || v.isEmpty()) {
            v = env == null ? null : environment.apply(env);
        }
        return v == null || v.isBlank() ? null : v.strip();
    }

    /** As {@link #optional}, but a missing value is an error naming both places it may come from. */
    public String required(String key, String env) {
        String v = optional(key, env);
        if (v == null) {
            throw new SecretsException(source + ": no '" + key + "'" + (env == null ? "" : " (nor environment variable "
                    + env + ")") + "; add it, e.g. from the files 'parkgate-central lanes credentials' writes");
        }
        return v;
    }

    /** Keys present in the file, for services that hold one entry per lane. */
    public Set<String> keys() {
        return values.keySet();
    }

    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "SecretsFile[" + source + ", " + values.size() + " keys]";
    }
}
