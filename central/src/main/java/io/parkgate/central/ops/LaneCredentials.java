package io.parkgate.central.ops;

import io.parkgate.central.auth.Passwords;
import io.parkgate.central.mqtt.LaneAcl;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SecretsFile;
import io.parkgate.config.SiteConfig;
import io.parkgate.wire.Topics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code parkgate-central lanes credentials}: every lane's MQTT password and command secret, central's own
 * MQTT password and the first manager's password, written where each service reads them:
 * <pre>
 * OUT/central.secrets          central (lane.&lt;id&gt;.mqtt.password, lane.&lt;id&gt;.command.secret, ...)
 * OUT/agents/&lt;lane&gt;.secrets    each lane's agent (mqtt.password, command.secret)
 * OUT/mosquitto/passwd         Mosquitto password_file (mosquitto_passwd format)
 * OUT/mosquitto/acl            Mosquitto acl_file: each lane publishes only as itself
 * </pre>
 * Secrets already in {@code central.secrets} are kept, so adding a lane to the site file and running the
 * command again changes nothing for the other lanes. Secret files are mode 600.
 */
public final class LaneCredentials {

    public static final String CENTRAL_MQTT_PASSWORD = "central.mqtt.password";
    public static final String MANAGER_PASSWORD = "manager.password";

    private LaneCredentials() {
    }

    public static String laneMqttPassword(String lane) {
        return "lane." + lane + ".mqtt.password";
    }

    public static String laneCommandSecret(String lane) {
        return "lane." + lane + ".command.secret";
    }

    /** Writes the files; returns what was written, one line each, for the operator. */
    public static List<String> write(SiteConfig site, String centralUser, Path out) throws IOException {
        return write(site, centralUser, out, Map.of());
    }

    /**
     * A group of sites served by one central: each site's files as {@link #write} makes them in {@code out/<site>}
     * (its agents' secrets also name their MQTT user {@code <lane>@<site>}), and one Mosquitto password file and
     * ACL for the group in {@code out/mosquitto}, with central's password from the first site's secrets (central
     * reads that one).
     */
    public static List<String> writeGroup(List<SiteConfig> sites, String centralUser, Path out) throws IOException {
        List<String> written = new ArrayList<>();
        StringBuilder passwd = new StringBuilder();
        Map<String, List<String>> lanes = new LinkedHashMap<>();
        for (SiteConfig site : sites) {
            Path dir = out.resolve(site.siteId());
            written.addAll(write(site, centralUser, dir, Map.of(), true));
            SecretsFile secrets = SecretsFile.load(dir.resolve("central.secrets"), k -> null);
            if (passwd.length() == 0) {
                passwd.append(MosquittoPasswd.line(centralUser, secrets.optional(CENTRAL_MQTT_PASSWORD, null)))
                        .append('\n');
            }
            List<String> ids = new ArrayList<>();
            for (LaneConfig lane : site.lanes()) {
                ids.add(lane.id());
                passwd.append(MosquittoPasswd.line(LaneAcl.laneUser(site.siteId(), lane.id()),
                        secrets.optional(laneMqttPassword(lane.id()), null))).append('\n');
            }
            lanes.put(site.siteId(), ids);
        }
        Path passwdFile = out.resolve("mosquitto").resolve("passwd");
        writeSecret(passwdFile, passwd.toString());
        written.add(passwdFile + " (Mosquitto password_file of the group)");
        Path acl = out.resolve("mosquitto").resolve("acl");
        Files.createDirectories(acl.getParent());
        Files.writeString(acl, LaneAcl.mosquittoGroupAcl(centralUser, lanes), StandardCharsets.UTF_8);
        written.add(acl + " (Mosquitto acl_file of the group)");
        return written;
    }

    /** As above, with some values chosen by the caller (the demo's well-known manager password). */
    public static List<String> write(SiteConfig site, String centralUser, Path out, Map<String, String> chosen)
            throws IOException {
        return write(site, centralUser, out, chosen, false);
    }

    /** @param group the site is one of a group's: its agents log in as {@code <lane>@<site>} */
    private static List<String> write(SiteConfig site, String centralUser, Path out, Map<String, String> chosen,
                                      boolean group) throws IOException {
        Path centralFile = out.resolve("central.secrets");
        Map<String, String> s = new LinkedHashMap<>(chosen);
        if (Files.exists(centralFile)) {
            SecretsFile old = SecretsFile.load(centralFile, k -> null);
            old.keys().forEach(k -> s.putIfAbsent(k, old.optional(k, null)));
        }
        s.putIfAbsent(CENTRAL_MQTT_PASSWORD, Passwords.token());
        s.putIfAbsent(MANAGER_PASSWORD, Passwords.token());
        s.putIfAbsent(ArtemisBrokerFiles.CLUSTER_PASSWORD, Passwords.token()); // used only with a broker cluster
        for (LaneConfig lane : site.lanes()) {
            s.putIfAbsent(laneMqttPassword(lane.id()), Passwords.token());
            s.putIfAbsent(laneCommandSecret(lane.id()), Passwords.token());
        }
        List<String> written = new ArrayList<>();
        StringBuilder central = new StringBuilder("# central's secrets for site " + site.siteId()
                + " (parkgate-central lanes credentials); mode 600, owner: the central service user\n");
        s.forEach((k, v) -> central.append(k).append('=').append(v).append('\n'));
        writeSecret(centralFile, central.toString());
        written.add(centralFile + " (central)");

        StringBuilder passwd = new StringBuilder();
        passwd.append(MosquittoPasswd.line(centralUser, s.get(CENTRAL_MQTT_PASSWORD))).append('\n');
        for (LaneConfig lane : site.lanes()) {
            Path agent = out.resolve("agents").resolve(lane.id() + ".secrets");
            writeSecret(agent, "# lane " + lane.id() + " of site " + site.siteId() + "; mode 600, owner: the agent's "
                    + "service user\n" + (group ? "mqtt.username=" + LaneAcl.laneUser(site.siteId(), lane.id()) + "\n"
                    : "") + "mqtt.password=" + s.get(laneMqttPassword(lane.id())) + "\ncommand.secret="
                    + s.get(laneCommandSecret(lane.id())) + "\n");
            written.add(agent + " (agent of lane " + lane.id() + ")");
            passwd.append(MosquittoPasswd.line(lane.id(), s.get(laneMqttPassword(lane.id())))).append('\n');
        }
        if (!group) { // a group's broker files are written for all its sites together
            Path passwdFile = out.resolve("mosquitto").resolve("passwd");
            writeSecret(passwdFile, passwd.toString());
            written.add(passwdFile + " (Mosquitto password_file)");
            Path acl = out.resolve("mosquitto").resolve("acl");
            Files.createDirectories(acl.getParent());
            Files.writeString(acl, new LaneAcl(new Topics(site.siteId()), centralUser).mosquittoAcl(),
                    StandardCharsets.UTF_8);
            written.add(acl + " (Mosquitto acl_file)");
        }
        return written;
    }

    /** Written to a temporary file made owner-only before any secret is in it, then moved into place. */
    private static void writeSecret(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".secrets", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
