package io.parkgate.central.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArtemisBrokerFilesTest {

    /** Written by Apache ActiveMQ Artemis 2.40.0's {@code artemis create --user admin --password admin}. */
    private static final String FROM_ARTEMIS = "ENC(1024:"
            + "F7B9C0E417158CB4339EF044BFCBFC98DF37A7EB96C8F32035204EACA9F43F35:"
            + "B6D871B4AFD2F5FF85233FEA2C044D9BED5FFF609AAEF4AF18F11E70B4865D33218B0E50CB47267EB89584273A361F25E10C022"
            + "085DA38EC1A72F6963257868D)";

    /** Verifies that a password Artemis hashed is recognised, and that ours are in its format. */
    @Test
    void hashesPasswordsAsArtemisDoes() {
        assertTrue(ArtemisBrokerFiles.matches(FROM_ARTEMIS, "admin"));
        assertFalse(ArtemisBrokerFiles.matches(FROM_ARTEMIS, "Admin"));
        String ours = ArtemisBrokerFiles.encode("pw");
        assertTrue(ours.matches("ENC\\(1024:[0-9A-F]{64}:[0-9A-F]{128}\\)"), ours);
        assertTrue(ArtemisBrokerFiles.matches(ours, "pw"));
    }

    /**
     * Verifies the security settings: a lane may send only on its own agent channels and read only its own central
     * channels and the broadcasts; nothing of another lane; central everything under the site.
     */
    @Test
    void eachLaneOnlyOnItsOwnAddresses() {
        String s = ArtemisBrokerFiles.securitySettings("lakeside", List.of("north-in", "north-out"));
        String in = "parkgate-lane-north-in";
        assertTrue(s.contains("<security-setting match=\"parkgate.lakeside.#\">\n"
                + "        <permission type=\"send\" roles=\"parkgate-central\"/>"), s);
        assertEquals("send,createAddress", permissions(s, "parkgate.lakeside.lane.north-in.event", in));
        assertEquals("consume,createDurableQueue,deleteDurableQueue,createNonDurableQueue,deleteNonDurableQueue,"
                + "createAddress", permissions(s, "parkgate.lakeside.lane.north-in.cmd", in));
        assertEquals("", permissions(s, "parkgate.lakeside.lane.north-out.event", in));
        assertEquals("", permissions(s, "parkgate.lakeside.lane.north-out.cmd", in));
        assertEquals("", permissions(s, "parkgate.lakeside.registry.delta", in));
        assertTrue(permissions(s, "parkgate.lakeside.registry.delta", "parkgate-lanes").startsWith("consume"));
        assertFalse(permissions(s, "parkgate.lakeside.registry.delta", "parkgate-lanes").contains("send"));
    }

    /**
     * Verifies a group of two sites whose lanes share an id: each lane logs in as {@code <lane>@<site>}, has a role
     * of its own, and may use only its own site's lane addresses and broadcasts; central may use both sites'.
     */
    @Test
    void aGroupOfSitesKeepsTheirLanesApart() throws Exception {
        List<ArtemisBrokerFiles.SiteLanes> group = List.of(
                new ArtemisBrokerFiles.SiteLanes("north", java.util.Map.of("in-1", "n-pw"), true),
                new ArtemisBrokerFiles.SiteLanes("south", java.util.Map.of("in-1", "s-pw"), true));
        String s = ArtemisBrokerFiles.securitySettings(group);
        String north = "parkgate-lane-in-1@north";
        assertEquals("send,createAddress", permissions(s, "parkgate.north.lane.in-1.event", north));
        assertEquals("", permissions(s, "parkgate.south.lane.in-1.event", north));
        assertEquals("", permissions(s, "parkgate.south.lane.in-1.cmd", north));
        assertTrue(permissions(s, "parkgate.north.registry.delta", "parkgate-lanes-north").startsWith("consume"));
        assertEquals("", permissions(s, "parkgate.south.registry.delta", "parkgate-lanes-north"));
        assertTrue(s.contains("<security-setting match=\"parkgate.south.#\">\n"
                + "        <permission type=\"send\" roles=\"parkgate-central\"/>"), s);
        String roles = ArtemisBrokerFiles.roles("central", group);
        assertTrue(roles.contains("parkgate-lanes-north = in-1@north\n"), roles);
        assertTrue(roles.contains("parkgate-lane-in-1@south = in-1@south\n"), roles);
        assertFalse(roles.contains("parkgate-lanes = "), roles);
    }

    /**
     * Verifies the files written for node 2 of the site file's two nodes: its acceptors, the connection to node 1,
     * the users hashed, a role per lane; and that a missing cluster password or a site without nodes is refused.
     */
    @Test
    void writesNodeFromSiteFileAndSecrets() throws Exception {
        Path dir = Files.createTempDirectory("artemis-files");
        SiteConfig site = site(dir, "[ \"tcp://10.0.0.2:1883\", \"tcp://10.0.0.3:1884\" ]");
        Path secrets = dir.resolve("central.secrets");
        Files.createFile(secrets, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secrets, "central.mqtt.password=c-pw\nlane.north-in.mqtt.password=in-pw\n"
                + "lane.north-out.mqtt.password=out-pw\n");
        var noCluster = io.parkgate.config.SecretsFile.load(secrets, k -> null);
        List<ArtemisBrokerFiles.Node> nodes = ArtemisBrokerFiles.nodes(site, List.of());
        assertEquals(List.of(new ArtemisBrokerFiles.Node(URI.create("tcp://10.0.0.2:1883"), 61616),
                new ArtemisBrokerFiles.Node(URI.create("tcp://10.0.0.3:1884"), 61616)), nodes);
        io.parkgate.config.SecretsException missing = assertThrows(io.parkgate.config.SecretsException.class,
                () -> ArtemisBrokerFiles.write(site, noCluster, "central", nodes, 2, true, dir.resolve("etc")));
        assertTrue(missing.getMessage().contains(ArtemisBrokerFiles.CLUSTER_PASSWORD), missing.getMessage());

        Files.writeString(secrets, "broker.cluster.password=cl-pw\n", java.nio.file.StandardOpenOption.APPEND);
        ArtemisBrokerFiles.write(site, io.parkgate.config.SecretsFile.load(secrets, k -> null), "central", nodes, 2,
                true, dir.resolve("etc"));
        String xml = Files.readString(dir.resolve("etc/broker.xml"));
        assertTrue(xml.contains("<acceptor name=\"mqtt\">tcp://10.0.0.3:1884?protocols=MQTT</acceptor>"), xml);
        assertTrue(xml.contains("<acceptor name=\"cluster\">tcp://10.0.0.3:61616?protocols=CORE</acceptor>"), xml);
        assertTrue(xml.contains("<connector-ref>node-2</connector-ref>") && xml.contains(
                "<static-connectors>\n          <connector-ref>node-1</connector-ref>"), xml);
        assertTrue(xml.contains("<journal-datasync>true</journal-datasync>"), xml);
        String users = Files.readString(dir.resolve("etc/artemis-users.properties"));
        assertFalse(users.contains("in-pw"), users);
        String inLine = users.lines().filter(l -> l.startsWith("north-in = ")).findFirst().orElseThrow();
        assertTrue(ArtemisBrokerFiles.matches(inLine.substring("north-in = ".length()), "in-pw"), inLine);
        assertTrue(Files.readString(dir.resolve("etc/artemis-roles.properties"))
                .contains("parkgate-lane-north-out = north-out\n"));
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("etc/broker.xml"))));

        IllegalArgumentException embedded = assertThrows(IllegalArgumentException.class,
                () -> ArtemisBrokerFiles.nodes(site(dir, null), List.of()));
        assertTrue(embedded.getMessage().contains("central.mqttUrl"), embedded.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ArtemisBrokerFiles.nodes(site, List.of(61616)));
    }

    /** Verifies that a single node is a plain broker: Artemis refuses a cluster connection with no other node. */
    @Test
    void oneNodeHasNoClusterConnection() {
        String xml = ArtemisBrokerFiles.brokerXml("lakeside", List.of("north-in"),
                ArtemisBrokerFiles.nodes(List.of("tcp://127.0.0.1:1883"), List.of()), 1, "cl-pw", true);
        assertFalse(xml.contains("cluster-connection"), xml);
        assertFalse(xml.contains("cl-pw"), xml);
        assertTrue(xml.contains("<acceptor name=\"mqtt\">tcp://127.0.0.1:1883?protocols=MQTT</acceptor>"), xml);
    }

    /** The permissions {@code role} has on the setting matching exactly {@code address}, comma-separated. */
    private static String permissions(String settings, String address, String role) {
        int at = settings.indexOf("<security-setting match=\"" + address + "\">");
        assertTrue(at >= 0, address + " has its own setting");
        String block = settings.substring(at, settings.indexOf("</security-setting>", at));
        return String.join(",", block.lines().filter(l -> l.contains("roles=\"") && List.of(l.replaceAll(
                ".*roles=\"([^\"]*)\".*", "$1").split(",")).contains(role))
                .map(l -> l.replaceAll(".*type=\"([^\"]*)\".*", "$1")).toList());
    }

    private static SiteConfig site(Path dir, String mqttUrl) throws Exception {
        String text = Files.readString(Path.of("../config/examples/compound-2-lanes.yaml"));
        if (mqttUrl != null) {
            text = text.replaceFirst("(?m)^  mqttPort: .*$", "  mqttUrl: " + mqttUrl);
        }
        Path file = dir.resolve("site-" + (mqttUrl == null ? "embedded" : "cluster") + ".yaml");
        Files.writeString(file, text);
        return SiteConfigLoader.load(file);
    }
}
