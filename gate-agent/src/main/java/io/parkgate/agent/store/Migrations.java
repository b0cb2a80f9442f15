package io.parkgate.agent.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a lane database to the newest schema: the numbered scripts under a classpath folder
 * ({@code db/agent/V1__registry_cache.sql}, ...) are applied in version order, each in its own
 * transaction together with its row in {@code schema_version}. A database newer than the scripts,
 * a gap, or a script changed after it was applied stops the open with a message saying which.
 */
final class Migrations {

    static final String LOCATION = "db/agent";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {
    }

    /** The scripts in {@code location} (a directory or jar on the class path), sorted by version. */
    static List<MigrationScript> fromClasspath(ClassLoader loader, String location) {
        TreeSet<String> names = new TreeSet<>();
        try {
            Enumeration<URL> roots = loader.getResources(location);
            while (roots.hasMoreElements()) {
                names.addAll(listSqlFiles(roots.nextElement(), location));
            }
            List<MigrationScript> scripts = new ArrayList<>();
            for (String name : names) {
                try (InputStream in = loader.getResourceAsStream(location + "/" + name)) {
                    if (in == null) {
                        throw new StoreException("migration " + location + "/" + name + " listed but not readable");
                    }
                    scripts.add(MigrationScript.of(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            return sorted(scripts);
        } catch (IOException e) {
            throw new StoreException("cannot read migrations from classpath " + location + ": " + e.getMessage(), e);
        }
    }

    private static List<String> listSqlFiles(URL root, String location) throws IOException {
        List<String> names = new ArrayList<>();
        switch (root.getProtocol()) {
            case "file" -> {
                try (Stream<Path> files = Files.list(Path.of(root.toURI()))) {
                    files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".sql")).forEach(names::add);
                } catch (URISyntaxException | UncheckedIOException e) {
                    throw new IOException("cannot list " + root + ": " + e.getMessage(), e);
                }
            }
            case "jar" -> {
                JarURLConnection connection = (JarURLConnection) root.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    String prefix = location + "/";
                    for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements();) {
                        String entry = e.nextElement().getName();
                        String rest = entry.startsWith(prefix) ? entry.substring(prefix.length()) : "";
                        if (rest.endsWith(".sql") && !rest.contains("/")) {
                            names.add(rest);
                        }
                    }
                }
            }
            default -> throw new IOException("cannot list migrations at " + root + " (protocol " + root.getProtocol() + ")");
        }
        return names;
    }

    static List<MigrationScript> sorted(List<MigrationScript> scripts) {
        List<MigrationScript> out = new ArrayList<>(scripts);
        out.sort(Comparator.comparingInt(MigrationScript::version));
        for (int i = 1; i < out.size(); i++) {
            if (out.get(i).version() == out.get(i - 1).version()) {
                throw new StoreException("migrations " + out.get(i - 1).name() + " and " + out.get(i).name()
                        + " share version " + out.get(i).version());
            }
        }
        return out;
    }

    /**
     * Applies the scripts not yet recorded in {@code schema_version}.
     *
     * @param session a connection in auto-commit mode, not in a transaction
     * @return the schema version after migrating
     */
    static int apply(Session session, List<MigrationScript> scripts, Instant now, String dbName) throws SQLException {
        session.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                + "version INTEGER PRIMARY KEY, script TEXT NOT NULL, checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        Map<Integer, String[]> applied = applied(session);
        int newestKnown = scripts.isEmpty() ? 0 : scripts.get(scripts.size() - 1).version();
        int current = applied.keySet().stream().mapToInt(Integer::intValue).max().orElse(0);
        if (current > newestKnown) {
            throw new StoreException(dbName + " has schema version " + current + " but this agent knows migrations only up to "
                    + newestKnown + ": it was written by a newer agent; refusing to open it");
        }
        for (MigrationScript script : scripts) {
            String[] row = applied.get(script.version());
            if (row != null) {
                if (!row[1].equals(script.checksum())) {
                    throw new StoreException("migration " + script.name() + " changed after it was applied to " + dbName
                            + " (checksum " + row[1] + " recorded, " + script.checksum() + " now); add a new migration instead");
                }
            } else if (script.version() < current) {
                throw new StoreException("migration " + script.name() + " is older than " + dbName + "'s schema version "
                        + current + " but was never applied there");
            } else {
                applyOne(session, script, now);
                current = script.version();
                LOG.info("{}: applied schema migration {}", dbName, script.name());
            }
        }
        return current;
    }

    private static Map<Integer, String[]> applied(Session session) throws SQLException {
        Map<Integer, String[]> applied = new HashMap<>();
        try (ResultSet rs = session.prepare("SELECT version, script, checksum FROM schema_version").executeQuery()) {
            while (rs.next()) {
                applied.put(rs.getInt(1), new String[] {rs.getString(2), rs.getString(3)});
            }
        }
        return applied;
    }

    private static void applyOne(Session session, MigrationScript script, Instant now) throws SQLException {
        session.begin(true);
        try {
            for (String statement : SqlScript.statements(script.sql())) {
                session.execute(statement);
            }
            PreparedStatement ps = session.prepare(
                    "INSERT INTO schema_version (version, script, checksum, applied_at) VALUES (?, ?, ?, ?)");
            ps.setInt(1, script.version());
            ps.setString(2, script.name());
            ps.setString(3, script.checksum());
            ps.setLong(4, now.toEpochMilli());
            ps.executeUpdate();
            session.commit();
        } catch (SQLException | RuntimeException e) {
            try {
                session.rollback();
            } catch (SQLException r) {
                e.addSuppressed(r);
            }
            if (e instanceof SQLException se) {
                throw new StoreException("migration " + script.name() + " failed: " + se.getMessage(), se);
            }
            throw e;
        }
    }
}
