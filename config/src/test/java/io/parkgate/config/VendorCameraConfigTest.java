package io.parkgate.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The vendor camera kinds and the lane display in the site file. */
// One case per line: a site file and what it must say, read across like a table.
@SuppressWarnings("checkstyle:linelength")
class VendorCameraConfigTest {

    @TempDir
    Path dir;

    /** Verifies that the vendor-camera example loads: kinds, senders, credentials, displays and templates. */
    @Test
    void loadsVendorCameraExample() {
        SiteConfig site = SiteConfigLoader.load(Path.of("examples", "compound-vendor-cameras.yaml"));

        LaneConfig in = site.lane("north-in").orElseThrow();
        assertEquals(CameraKind.ZHENSHI, in.devices().camera().kind());
        assertEquals(List.of("127.0.0.1"), in.devices().camera().frameSenders());
        assertNull(in.devices().camera().transport());
        DisplayConfig d = in.devices().display();
        assertEquals(DisplayConfig.Kind.CAMERA_SERIAL, d.kind());
        assertEquals(300, d.spaces());
        assertEquals("{plate}|{category}|欢迎光临|{passInfo}", d.templates().text("entry"));
        LaneConfig out = site.lane("north-out").orElseThrow();
        assertEquals(CameraKind.HIKVISION, out.devices().camera().kind());
        assertEquals(TransportUri.tcp("127.0.0.1", 47114), out.devices().display().transport());
        assertEquals("{category} {duration} 请缴费{fee} 谢谢", out.devices().display().templates().text("exitPayVoice"));
        assertEquals("{plate} 一路顺风", out.devices().display().templates().text("exitVoice"));
        CameraConfig dahua = site.lane("east-in").orElseThrow().devices().camera();
        assertEquals(CameraKind.DAHUA, dahua.kind());
        assertEquals("parkgate", dahua.username());
        assertEquals("lane-east-in-2026", dahua.password());
        assertFalse(dahua.toString().contains("lane-east-in-2026"), "the password stays out of logs");
        assertNull(site.lane("east-in").orElseThrow().devices().display());
    }

    /** Verifies that each wrong use of the new keys is one exact problem at its key. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            pushed without senders     | camera:\\n        kind: ZHENSHI                                                   | lanes[0].devices.camera.frameSenders | nothing
            pushed with transport      | camera:\\n        kind: HIKVISION\\n        transport: tcp://127.0.0.1:47103\\n        frameSenders: [127.0.0.1] | lanes[0].devices.camera.transport | a transport on a HIKVISION camera
            password without user      | camera:\\n        kind: DAHUA\\n        frameSenders: [127.0.0.1]\\n        password: x | lanes[0].devices.camera.password | one of username and password
            credentials on zhenshi     | camera:\\n        kind: ZHENSHI\\n        frameSenders: [127.0.0.1]\\n        username: x | lanes[0].devices.camera.username | username on a ZHENSHI camera
            camera serial, \
            no zhenshi  | camera:\\n        kind: HIKVISION\\n        frameSenders: [127.0.0.1]\\n      display:\\n        kind: CAMERA_SERIAL | lanes[0].devices.display.kind | CAMERA_SERIAL without a ZHENSHI camera
            unknown placeholder        | camera:\\n        kind: ZHENSHI\\n        frameSenders: [127.0.0.1]\\n      display:\\n        kind: CAMERA_SERIAL\\n        templates: { entry: '{plate} {owner}' } | lanes[0].devices.display.templates.entry | unknown placeholder {owner}
            relay on hikvision         | camera:\\n        kind: HIKVISION\\n        frameSenders: [127.0.0.1]\\n        barrier: CAMERA_RELAY | lanes[0].devices.camera.barrier | CAMERA_RELAY on a HIKVISION camera
            serial display no transport | camera:\\n        kind: ZHENSHI\\n        frameSenders: [127.0.0.1]\\n      display:\\n        kind: SERIAL | lanes[0].devices.display.transport | nothing
            """)
    void refusesWrongUse(String name, String with, String keyPath, String found) throws Exception {
        Path file = SiteFiles.write(dir, "bad.yaml", SiteFiles.edit(
                "camera:\\n        transport: tcp://127.0.0.1:47103", with) + "agents:\n  framePort: 47090\n");

        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals(keyPath, e.problems().get(0).keyPath(), e.getMessage());
        assertTrue(e.problems().get(0).found().contains(found), e.getMessage());
    }

    /** Verifies that a pushing camera needs the agents' frame port. */
    @Test
    void pushedCameraNeedsFramePort() throws Exception {
        Path file = SiteFiles.write(dir, "noport.yaml", SiteFiles.edit(
                "camera:\\n        transport: tcp://127.0.0.1:47103",
                "camera:\\n        kind: ZHENSHI\\n        frameSenders: [127.0.0.1]"));

        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file));

        assertEquals("lanes[0].devices.camera.kind", e.problems().get(0).keyPath(), e.getMessage());
        assertTrue(e.getMessage().contains("agents.framePort"), e.getMessage());
    }

    /** Verifies that entry displays counting against different capacities are refused at the second one. */
    @Test
    void entryDisplaysAgreeOnTheSpaces() {
        String lanes = """
                site: { id: lakeside, name: 湖畔花园停车场 }
                tariff:
                  small:
                    laterPeriods: { length: 1h, price: 300 }
                lanes:
                  - id: north-in
                    name: 北门入口
                    direction: IN
                    post: north
                    devices:
                      io: { transport: "tcp://127.0.0.1:47101" }
                      camera: { transport: "tcp://127.0.0.1:47103" }
                      display: { kind: SERIAL, transport: "tcp://127.0.0.1:47104", spaces: 300 }
                  - id: east-in
                    name: 东门入口
                    direction: IN
                    post: east
                    devices:
                      io: { transport: "tcp://127.0.0.1:47201" }
                      camera: { transport: "tcp://127.0.0.1:47203" }
                      display: { kind: SERIAL, transport: "tcp://127.0.0.1:47204", spaces: %d }
                """;
        assertEquals(300, SiteConfigLoader.parse(lanes.formatted(300), Path.of("same.yaml")).lane("east-in")
                .orElseThrow().devices().display().spaces());

        ConfigException e = assertThrows(ConfigException.class,
                () -> SiteConfigLoader.parse(lanes.formatted(250), Path.of("differ.yaml")));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("lanes[1].devices.display.spaces", e.problems().get(0).keyPath(), e.getMessage());
        assertTrue(e.problems().get(0).found().contains("north-in shows a count of 300"), e.getMessage());
    }
}
