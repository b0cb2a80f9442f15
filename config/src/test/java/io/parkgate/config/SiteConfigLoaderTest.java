package io.parkgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.config.LaneRules.NoEntryRecordRule;
import io.parkgate.tariff.FeeRequest;
import io.parkgate.tariff.TariffEngine;
import io.parkgate.tariff.VehicleClass;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteConfigLoaderTest {

    private static final Path EXAMPLES = Path.of("examples");

    @TempDir
    Path dir;

    /** Verifies that the two-lane example loads with its devices on the simulator's ports. */
    @Test
    void loadsTwoLaneExample() {
        SiteConfig site = SiteConfigLoader.load(EXAMPLES.resolve("compound-2-lanes.yaml"));

        assertEquals("lakeside", site.siteId());
        assertEquals(List.of("north-in", "north-out"), site.lanes().stream().map(LaneConfig::id).toList());
        LaneConfig in = site.lane("north-in").orElseThrow();
        assertEquals(Direction.IN, in.direction());
        assertEquals(TransportUri.tcp("127.0.0.1", 47101), in.devices().io().transport());
        assertEquals(TransportUri.tcp("127.0.0.1", 47102), in.devices().cardReader().transport());
        assertEquals(TransportUri.tcp("127.0.0.1", 47103), in.devices().camera().transport());
        LaneConfig out = site.lane("north-out").orElseThrow();
        assertEquals(TransportUri.tcp("127.0.0.1", 47111), out.devices().io().transport());
        assertEquals(CameraKind.SMART, out.devices().camera().kind());
        assertEquals(NoEntryRecordRule.HOLD, out.rules().noEntryRecord());
        assertEquals(2000, out.rules().flatFeeNoEntryRecordFen());
        assertTrue(site.central().embeddedBroker());
        assertEquals("tcp://127.0.0.1:47001", site.central().brokerUrl());
        assertEquals(47080, site.central().httpPort());
        assertEquals(ZoneId.of("Asia/Shanghai"), site.zone());
    }

    /** Verifies that the tariff of the two-lane example prices an overnight stay as its comments say. */
    @Test
    void twoLaneExampleTariffPricesAnOvernightStay() {
        SiteConfig site = SiteConfigLoader.load(EXAMPLES.resolve("compound-2-lanes.yaml"));
        TariffEngine engine = new TariffEngine(site.tariff(), site.zone());

        long fen = engine.quote(FeeRequest.temporary(VehicleClass.SMALL,
                LocalDateTime.parse("2026-11-22T17:00").atZone(site.zone()).toInstant(),
                LocalDateTime.parse("2026-11-23T09:00").atZone(site.zone()).toInstant())).fen();

        assertEquals(500 + 300 + 1000 + 2 * 300, fen);
    }

    /** Verifies that the twelve-lane example's tariff caps the night per stretch and large vehicles per day. */
    @Test
    void twelveLaneExampleTariffPricesAnOvernightStay() {
        SiteConfig site = SiteConfigLoader.load(EXAMPLES.resolve("compound-12-lanes.yaml"));
        TariffEngine engine = new TariffEngine(site.tariff(), site.zone());
        var entry = LocalDateTime.parse("2026-11-22T19:00").atZone(site.zone()).toInstant();
        var exit = LocalDateTime.parse("2026-11-23T09:00").atZone(site.zone()).toInstant();

        long small = engine.quote(FeeRequest.temporary(VehicleClass.SMALL, entry, exit)).fen();
        long large = engine.quote(FeeRequest.temporary(VehicleClass.LARGE, entry, exit)).fen();

        // day 19:00-20:00 first hour 500; night 20:00-07:30 6 × 100 capped at 500; day 07:30-09:00 3 × 150
        assertEquals(500 + 500 + 450, small);
        // 1000 + 13 × 500 = 7500, capped at 5000 per 24 h
        assertEquals(5000, large);
    }

    /** Verifies that the twelve-lane example loads with its mix of card-less lanes and imaging cameras. */
    @Test
    void loadsTwelveLaneExample() {
        SiteConfig site = SiteConfigLoader.load(EXAMPLES.resolve("compound-12-lanes.yaml"));

        assertEquals(12, site.lanes().size());
        assertEquals(List.of("north", "east", "south", "garage", "west"), site.posts());
        assertEquals(4, site.lanesOfPost("north").size());
        assertNull(site.lane("north-out-2").orElseThrow().devices().cardReader());
        CameraConfig imaging = site.lane("north-in-2").orElseThrow().devices().camera();
        assertEquals(CameraKind.IMAGING, imaging.kind());
        assertEquals("http", imaging.imagingSource());
        assertNull(imaging.transport());
        assertEquals("dir:var/frames/south-in", site.lane("south-in").orElseThrow().devices().camera().imagingSource());
        assertEquals(Duration.ofMillis(500), site.lane("garage-b1-in").orElseThrow().devices().io().pulseTime());
        assertEquals(MatchPolicy.ATTENDANT_CONFIRMS, site.lane("north-in-1").orElseThrow().rules().matchPolicy());
        assertEquals(MatchPolicy.FUZZY_SINGLE, site.lane("north-in-2").orElseThrow().rules().matchPolicy());
        assertEquals(TransportUri.tcp("127.0.0.1", 47211), site.lanes().get(11).devices().io().transport());
        assertEquals("rtsp://127.0.0.1:47554/west-out", site.lanes().get(11).devices().camera().imagingSource());
        assertEquals(47090, site.agents().framePort());
        assertEquals("POLICE", site.exemptionFor("粤B1234警").orElseThrow().code());
        assertEquals("MILITARY", site.exemptionFor("空A12345").orElseThrow().code());
        assertFalse(site.exemptionFor("粤B12345").isPresent());
    }

    /** Verifies that everything optional takes the documented default (docs/protocols.md and docs/configuration.md). */
    @Test
    void appliesDefaults() throws Exception {
        SiteConfig site = SiteConfigLoader.load(SiteFiles.write(dir, "site.yaml", SiteFiles.MINIMAL));

        LaneConfig in = site.lanes().get(0);
        IoControllerConfig io = in.devices().io();
        assertEquals(1, io.unitAddress());
        assertEquals(Duration.ofMillis(50), io.pollInterval());
        assertEquals(Duration.ofMillis(300), io.pulseTime());
        assertEquals(Duration.ofMillis(200), io.responseTimeout());
        assertEquals(2, io.retries());
        assertNull(in.devices().cardReader());
        assertEquals(Duration.ofSeconds(2), site.lanes().get(1).devices().cardReader().repeatWindow());
        assertEquals(CameraKind.SMART, in.devices().camera().kind());
        assertEquals(80, in.devices().camera().minConfidence());
        assertEquals(LaneRules.defaults(), in.rules());
        assertEquals(Duration.ofSeconds(3), in.rules().identificationWindow());
        assertEquals(Duration.ofDays(7), in.rules().passExpiryWarning());
        assertEquals(MatchPolicy.FUZZY_SINGLE, in.rules().matchPolicy());
        assertEquals(SiteConfig.DEFAULT_ZONE, site.zone());
        assertEquals(AgentSettings.defaults(), site.agents());
        assertEquals(Path.of("var/agents/gate-in"), site.agents().dataDir("gate-in"));
        assertEquals("tcp://127.0.0.1:1883", site.central().brokerUrl());
        assertEquals("http://127.0.0.1:8080", site.central().httpBaseUrl());
        assertEquals(List.of("POLICE", "ARMED_POLICE", "MILITARY", "FIRE", "AMBULANCE"),
                site.exemptions().stream().map(ExemptionCategory::code).toList());
        assertEquals(Duration.ofMinutes(15), site.tariff().forClass(VehicleClass.SMALL).freeTime());
        assertEquals(Duration.ZERO, site.tariff().visitorFreeTime());
        assertEquals(10_000_000, site.tariff().maxAmountFen(), "100 000 yuan unless the site file says otherwise");
        assertSame(site.tariff().forClass(VehicleClass.SMALL), site.tariff().forClass(VehicleClass.LARGE));
    }

    /** Verifies that YAML anchors and aliases work, e.g. large vehicles priced as small ones by alias. */
    @Test
    void aliasesAreFollowed() throws Exception {
        String text = SiteFiles.edit("  small:\n    laterPeriods: { length: 1h, price: 300 }\n",
                "  small: &car\n    laterPeriods: { length: 1h, price: 300 }\n  large: *car\n");

        SiteConfig site = SiteConfigLoader.load(SiteFiles.write(dir, "alias.yaml", text));

        assertEquals(site.tariff().forClass(VehicleClass.SMALL), site.tariff().forClass(VehicleClass.LARGE));
        assertTrue(site.tariff().classes().containsKey(VehicleClass.LARGE));
    }

    /** Verifies that a lane with a card reader and no camera loads as a card-only lane. */
    @Test
    void cardOnlyLaneHasNoCamera() throws Exception {
        String text = SiteFiles.edit("      camera:\n        transport: tcp://127.0.0.1:47113\n", "");

        SiteConfig site = SiteConfigLoader.load(SiteFiles.write(dir, "card-only.yaml", text));

        assertNull(site.lanes().get(1).devices().camera());
        assertEquals(TransportUri.tcp("127.0.0.1", 47112), site.lanes().get(1).devices().cardReader().transport());
    }

    /** Verifies that serial transports take each device's default baud rate unless the URI names one. */
    @Test
    void serialTransportsTakeEachDevicesDefaultBaud() throws Exception {
        String text = SiteFiles.MINIMAL
                .replace("tcp://127.0.0.1:47101", "serial:/dev/ttyUSB0")
                .replace("tcp://127.0.0.1:47103", "serial:/dev/ttyUSB1")
                .replace("tcp://127.0.0.1:47112", "serial:/dev/ttyUSB2")
                .replace("tcp://127.0.0.1:47113", "serial:/dev/ttyUSB3?baud=57600");

        SiteConfig site = SiteConfigLoader.load(SiteFiles.write(dir, "serial.yaml", text));

        assertEquals(TransportUri.serial("/dev/ttyUSB0", 9600), site.lanes().get(0).devices().io().transport());
        assertEquals(TransportUri.serial("/dev/ttyUSB1", 115_200), site.lanes().get(0).devices().camera().transport());
        assertEquals(TransportUri.serial("/dev/ttyUSB2", 9600), site.lanes().get(1).devices().cardReader().transport());
        assertEquals(TransportUri.serial("/dev/ttyUSB3", 57_600), site.lanes().get(1).devices().camera().transport());
    }

    /**
     * Verifies that a serial port is one lane PC's own: two lanes, each on its own PC, may both use /dev/ttyUSB0,
     * while two devices of one lane on one port are refused.
     */
    @Test
    void serialPortsAreOneLanePcsOwn() throws Exception {
        String text = SiteFiles.MINIMAL
                .replace("tcp://127.0.0.1:47101", "serial:/dev/ttyUSB0")
                .replace("tcp://127.0.0.1:47103", "serial:/dev/ttyUSB1")
                .replace("tcp://127.0.0.1:47112", "serial:/dev/ttyUSB0")
                .replace("tcp://127.0.0.1:47113", "serial:/dev/ttyUSB1");

        SiteConfig site = SiteConfigLoader.load(SiteFiles.write(dir, "usb.yaml", text));
        assertEquals(TransportUri.serial("/dev/ttyUSB0", 9600), site.lanes().get(1).devices().cardReader().transport());

        String oneLaneTwice = text.replaceFirst("serial:/dev/ttyUSB1", "serial:/dev/ttyUSB0");
        ConfigException e = assertThrows(ConfigException.class,
                () -> SiteConfigLoader.load(SiteFiles.write(dir, "usb-twice.yaml", oneLaneTwice)));
        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("lanes[0].devices.camera.transport", e.problems().get(0).keyPath());
        assertTrue(e.problems().get(0).found().contains("already used by lanes[0].devices.io.transport"),
                e.getMessage());
    }

    /** Verifies that configured exemption categories replace the defaults and match plates by their patterns. */
    @Test
    void readsExemptionCategories() throws Exception {
        String text = SiteFiles.MINIMAL + """
                exemptions:
                  - code: POLICE
                    label: 警车
                    platePatterns: ['警$']
                  - code: AMBULANCE
                    label: 救护车
                    labelEn: ambulance
                """;

        SiteConfig site = SiteConfigLoader.load(SiteFiles.write(dir, "exempt.yaml", text));

        assertEquals(2, site.exemptions().size());
        assertEquals("police", site.exemptions().get(0).labelEn());
        assertTrue(site.exemptions().get(0).matches("京A1234警"));
        assertFalse(site.exemptions().get(1).matches("京A1234警"));
        assertFalse(site.exemptionFor("WJ粤12345").isPresent());
    }

    /** Verifies that an external broker URL is taken as given and a day/night tariff gets both segments. */
    @Test
    void readsExternalBrokerAndDayNightTariff() throws Exception {
        String text = SiteFiles.edit("    laterPeriods: { length: 1h, price: 300 }", """
                    capPer24h: 2000
                    day:
                      from: "08:00"
                      to: "20:00"
                      laterPeriods: { length: 30min, price: 100 }
                    night:
                      laterPeriods: { length: 2h, price: 100 }
                      cap: 400
                """.stripTrailing()) + """
                central:
                  mqttUrl: tcp://broker.example:1883
                  httpPort: 0
                """;

        SiteConfig site = SiteConfigLoader.load(SiteFiles.write(dir, "broker.yaml", text));

        assertFalse(site.central().embeddedBroker());
        assertEquals("tcp://broker.example:1883", site.central().brokerUrl());
        assertEquals(List.of("tcp://broker.example:1883"), site.central().brokerUrls());
        var small = site.tariff().forClass(VehicleClass.SMALL);
        assertEquals(2000, small.capPer24hFen());
        assertEquals(List.of("白天", "夜间"), small.segments().stream().map(s -> s.name()).toList());
        assertNotNull(small.segmentAt(java.time.LocalTime.of(23, 0)));
        assertEquals("夜间", small.segmentAt(java.time.LocalTime.of(7, 59)).name());
        assertEquals("白天", small.segmentAt(java.time.LocalTime.of(8, 0)).name());
    }

    /** Verifies that an imaging camera's region is kept as written, and a camera without one has none (whole frame). */
    @Test
    void imagingCameraRegion() throws Exception {
        String text = SiteFiles.edit("camera:\n        transport: tcp://127.0.0.1:47103",
                "camera:\n        kind: IMAGING\n        imagingSource: dir:/x\n        region: 0.2, 0.35,0.8,1");
        SiteConfig site = SiteConfigLoader.load(SiteFiles.write(dir, "region.yaml", text));
        assertEquals("0.2, 0.35,0.8,1", site.lanes().get(0).devices().camera().region());
        assertNull(site.lanes().get(1).devices().camera().region());
    }
}
