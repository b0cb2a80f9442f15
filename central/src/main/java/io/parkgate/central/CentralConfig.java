package io.parkgate.central;

import io.parkgate.central.db.DatabaseTarget;
import io.parkgate.central.lane.LaneDefinition;
import io.parkgate.tariff.TariffSchedule;
import io.parkgate.wire.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * Central's settings: what the site file says about central, plus central-only settings with defaults.
 *
 * @param dataDir             where {@code central.db} lives
 * @param brokerUrls          an external broker (e.g. Mosquitto), or the nodes of a broker cluster (central
 *                            fails over between them); empty to embed Moquette
 * @param mqttHost            interface the embedded broker binds to
 * @param mqttPort            the embedded broker's port (0 = any free port)
 * @param centralMqttUser     central's MQTT user (external broker: as in its password file)
 * @param centralMqttPassword central's MQTT password; null with the embedded broker = a random one
 * @param escalateAfter       an exception unclaimed this long escalates to the manager
 * @param commandValidity     how long a release command may be carried out
 * @param prepaidGrace        after paying away from the lane, the exit is free within this time
 * @param ingestBatch         lane events per register transaction
 * @param lanes               lanes provisioned (created or updated) at start
 * @param bootstrapManager    user name and password of the first manager, created when there are no users
 * @param tariff              the site's tariff: central prices a stay paid away from the lane with it; null
 *                            refuses prepayments (central cannot tell what is due)
 * @param spaces              the car park's spaces, for the free-space count (余位) central keeps and pushes
 *                            to the entry displays; 0 = no count
 * @param database            where central keeps its records: null = the SQLite file {@code central.db} in
 *                            {@code dataDir}
 * @param moreSites           the other compounds this central serves besides {@code siteId} (a group of sites,
 *                            docs/scaling.md): each with its own lanes, zone, tariff and spaces; empty for one
 */
