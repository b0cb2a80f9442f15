package io.parkgate.agent.store;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * One numbered schema migration, {@code V<version>__<description>.sql}.
 *
 * @param version positive, unique among the scripts
 * @param name    the file name, as recorded in {@code schema_version}
 * @param sql     the script: statements separated by {@code ;}, {@code --} comments allowed, no triggers
 */
record MigrationScript(int version, String name, String sql) {

    private static final Pattern NAME = Pattern.compile("V([0-9]{1,9})__[A-Za-z0-9_]+\\.sql");

    MigrationScript {
        if (version <= 0) {
            throw new IllegalArgumentException("migration " + name + ": version must be positive, was " + version);
        }
    }

    /** Reads the version from a file name, or fails saying what the name should look like. */
    static MigrationScript of(String name, String sql) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            throw new StoreException("migration file " + name + " is not named V<number>__<description>.sql");
        }
        return new MigrationScript(Integer.parseInt(m.group(1)), name, sql);
    }

    /** CRC-32 of the script text: a script edited after it was applied is detected at the next open. */
    String checksum() {
        CRC32 crc = new CRC32();
        crc.update(sql.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }
}
