package io.parkgate.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A service's secrets (broker passwords, command-signing secrets): {@code key=value} lines in a file that
 * only the service user may read, or environment variables. Never command-line arguments, which every
 * user of the machine sees in {@code ps}. Problems are one line naming the file or key and what to do.
 */
public final class SecretsFile {

    private static final Set<PosixFilePermission> SHARED = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);
    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]+");

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
        return new SecretsFile(file.toString(), parse(file, text), environment);
    }

    /**
     * {@code key=value} lines, each value as written: a password is copied into the file by hand, and escapes (as in a
     * properties file, where {@code p\ss} reads as {@code pss} and a trailing backslash swallows the next line)
     * would change it silently. Blank lines and lines starting with {@code #} are skipped. Errors name the line and
     * key, never a value.
     */
    static Map<String, String> parse(Path file, String text) {
        Map<String, String> values = new TreeMap<>();
        Map<String, Integer> lines = new HashMap<>();
        String[] rows = text.replaceFirst("^\uFEFF", "").split("\r?\n", -1);
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i].strip();
            int line = i + 1;
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            int eq = row.indexOf('=');
            String key = eq < 0 ? "" : row.substring(0, eq).strip();
            if (key.isEmpty() || !KEY.matcher(key).matches()) {
                throw new SecretsException("secrets file " + file + ", line " + line + ": not a key=value line (a key "
                        + "such as mqtt.password, '=', then the value as it is)");
            }
            Integer first = lines.putIfAbsent(key, line);
            if (first != null) {
                throw new SecretsException("secrets file " + file + ", line " + line + ": '" + key + "' a second time "
                        + "(first on line " + first + "); keep the one that is right");
            }
            values.put(key, row.substring(eq + 1).strip());
        }
        return values;
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
