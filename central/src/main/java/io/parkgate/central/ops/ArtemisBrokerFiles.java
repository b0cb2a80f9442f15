package io.parkgate.central.ops;

import io.parkgate.central.mqtt.LaneAcl;
import io.parkgate.config.LaneConfig;
import io.parkgate.config.SecretsFile;
import io.parkgate.config.SiteConfig;
import io.parkgate.wire.Topics;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * {@code parkgate-central broker artemis}: the configuration of one node of an Apache ActiveMQ Artemis cluster
 * for the site (docs/scaling.md), written into the {@code etc/} folder of a broker instance made by
 * {@code artemis create}: {@code broker.xml} (MQTT and cluster acceptors, the cluster connection to the other
 * nodes, security settings), {@code artemis-users.properties} and {@code artemis-roles.properties}.
 *
 * <p>The nodes are the site file's {@code central.mqttUrl} list, in order. The per-lane rules are
 * {@link io.parkgate.central.mqtt.LaneAcl}'s, as Artemis security settings: each lane user has its own role,
 * which may send only on its lane's agent channels and consume only its lane's central channels and the
 * site's broadcasts; central's role may do everything under the site; nothing else is allowed to anyone.
 * Artemis maps MQTT's {@code /} to {@code .} in addresses, so {@code parkgate/S/lane/L/event} is the address
 * {@code parkgate.S.lane.L.event}; a lane's wildcard subscription is a different address and so refused.
 */
public final class ArtemisBrokerFiles {

    /** The cluster nodes' shared password, in central's secrets file (written by {@code lanes credentials}). */
    public static final String CLUSTER_PASSWORD = "broker.cluster.password";
    /** The Artemis user the nodes connect to each other as. */
    static final String CLUSTER_USER = "parkgate-cluster";
    static final int DEFAULT_CLUSTER_PORT = 61616;
    private static final int ITERATIONS = 1024;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String CENTRAL_ROLE = "parkgate-central";
    private static final String LANES_ROLE = "parkgate-lanes";
    private static final String[] ALL = {"send", "consume", "createDurableQueue", "deleteDurableQueue",
        "createNonDurableQueue", "deleteNonDurableQueue", "createAddress", "deleteAddress", "browse"};
    /** What an MQTT subscriber needs: its subscription queue is made (and dropped) on the topic's address. */
    private static final String[] READ = {"consume", "createDurableQueue", "deleteDurableQueue",
        "createNonDurableQueue", "deleteNonDurableQueue", "createAddress"};
    private static final String[] WRITE = {"send", "createAddress"};

    /**
     * One node of the cluster.
     *
     * @param mqtt        the MQTT URL agents and central use (from the site file)
     * @param clusterPort the port the nodes reach each other on (Artemis core protocol)
     */
    public record Node(URI mqtt, int clusterPort) {
        String host() {
            return mqtt.getHost();
        }
    }

    private ArtemisBrokerFiles() {
    }

    /**
     * The nodes the site file lists, with their cluster ports (one per node; an empty list means
     * {@value #DEFAULT_CLUSTER_PORT} on every node).
     *
     * @throws IllegalArgumentException when the site has no external broker, a node is TLS, or ports are missing
     */
    public static List<Node> nodes(SiteConfig site, List<Integer> clusterPorts) {
        List<String> urls = site.central() == null ? List.of() : site.central().mqttUrls();
        if (urls.isEmpty()) {
            throw new IllegalArgumentException(site.source() + ": central.mqttUrl lists no broker; list the "
                    + "cluster's nodes there first");
        }
        if (!clusterPorts.isEmpty() && clusterPorts.size() != urls.size()) {
            throw new IllegalArgumentException("--cluster-ports gives " + clusterPorts.size() + " ports for "
                    + urls.size() + " nodes in " + site.source() + "'s central.mqttUrl");
        }
        return nodes(urls, clusterPorts);
    }

