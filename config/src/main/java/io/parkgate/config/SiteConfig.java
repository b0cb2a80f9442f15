package io.parkgate.config;

import io.parkgate.tariff.TariffSchedule;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A whole site, as parsed and validated from one YAML file by {@link SiteConfigLoader}.
 *
 * @param source the file it was read from, for messages
 * @param zone   the site's local time zone: tariff day/night segments and receipts use it
 * @param agents where gate agents keep their data and listen for camera frames
 */
public record SiteConfig(Path source, String siteId, String siteName, List<LaneConfig> lanes,
                         TariffSchedule tariff, List<ExemptionCategory> exemptions, CentralLink central,
                         ZoneId zone, AgentSettings agents) {

    /** The zone of a site file that names none. */
    public static final ZoneId DEFAULT_ZONE = ZoneId.of("Asia/Shanghai");

    public SiteConfig {
        lanes = List.copyOf(lanes);
        exemptions = List.copyOf(exemptions);
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(agents, "agents");
    }

    /** The original components, with the default zone and agent settings. */
    public SiteConfig(Path source, String siteId, String siteName, List<LaneConfig> lanes,
                      TariffSchedule tariff, List<ExemptionCategory> exemptions, CentralLink central) {
        this(source, siteId, siteName, lanes, tariff, exemptions, central, DEFAULT_ZONE, AgentSettings.defaults());
    }

    public Optional<LaneConfig> lane(String id) {
        return lanes.stream().filter(l -> l.id().equals(id)).findFirst();
    }

    /** The same site with other lanes, e.g. with transports rewritten to where a simulator serves them. */
    public SiteConfig withLanes(List<LaneConfig> newLanes) {
        return new SiteConfig(source, siteId, siteName, newLanes, tariff, exemptions, central, zone, agents);
    }

    /** The attendant posts, in the order their first lane appears in the file. */
    public List<String> posts() {
        return lanes.stream().map(LaneConfig::post).distinct().toList();
    }

    /** The lanes of one attendant post, in file order. */
    public List<LaneConfig> lanesOfPost(String post) {
        return lanes.stream().filter(l -> l.post().equals(post)).toList();
    }

    /** The first policy-exemption category whose plate patterns match the plate, if any. */
    public Optional<ExemptionCategory> exemptionFor(String plate) {
        return exemptions.stream().filter(e -> e.matches(plate)).findFirst();
    }
}