public record CentralConfig(String siteId, Path dataDir, String httpHost, int httpPort, List<String> brokerUrls,
                            String mqttHost, int mqttPort, String centralMqttUser, String centralMqttPassword,
                            Duration escalateAfter, Duration commandValidity, Duration prepaidGrace,
                            int ingestBatch, ZoneId zone, List<LaneDefinition> lanes, Credentials bootstrapManager,
                            TariffSchedule tariff, int spaces, DatabaseTarget database, List<SiteSettings> moreSites) {

    /**
     * What one compound has of its own: its id (in topics and on every record), zone, lanes, tariff and spaces.
     * Central's ports, broker and database are the group's, from the first site file.
     */
    public record SiteSettings(String siteId, ZoneId zone, List<LaneDefinition> lanes, TariffSchedule tariff,
                               int spaces) {
        public SiteSettings {
            Topics.requireId("siteId", siteId);
            Objects.requireNonNull(zone, "zone");
            lanes = List.copyOf(lanes);
            if (spaces < 0 || spaces > 65_535) {
                throw new IllegalArgumentException("spaces must be 0..65535, was " + spaces);
            }
        }

        /** A compound's settings from its site file and the lanes' secrets (as {@link #fromSite} reads them). */
        public static SiteSettings of(CentralConfig c) {
            return new SiteSettings(c.siteId(), c.zone(), c.lanes(), c.tariff(), c.spaces());
        }
    }

    /** A user name and password. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[" + username + "]";
        }
    }

    public CentralConfig {
        Topics.requireId("siteId", siteId);
        Objects.requireNonNull(dataDir, "dataDir");
        lanes = List.copyOf(lanes);
        brokerUrls = brokerUrls == null ? List.of() : List.copyOf(brokerUrls);
        if (database == null) {
            database = new DatabaseTarget.Sqlite(dataDir.resolve("central.db"));
        }
        if (ingestBatch < 1 || ingestBatch > 10_000) {
            throw new IllegalArgumentException("ingestBatch must be 1..10000, was " + ingestBatch);
        }
        if (commandValidity.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("commandValidity above 5 min would be refused by every agent");
        }
        if (spaces < 0 || spaces > 65_535) {
            throw new IllegalArgumentException("spaces must be 0..65535, was " + spaces);
        }
        if (!brokerUrls.isEmpty() && (centralMqttPassword == null || centralMqttUser == null)) {
            throw new IllegalArgumentException("an external broker needs centralMqttUser and centralMqttPassword");
        }
        moreSites = moreSites == null ? List.of() : List.copyOf(moreSites);
        java.util.Set<String> ids = new java.util.HashSet<>(java.util.Set.of(siteId));
        for (SiteSettings m : moreSites) {
            if (!ids.add(m.siteId())) {
                throw new IllegalArgumentException("site " + m.siteId() + " is given twice");
            }
        }
    }

    /** Every compound this central serves, the first site first. */
    public List<SiteSettings> sites() {
        List<SiteSettings> all = new java.util.ArrayList<>();
        all.add(SiteSettings.of(this));
        all.addAll(moreSites);
        return List.copyOf(all);
    }

    /** The same central serving these compounds too (each from its own site file). */
    public CentralConfig withMoreSites(List<SiteSettings> more) {
        return new CentralConfig(siteId, dataDir, httpHost, httpPort, brokerUrls, mqttHost, mqttPort, centralMqttUser,
                centralMqttPassword, escalateAfter, commandValidity, prepaidGrace, ingestBatch, zone, lanes,
                bootstrapManager, tariff, spaces, database, more);
    }

    /** Defaults: embedded broker on any port, HTTP on any port, local interface, 5 min escalation. */
    public static CentralConfig defaults(String siteId, Path dataDir, List<LaneDefinition> lanes,
                                         Credentials bootstrapManager) {
        return new CentralConfig(siteId, dataDir, "127.0.0.1", 0, List.of(), "127.0.0.1", 0, "central", null,
                Duration.ofMinutes(5), Duration.ofSeconds(60), Duration.ofMinutes(15), 500,
                ZoneId.of("Asia/Shanghai"), lanes, bootstrapManager, null, 0, null, List.of());
    }

    /**
     * Central's settings from the site file: site id, ports, broker, zone and the lanes with their posts.
     * Lane credentials are not in the site file; {@code secrets} gives each lane's MQTT password and
     * command secret (a lane without an entry fails here, naming it).
     */
    public static CentralConfig fromSite(io.parkgate.config.SiteConfig site, Path dataDir,
                                         java.util.Map<String, LaneSecrets> secrets, Credentials bootstrapManager,
                                         Credentials centralMqtt) {
        List<LaneDefinition> lanes = new java.util.ArrayList<>();
        for (io.parkgate.config.LaneConfig l : site.lanes()) {
            LaneSecrets s = secrets.get(l.id());
            if (s == null) {
                throw new IllegalArgumentException("lane " + l.id() + " of " + site.source()
                        + " has no MQTT password and command secret in the lane secrets");
            }
            lanes.add(new LaneDefinition(l.id(), l.post(), l.direction(), s.mqttPassword(), s.commandSecret(),
                    l.name()));
        }
        io.parkgate.config.CentralLink link = site.central();
        CentralConfig c = defaults(site.siteId(), dataDir, lanes, bootstrapManager)
                .withPorts(link == null ? 8080 : link.httpPort(), link == null ? 1883 : link.mqttPort());
        // Listen only where the site file says agents reach central (127.0.0.1 unless set): an office network
        // sees central only when the site file names central's address on it.
        String host = link == null || link.host() == null ? io.parkgate.config.CentralLink.DEFAULT_HOST : link.host();
        c = new CentralConfig(c.siteId(), c.dataDir(), host, c.httpPort(), List.of(), host, c.mqttPort(),
                c.centralMqttUser(), c.centralMqttPassword(), c.escalateAfter(), c.commandValidity(),
                c.prepaidGrace(), c.ingestBatch(), site.zone(), c.lanes(), c.bootstrapManager(), site.tariff(),
                spaces(site), c.database(), c.moreSites());
        if (link != null && !link.embeddedBroker()) {
            if (centralMqtt == null) {
                throw new IllegalArgumentException(site.source() + ": central.mqttUrl names an external broker; "
                        + "central's MQTT user and password are required");
            }
            c = c.withExternalBroker(link.mqttUrls(), centralMqtt.username(), centralMqtt.password());
        }
        return c;
    }

    /**
     * Central's settings as the service and the demo car park both build them: the site file plus the
     * secrets {@code lanes credentials} wrote (each lane's, central's MQTT password, the first manager's), and
     * when the site file names a PostgreSQL database ({@code central.database}), its password
     * ({@code central.database.password} in the secrets file, or {@code PARKGATE_DATABASE_PASSWORD}).
     *
     * @param managerUser the first manager's user name (password: {@code manager.password}), or null
     * @throws io.parkgate.config.SecretsException naming a missing key
     */
    public static CentralConfig fromSite(io.parkgate.config.SiteConfig site, Path dataDir,
                                         io.parkgate.config.SecretsFile secrets, String managerUser,
                                         String centralMqttUser) {
        java.util.Map<String, LaneSecrets> lanes = new java.util.HashMap<>();
        for (io.parkgate.config.LaneConfig lane : site.lanes()) {
            lanes.put(lane.id(), new LaneSecrets(
                    secrets.required(io.parkgate.central.ops.LaneCredentials.laneMqttPassword(lane.id()), null),
                    secrets.required(io.parkgate.central.ops.LaneCredentials.laneCommandSecret(lane.id()), null)));
        }
        String mqttPassword = secrets.optional(io.parkgate.central.ops.LaneCredentials.CENTRAL_MQTT_PASSWORD,
                "PARKGATE_CENTRAL_MQTT_PASSWORD");
        Credentials manager = managerUser == null ? null : new Credentials(managerUser,
                secrets.required(io.parkgate.central.ops.LaneCredentials.MANAGER_PASSWORD,
                        "PARKGATE_MANAGER_PASSWORD"));
        CentralConfig c = fromSite(site, dataDir, lanes, manager,
                mqttPassword == null ? null : new Credentials(centralMqttUser, mqttPassword));
        io.parkgate.config.CentralDatabase db = site.central() == null ? null : site.central().database();
        if (db != null) {
            c = c.withDatabase(new DatabaseTarget.Postgres(db.url(), db.user(), secrets.required(
                    io.parkgate.config.CentralDatabase.PASSWORD_KEY, io.parkgate.config.CentralDatabase.PASSWORD_ENV)));
        }
        return c;
    }

    /** A lane's generated credentials, kept out of the site file. */
    public record LaneSecrets(String mqttPassword, String commandSecret) {
        @Override
        public String toString() {
            return "LaneSecrets[hidden]";
        }
    }

    public CentralConfig withExternalBroker(String url, String user, String password) {
        return withExternalBroker(List.of(url), user, password);
    }

    /** Central on an external broker cluster: it fails over between the nodes {@code urls}. */
    public CentralConfig withExternalBroker(List<String> urls, String user, String password) {
        return new CentralConfig(siteId, dataDir, httpHost, httpPort, urls, mqttHost, mqttPort, user, password,
                escalateAfter, commandValidity, prepaidGrace, ingestBatch, zone, lanes, bootstrapManager, tariff,
                spaces, database, moreSites);
    }

    public CentralConfig withEscalateAfter(Duration d) {
        return new CentralConfig(siteId, dataDir, httpHost, httpPort, brokerUrls, mqttHost, mqttPort, centralMqttUser,
                centralMqttPassword, d, commandValidity, prepaidGrace, ingestBatch, zone, lanes, bootstrapManager,
                tariff, spaces, database, moreSites);
    }

    public CentralConfig withPorts(int http, int mqtt) {
        return new CentralConfig(siteId, dataDir, httpHost, http, brokerUrls, mqttHost, mqtt, centralMqttUser,
                centralMqttPassword, escalateAfter, commandValidity, prepaidGrace, ingestBatch, zone, lanes,
                bootstrapManager, tariff, spaces, database, moreSites);
    }

    /** The same settings counting free spaces against {@code n} spaces (0: no count). */
    public CentralConfig withSpaces(int n) {
        return new CentralConfig(siteId, dataDir, httpHost, httpPort, brokerUrls, mqttHost, mqttPort, centralMqttUser,
                centralMqttPassword, escalateAfter, commandValidity, prepaidGrace, ingestBatch, zone, lanes,
                bootstrapManager, tariff, n, database, moreSites);
    }

    /**
     * The car park's spaces as the site file gives them: the {@code spaces} of its entry displays (the site
     * checks refuse entry displays that disagree), 0 when none shows a count.
     */
    static int spaces(io.parkgate.config.SiteConfig site) {
        return site.lanes().stream().filter(l -> l.direction() == io.parkgate.config.Direction.IN)
                .map(l -> l.devices().display()).filter(java.util.Objects::nonNull)
                .mapToInt(io.parkgate.config.DisplayConfig::spaces).max().orElse(0);
    }

    public CentralConfig withLanes(List<LaneDefinition> l) {
        return new CentralConfig(siteId, dataDir, httpHost, httpPort, brokerUrls, mqttHost, mqttPort, centralMqttUser,
                centralMqttPassword, escalateAfter, commandValidity, prepaidGrace, ingestBatch, zone, l,
                bootstrapManager, tariff, spaces, database, moreSites);
    }

    public CentralConfig withTariff(TariffSchedule t) {
        return new CentralConfig(siteId, dataDir, httpHost, httpPort, brokerUrls, mqttHost, mqttPort, centralMqttUser,
                centralMqttPassword, escalateAfter, commandValidity, prepaidGrace, ingestBatch, zone, lanes,
                bootstrapManager, t, spaces, database, moreSites);
    }

    /** The same settings keeping the records in another database. */
    public CentralConfig withDatabase(DatabaseTarget d) {
        return new CentralConfig(siteId, dataDir, httpHost, httpPort, brokerUrls, mqttHost, mqttPort, centralMqttUser,
                centralMqttPassword, escalateAfter, commandValidity, prepaidGrace, ingestBatch, zone, lanes,
                bootstrapManager, tariff, spaces, d, moreSites);
    }

    /** Central's HTTP and embedded broker on another interface (e.g. "0.0.0.0" for every one). */
    public CentralConfig withHost(String host) {
        return new CentralConfig(siteId, dataDir, host, httpPort, brokerUrls, host, mqttPort, centralMqttUser,
                centralMqttPassword, escalateAfter, commandValidity, prepaidGrace, ingestBatch, zone, lanes,
                bootstrapManager, tariff, spaces, database, moreSites);
    }

    /** Without central's MQTT password (lanes and credentials print without theirs). */
    @Override
    public String toString() {
        return "CentralConfig[site " + siteId + ", data " + dataDir + ", http " + httpHost + ":" + httpPort
                + ", broker " + (brokerUrls.isEmpty() ? "embedded " + mqttHost + ":" + mqttPort
                : String.join(", ", brokerUrls))
                + ", database " + database + ", lanes " + lanes
                + (moreSites.isEmpty() ? "" : ", more sites " + moreSites.stream().map(SiteSettings::siteId).toList())
                + "]";
    }
}