    /** The nodes at these MQTT URLs with these cluster ports (empty: the default port on each). */
    public static List<Node> nodes(List<String> urls, List<Integer> clusterPorts) {
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < urls.size(); i++) {
            URI u = URI.create(urls.get(i));
            if (!"tcp".equals(u.getScheme())) {
                throw new IllegalArgumentException(urls.get(i) + ": only tcp:// nodes are written; for TLS add "
                        + "sslEnabled and the key store to the mqtt acceptor of the written broker.xml by hand");
            }
            nodes.add(new Node(u, clusterPorts.isEmpty() ? DEFAULT_CLUSTER_PORT : clusterPorts.get(i)));
        }
        return nodes;
    }

    /**
     * The lanes of one site as the broker knows them: each lane's MQTT password by lane id, and whether the site is
     * one of a group served by one central (its lanes then log in as {@code <lane>@<site>}, see
     * {@link LaneAcl#laneUser}).
     */
    public record SiteLanes(String siteId, Map<String, String> passwords, boolean group) {
        public SiteLanes {
            passwords = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(passwords));
        }

        String user(String lane) {
            return group ? LaneAcl.laneUser(siteId, lane) : lane;
        }

        List<String> users() {
            return passwords.keySet().stream().map(this::user).toList();
        }

        /** The role of all the site's lanes, which may read its broadcasts. */
        String lanesRole() {
            return group ? LANES_ROLE + "-" + siteId : LANES_ROLE;
        }
    }

    /**
     * Writes node {@code self} (1-based) of {@code nodes} into {@code etc}; returns what was written, one line
     * each, for the operator.
     *
     * @param syncJournal whether the broker syncs its journal to disk before acknowledging (true in production;
     *                    a broker restarted after a power cut then still holds what it acknowledged)
     * @throws io.parkgate.config.SecretsException naming a missing key of the secrets file
     */
    public static List<String> write(SiteConfig site, SecretsFile secrets, String centralUser, List<Node> nodes,
                                     int self, boolean syncJournal, Path etc) throws IOException {
        return write(List.of(site), List.of(secrets), centralUser, nodes, self, syncJournal, etc);
    }

    /**
     * As above for the sites one central serves (docs/scaling.md, "A group of sites"), each with its secrets file
     * in the same order; one site file is a site on its own. Central's and the cluster's passwords are the first
     * secrets file's, as central reads them.
     */
    public static List<String> write(List<SiteConfig> sites, List<SecretsFile> secrets, String centralUser,
                                     List<Node> nodes, int self, boolean syncJournal, Path etc) throws IOException {
        if (sites.isEmpty() || sites.size() != secrets.size()) {
            throw new IllegalArgumentException(sites.size() + " site files and " + secrets.size()
                    + " secrets files: one secrets file per site file, in the same order");
        }
        boolean group = sites.size() > 1;
        List<SiteLanes> lanes = new ArrayList<>();
        for (int i = 0; i < sites.size(); i++) {
            Map<String, String> passwords = new LinkedHashMap<>();
            for (LaneConfig lane : sites.get(i).lanes()) {
                passwords.put(lane.id(), secrets.get(i).required(LaneCredentials.laneMqttPassword(lane.id()), null));
            }
            lanes.add(new SiteLanes(sites.get(i).siteId(), passwords, group));
        }
        SecretsFile own = secrets.get(0);
        return write(lanes, centralUser, own.required(LaneCredentials.CENTRAL_MQTT_PASSWORD,
                "PARKGATE_CENTRAL_MQTT_PASSWORD"), own.required(CLUSTER_PASSWORD, null), nodes, self, syncJournal,
                etc);
    }

    /**
     * As above, with the passwords given here.
     *
     * @param lanePasswords each lane's MQTT password by lane id
     */
    public static List<String> write(String siteId, Map<String, String> lanePasswords, String centralUser,
                                     String centralPassword, String clusterPassword, List<Node> nodes, int self,
                                     boolean syncJournal, Path etc) throws IOException {
        return write(List.of(new SiteLanes(siteId, lanePasswords, false)), centralUser, centralPassword,
                clusterPassword, nodes, self, syncJournal, etc);
    }

    private static List<String> write(List<SiteLanes> sites, String centralUser, String centralPassword,
                                      String clusterPassword, List<Node> nodes, int self, boolean syncJournal,
                                      Path etc) throws IOException {
        if (self < 1 || self > nodes.size()) {
            throw new IllegalArgumentException("--node " + self + " is not 1.." + nodes.size()
                    + " (the nodes are central.mqttUrl's list)");
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(centralUser, centralPassword);
        for (SiteLanes site : sites) {
            site.passwords().forEach((lane, password) -> passwords.put(site.user(lane), password));
        }
        Files.createDirectories(etc);
        List<String> written = new ArrayList<>();
        Path xml = etc.resolve("broker.xml");
        writePrivate(xml, brokerXml(sites, nodes, self, clusterPassword, syncJournal));
        written.add(xml + " (node " + self + " of " + nodes.size() + ": MQTT " + nodes.get(self - 1).mqtt() + ")");
        Path users = etc.resolve("artemis-users.properties");
        writePrivate(users, users(passwords));
        written.add(users + " (central's and every lane's user, hashed)");
        Path roles = etc.resolve("artemis-roles.properties");
        writePrivate(roles, roles(centralUser, sites));
        written.add(roles + " (a role per lane)");
        return written;
    }

    /** The node's broker.xml for one site and its lanes. */
    static String brokerXml(String siteId, List<String> lanes, List<Node> nodes, int self,
                            String clusterPassword, boolean syncJournal) {
        Map<String, String> none = new LinkedHashMap<>();
        lanes.forEach(l -> none.put(l, ""));
        return brokerXml(List.of(new SiteLanes(siteId, none, false)), nodes, self, clusterPassword, syncJournal);
    }

    /** The node's broker.xml; named after the first site, which is central's own. */
    static String brokerXml(List<SiteLanes> sites, List<Node> nodes, int self, String clusterPassword,
                            boolean syncJournal) {
        String siteId = sites.get(0).siteId();
        String served = String.join(", ", sites.stream().map(SiteLanes::siteId).toList());
        Node me = nodes.get(self - 1);
        StringBuilder b = new StringBuilder();
        b.append("<?xml version='1.0'?>\n")
                .append("<!-- Written by parkgate-central broker artemis for site")
                .append(sites.size() > 1 ? "s " : " ").append(served).append(", node ")
                .append(self).append(" of ").append(nodes.size()).append(". Write it again rather than editing. -->\n")
                .append("<configuration xmlns=\"urn:activemq\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                        + " xsi:schemaLocation=\"urn:activemq /schema/artemis-configuration.xsd\">\n")
                .append("  <core xmlns=\"urn:activemq:core\">\n")
                .append("    <name>parkgate-").append(siteId).append("-node-").append(self).append("</name>\n")
                .append("    <persistence-enabled>true</persistence-enabled>\n")
                .append("    <journal-type>NIO</journal-type>\n")
                .append("    <journal-datasync>").append(syncJournal).append("</journal-datasync>\n")
                .append("    <journal-sync-transactional>").append(syncJournal)
                .append("</journal-sync-transactional>\n")
                .append("    <journal-sync-non-transactional>").append(syncJournal)
                .append("</journal-sync-non-transactional>\n")
                .append("    <paging-directory>data/paging</paging-directory>\n")
                .append("    <bindings-directory>data/bindings</bindings-directory>\n")
                .append("    <journal-directory>data/journal</journal-directory>\n")
                .append("    <large-messages-directory>data/large-messages</large-messages-directory>\n")
                .append("    <security-enabled>true</security-enabled>\n")
                .append("    <connectors>\n");
        for (int i = 0; i < nodes.size(); i++) {
            b.append("      <connector name=\"node-").append(i + 1).append("\">tcp://").append(nodes.get(i).host())
                    .append(':').append(nodes.get(i).clusterPort()).append("</connector>\n");
        }
        b.append("    </connectors>\n")
                .append("    <acceptors>\n")
                .append("      <acceptor name=\"cluster\">tcp://").append(me.host()).append(':')
                .append(me.clusterPort()).append("?protocols=CORE</acceptor>\n")
                .append("      <acceptor name=\"mqtt\">tcp://").append(me.host()).append(':')
                .append(me.mqtt().getPort()).append("?protocols=MQTT</acceptor>\n")
                .append("    </acceptors>\n");
        if (nodes.size() > 1) { // one node is a plain broker: no cluster connection to make
            cluster(b, siteId, nodes, self, clusterPassword);
        }
        b.append(securitySettings(sites))
                .append("    <address-settings>\n")
                .append("      <address-setting match=\"#\">\n")
                .append("        <auto-create-queues>true</auto-create-queues>\n")
                .append("        <auto-create-addresses>true</auto-create-addresses>\n")
                // A message parked on a node for a subscriber that has moved goes back to where it is now.
                .append("        <redistribution-delay>0</redistribution-delay>\n")
                .append("        <address-full-policy>PAGE</address-full-policy>\n")
                .append("      </address-setting>\n")
                .append("    </address-settings>\n")
                .append("  </core>\n")
                .append("</configuration>\n");
        return b.toString();
    }

    /** The cluster connection of node {@code self} to the others. */
    private static void cluster(StringBuilder b, String siteId, List<Node> nodes, int self, String clusterPassword) {
        b.append("    <cluster-user>").append(CLUSTER_USER).append("</cluster-user>\n")
                .append("    <cluster-password>").append(xmlText(clusterPassword)).append("</cluster-password>\n")
                .append("    <cluster-connections>\n")
                .append("      <cluster-connection name=\"parkgate-").append(siteId).append("\">\n")
                .append("        <connector-ref>node-").append(self).append("</connector-ref>\n")
                .append("        <retry-interval>500</retry-interval>\n")
                .append("        <reconnect-attempts>-1</reconnect-attempts>\n")
                // A message goes to the node whose subscriber wants it: a lane's event to central's node,
                // central's ack to the lane's node.
                .append("        <message-load-balancing>ON_DEMAND</message-load-balancing>\n")
                .append("        <max-hops>1</max-hops>\n")
                .append("        <static-connectors>\n");
        for (int i = 0; i < nodes.size(); i++) {
            if (i != self - 1) {
                b.append("          <connector-ref>node-").append(i + 1).append("</connector-ref>\n");
            }
        }
        b.append("        </static-connectors>\n")
                .append("      </cluster-connection>\n")
                .append("    </cluster-connections>\n");
    }

    /** The security settings of one site and its lanes (a site on its own: lanes log in with their ids). */
    static String securitySettings(String siteId, List<String> lanes) {
        Map<String, String> none = new LinkedHashMap<>();
        lanes.forEach(l -> none.put(l, ""));
        return securitySettings(List.of(new SiteLanes(siteId, none, false)));
    }

    /**
     * LaneAcl's rules, site by site: the most specific match applies alone, so every lane address also names
     * central's role; a lane's role is its own site's only, so a lane of one site reads nothing of another's.
     */
    static String securitySettings(List<SiteLanes> sites) {
        StringBuilder b = new StringBuilder("    <security-settings>\n");
        for (SiteLanes site : sites) {
            Topics topics = new Topics(site.siteId());
            setting(b, address(topics.lane("x", Topics.Channel.EVENT)).replaceFirst("\\.lane\\.x\\.event$", ".#"),
                    Map.of(CENTRAL_ROLE, ALL));
            for (String lane : site.passwords().keySet()) {
                for (Topics.Channel ch : Topics.Channel.values()) {
                    setting(b, address(topics.lane(lane, ch)), Map.of(CENTRAL_ROLE, ALL, laneRole(site.user(lane)),
                            ch.fromAgent() ? WRITE : READ));
                }
            }
            for (String broadcast : List.of(topics.registryBroadcast(), topics.prepaidBroadcast(),
                    topics.staysBroadcast(), topics.spacesBroadcast())) {
                setting(b, address(broadcast), Map.of(CENTRAL_ROLE, ALL, site.lanesRole(), READ));
            }
        }
        return b.append("    </security-settings>\n").toString();
    }

    private static void setting(StringBuilder b, String match, Map<String, String[]> roles) {
        b.append("      <security-setting match=\"").append(match).append("\">\n");
        Map<String, List<String>> byPermission = new LinkedHashMap<>();
        for (String p : ALL) {
            roles.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .filter(e -> List.of(e.getValue()).contains(p))
                    .forEach(e -> byPermission.computeIfAbsent(p, k -> new ArrayList<>()).add(e.getKey()));
        }
        byPermission.forEach((p, r) -> b.append("        <permission type=\"").append(p).append("\" roles=\"")
                .append(String.join(",", r)).append("\"/>\n"));
        b.append("      </security-setting>\n");
    }

    /** The Artemis address of an MQTT topic (its default wildcard syntax: '/' becomes '.'). */
    static String address(String topic) {
        return topic.replace('/', '.');
    }

    static String laneRole(String lane) {
        return "parkgate-lane-" + lane;
    }

    /** artemis-users.properties: every user with its password hashed as Artemis's own tools hash it. */
    static String users(Map<String, String> passwords) {
        StringBuilder b = new StringBuilder("# Written by parkgate-central broker artemis; mode 600\n");
        passwords.forEach((u, p) -> b.append(u).append(" = ").append(encode(p)).append('\n'));
        return b.toString();
    }

    /** artemis-roles.properties: central's role, one role per lane, and each site's role of all its lanes. */
    static String roles(String centralUser, List<SiteLanes> sites) {
        StringBuilder b = new StringBuilder("# Written by parkgate-central broker artemis\n");
        b.append(CENTRAL_ROLE).append(" = ").append(centralUser).append('\n');
        for (SiteLanes site : sites) {
            if (!site.passwords().isEmpty()) {
                b.append(site.lanesRole()).append(" = ").append(String.join(",", site.users())).append('\n');
            }
        }
        for (SiteLanes site : sites) {
            site.users().forEach(u -> b.append(laneRole(u)).append(" = ").append(u).append('\n'));
        }
        return b.toString();
    }

    /**
     * A password as Artemis's {@code DefaultSensitiveStringCodec} one-way mode stores it:
     * {@code ENC(1024:<hex salt>:<hex PBKDF2-HMAC-SHA1>)}, 32-byte salt, 64-byte hash.
     */
    static String encode(String password) {
        byte[] salt = new byte[32];
        RANDOM.nextBytes(salt);
        return "ENC(" + ITERATIONS + ":" + hex(salt) + ":" + hex(hash(password, salt, ITERATIONS)) + ")";
    }

    /** Whether an {@code ENC(...)} value accepts {@code password}. */
    static boolean matches(String encoded, String password) {
        String[] p = encoded.substring(4, encoded.length() - 1).split(":");
        return java.security.MessageDigest.isEqual(HexFormat.of().parseHex(p[2]),
                hash(password, HexFormat.of().parseHex(p[1]), Integer.parseInt(p[0])));
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes).toUpperCase(Locale.ROOT);
    }

    private static byte[] hash(String password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, 512)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA1 unavailable", e);
        }
    }

    private static String xmlText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** broker.xml holds the cluster password, the users file the hashes: owner-only, written whole. */
    private static void writePrivate(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, ".parkgate", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
