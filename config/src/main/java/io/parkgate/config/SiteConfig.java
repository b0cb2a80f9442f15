package io.parkgate.config;

import io.parkgate.tariff.TariffSchedule;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A whole site, as parsed and validated from one YAML file by {@link SiteConfigLoader}.
 *
 * @param source the file it was read from, for messages
 */
public record SiteConfig(Path source, String siteId, String siteName, List<LaneConfig> lanes,
                         TariffSchedule tariff, List<ExemptionCategory> exemptions, CentralLink central) {

    public SiteConfig {
        lanes = List.copyOf(lanes);
        exemptions = List.copyOf(exemptions);
    }

    public Optional<LaneConfig> lane(String id) {
        return lanes.stream().filter(l -> l.id().equals(id)).findFirst();
    }
}
