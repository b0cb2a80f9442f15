package io.parkgate.central;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CentralConfigTest {

    /**
     * Verifies that a site file listing the nodes of a broker cluster gives central every node, in order, and that
     * the printed settings name them.
     */
    @Test
    void siteFileBrokerListReachesCentral() throws Exception {
        String text = Files.readString(Path.of("../config/examples/compound-2-lanes.yaml"))
                .replaceFirst("  mqttPort: 47001[^\n]*\n",
                        "  mqttUrl: [ \"tcp://10.0.0.2:1883\", \"tcp://10.0.0.3:1883\" ]\n");
        SiteConfig site = SiteConfigLoader.parse(text, Path.of("site.yaml"));
        Map<String, CentralConfig.LaneSecrets> secrets = Map.of(
                "north-in", new CentralConfig.LaneSecrets("pw-in-0123456789", "secret-in-0123456789"),
                "north-out", new CentralConfig.LaneSecrets("pw-out-0123456789", "secret-out-0123456789"));

        CentralConfig cfg = CentralConfig.fromSite(site, Path.of("data"), secrets, null,
                new CentralConfig.Credentials("central", "central-password"));

        assertEquals(List.of("tcp://10.0.0.2:1883", "tcp://10.0.0.3:1883"), cfg.brokerUrls());
        assertTrue(cfg.toString().contains("tcp://10.0.0.2:1883, tcp://10.0.0.3:1883"), cfg.toString());
    }
}
