package io.parkgate.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

// One case per line: a site file and what it must say, read across like a table.
@SuppressWarnings("checkstyle:linelength")
class BadSiteFileTest {

    @TempDir
    Path dir;

    /**
     * Verifies that each broken edit of the minimal site file is rejected with exactly one problem naming
     * the file, the key path, the line, what was found and what was expected.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # case                      | replace in MINIMAL                                    | with                                                                   | key path                                  | line | found contains                  | expected contains
            transport without port      | tcp://127.0.0.1:47111                                 | tcp://127.0.0.1                                                        | lanes[1].devices.io.transport             | 23   | 'tcp://127.0.0.1'               | tcp://HOST:PORT
            transport unknown scheme    | tcp://127.0.0.1:47101                                 | udp://127.0.0.1:47101                                                  | lanes[0].devices.io.transport             | 14   | 'udp://127.0.0.1:47101'         | serial:/dev/PORT?baud=N
            serial path not a device    | tcp://127.0.0.1:47112                                 | serial:ttyUSB0                                                         | lanes[1].devices.cardReader.transport     | 25   | 'serial:ttyUSB0'                | not a device path
            unknown key                 | tcp://127.0.0.1:47101                                 | tcp://127.0.0.1:47101\\n        baudrate: 9600                        | lanes[0].devices.io.baudrate              | 15   | unknown key                     | transport, address
            duplicated key              | name: 大门入口                                         | name: 大门入口\\n    name: 正门入口                                      | lanes[0].name                             | 10   | second time (first on line 9)   | each key once
            missing key                 | '    direction: IN\\n'                                | ''                                                                     | lanes[0].direction                        | 8    | nothing                         | one of IN, OUT
            wrong enum                  | direction: OUT                                        | direction: EXIT                                                        | lanes[1].direction                        | 19   | 'EXIT'                          | one of IN, OUT
            lane id unusable in topics  | id: gate-in                                           | id: Gate_In                                                            | lanes[0].id                               | 8    | 'Gate_In'                       | a-z, 0-9 and '-'
            duplicate lane id           | id: gate-out                                          | id: gate-in                                                            | lanes[1].id                               | 17   | second time (first at lanes[0].id, line 8) | a lane id used once
            shared tcp endpoint         | tcp://127.0.0.1:47113                                 | tcp://127.0.0.1:47101                                                  | lanes[1].devices.camera.transport         | 27   | already used by lanes[0].devices.io.transport (line 14) | its own serial port or TCP endpoint
            address above 247           | tcp://127.0.0.1:47101                                 | tcp://127.0.0.1:47101\\n        address: 248                          | lanes[0].devices.io.address               | 15   | '248'                           | 1..247
            address zero                | tcp://127.0.0.1:47101                                 | tcp://127.0.0.1:47101\\n        address: 0                            | lanes[0].devices.io.address               | 15   | '0'                             | 1..247
            pulse not in 10 ms steps    | tcp://127.0.0.1:47101                                 | tcp://127.0.0.1:47101\\n        pulse: 305ms                          | lanes[0].devices.io.pulse                 | 15   | '305ms'                         | multiple of 10ms
            pulse too long              | tcp://127.0.0.1:47101                                 | tcp://127.0.0.1:47101\\n        pulse: 6s                             | lanes[0].devices.io.pulse                 | 15   | '6s'                            | between 10ms and 5s
            duration without unit       | tcp://127.0.0.1:47101                                 | tcp://127.0.0.1:47101\\n        poll: 50                              | lanes[0].devices.io.poll                  | 15   | '50'                            | 50ms, 3s, 15min
            retries above 10            | tcp://127.0.0.1:47101                                 | tcp://127.0.0.1:47101\\n        retries: 11                           | lanes[0].devices.io.retries               | 15   | '11'                            | 0..10
            imaging camera no source    | camera:\\n        transport: tcp://127.0.0.1:47103    | camera:\\n        kind: IMAGING                                        | lanes[0].devices.camera.imagingSource     | 16   | nothing                         | dir:/path
            imaging camera bad source   | camera:\\n        transport: tcp://127.0.0.1:47103    | camera:\\n        kind: IMAGING\\n        imagingSource: ftp://x      | lanes[0].devices.camera.imagingSource     | 17   | 'ftp://x'                       | rtsp://host/stream
            imaging camera with stream  | camera:\\n        transport: tcp://127.0.0.1:47103    | camera:\\n        kind: IMAGING\\n        imagingSource: dir:/x\\n        transport: tcp://127.0.0.1:47103 | lanes[0].devices.camera.transport | 18 | transport on an IMAGING camera | no transport
            http frames without port    | camera:\\n        transport: tcp://127.0.0.1:47103    | camera:\\n        kind: IMAGING\\n        imagingSource: http\\n        frameSenders: [10.0.3.21] | lanes[0].devices.camera.imagingSource | 17 | agents.framePort is 0 | agents.framePort set
            frame senders on a dir      | camera:\\n        transport: tcp://127.0.0.1:47103    | camera:\\n        kind: IMAGING\\n        imagingSource: dir:/x\\n        frameSenders: [10.0.3.21] | lanes[0].devices.camera.frameSenders | 18 | frameSenders on a camera that does not POST | no frameSenders
            region out of order         | camera:\\n        transport: tcp://127.0.0.1:47103    | camera:\\n        kind: IMAGING\\n        imagingSource: dir:/x\\n        region: 0.5,0,0.4,1 | lanes[0].devices.camera.region | 18 | '0.5,0,0.4,1' | left < right
            region not fractions        | camera:\\n        transport: tcp://127.0.0.1:47103    | camera:\\n        kind: IMAGING\\n        imagingSource: dir:/x\\n        region: 0,0,640,480 | lanes[0].devices.camera.region | 18 | '0,0,640,480' | fractions 0..1
            region on a smart camera    | transport: tcp://127.0.0.1:47103                      | transport: tcp://127.0.0.1:47103\\n        region: 0,0,1,1         | lanes[0].devices.camera.region | 17 | region on a SMART camera | kind: IMAGING
            smart camera no transport   | camera:\\n        transport: tcp://127.0.0.1:47103    | camera:\\n        minConfidence: 90                                    | lanes[0].devices.camera.transport         | 16   | nothing                         | tcp://HOST:PORT
            neither camera nor card     | '      camera:\\n        transport: tcp://127.0.0.1:47103\\n' | ''                                                      | lanes[0].devices.camera                   | 13   | neither a camera nor a cardReader | a plate camera, a card reader, or both
            confidence above 100        | tcp://127.0.0.1:47103                                 | tcp://127.0.0.1:47103\\n        minConfidence: 101                    | lanes[0].devices.camera.minConfidence     | 17   | '101'                           | 0..100
            card repeat window          | tcp://127.0.0.1:47112                                 | tcp://127.0.0.1:47112\\n        repeatWindow: 2 s                     | lanes[1].devices.cardReader.repeatWindow  | 26   | '2 s'                           | a duration like
            period of zero length       | length: 1h, price: 300                                | length: 0min, \
            price: 300                                               | tariff.small.laterPeriods.length          | 6    | '0min'                          | between 1min and 1d
            period of seconds           | length: 1h, price: 300                                | length: 90s, \
            price: 300                                                | tariff.small.laterPeriods.length          | 6    | '1min30s'                       | whole minutes
            negative price              | length: 1h, price: 300                                | length: 1h, \
            price: -5                                                  | tariff.small.laterPeriods.price           | 6    | '-5'                            | amount in fen
            price in yuan with decimals | length: 1h, price: 300                                | length: 1h, \
            price: 3.5                                                 | tariff.small.laterPeriods.price           | 6    | '3.5'                           | whole number
            no periods                  | laterPeriods: { length: 1h, \
            price: 300 }              | freeTime: 10min                                                        | tariff.small.laterPeriods                 | 6    | nothing                         | {length: 1h, price: 300}
            money bound too high        | 'lanes:'                                              | '  maxAmountFen: 2000000000\nlanes:'                                 | tariff.maxAmountFen                       | 7    | '2000000000'                    | 100..1000000000
            money bound in yuan         | 'lanes:'                                              | '  maxAmountFen: 1000.5\nlanes:'                                     | tariff.maxAmountFen                       | 7    | '1000.5'                        | in fen
            day without night           | laterPeriods: { length: 1h, \
            price: 300 }              | day: { from: "07:00", to: "19:00", \
            flat: 500 }                         | tariff.small.night                        | 6    | only day                        | both day (with from and to) and night
            bad time of day             | laterPeriods: { length: 1h, price: 300 }              | day: { from: 7am, \
            to: "19:00", \
            flat: 500 }\\n    night: { flat: 900 } | tariff.small.day.from                     | 6    | '7am'                           | HH:mm
            day ending as it starts     | laterPeriods: { length: 1h, \
            price: 300 }              | day: { from: "07:00", to: "07:00", \
            flat: 500 }\\n    night: { flat: 900 } | tariff.small.day.to                   | 6    | same time as from               | ending at another time
            day crossing midnight       | laterPeriods: { length: 1h, price: 300 }              | day: { from: "19:00", to: "07:00", flat: 500 }\\n    night: { flat: 900 } | tariff.small.day.from                 | 6    | after to                        | from before to
            flat and periods together   | laterPeriods: { length: 1h, \
            price: 300 }              | laterPeriods: { length: 1h, \
            price: 300 }\\n    flat: 500                | tariff.small.flat                         | 7    | flat next to                    | either flat or periods
            bad time zone               | name: 测试停车场                                        | name: 测试停车场\\n  timeZone: Mars/Olympus                               | site.timeZone                             | 4    | 'Mars/Olympus'                  | Asia/Shanghai
            unknown section             | lanes:                                                | extras: 1\\nlanes:                                                     | extras                                    | 7    | unknown key                     | one of site, central
            missing tariff              | tariff:\\n  small:\\n    laterPeriods: { length: 1h, \
            price: 300 }\\n | ''                                                 | tariff                                    | 1    | nothing                         | small
            site not a mapping          | site:\\n  id: test-site\\n  name: 测试停车场          | site: test-site                                                        | site                                      | 1    | 'test-site'                     | a mapping with id and name
            not YAML                    | name: 大门入口                                         | name: 大门入口: x                                                       | (top level)                               | 9    | invalid YAML                    | well-formed YAML
            flat fee missing            | post: gate\\n    devices:\\n      io:\\n        transport: tcp://127.0.0.1:47111 | post: gate\\n    rules: { noEntryRecord: CHARGE_FLAT }\\n    devices:\\n      io:\\n        transport: tcp://127.0.0.1:47111 | lanes[1].rules.noEntryRecord | 21 | CHARGE_FLAT with a flat fee of 0 | flatFeeNoEntryRecord
            rules unknown policy        | post: gate\\n    devices:\\n      io:\\n        transport: tcp://127.0.0.1:47111 | post: gate\\n    rules: { matchPolicy: LOOSE }\\n    devices:\\n      io:\\n        transport: tcp://127.0.0.1:47111 | lanes[1].rules.matchPolicy | 21 | 'LOOSE' | EXACT, FUZZY_SINGLE, ATTENDANT_CONFIRMS
            broker port out of range    | 'lanes:'                                              | 'central:\\n  mqttUrl: tcp://10.0.0.2:99999\\nlanes:'                 | central.mqttUrl                           | 8    | 'tcp://10.0.0.2:99999'          | a port 1..65535
            broker port 0 in a list     | 'lanes:'                                              | 'central:\\n  mqttUrl: [tcp://10.0.0.2:1883, tcp://10.0.0.3:0]\\nlanes:' | central.mqttUrl[1]                    | 8    | 'tcp://10.0.0.3:0'              | a port 1..65535
            database port out of range  | 'lanes:'                                              | 'central:\\n  database: { url: "jdbc:postgresql://db:70000/pg", user: pg }\\nlanes:' | central.database.url       | 8    | 'jdbc:postgresql://db:70000/pg' | a port 1..65535
            central host with a port    | 'lanes:'                                              | 'central:\\n  host: 10.0.0.2:8080\\nlanes:'                           | central.host                              | 8    | '10.0.0.2:8080'                 | without a port
            data directory in a home   | 'lanes:'                                              | 'agents:\\n  dataDir: ~/parkgate\\nlanes:'                              | agents.dataDir                            | 8    | '~/parkgate'                    | a path without '~'
            central host a wildcard     | 'lanes:'                                              | 'central:\\n  host: 0.0.0.0\\nlanes:'                                 | central.host                              | 8    | '0.0.0.0'                       | the address agents reach central at
            tcp transport with a query  | tcp://127.0.0.1:47101                                 | tcp://127.0.0.1:47101?baud=9600                                        | lanes[0].devices.io.transport             | 14   | 'tcp://127.0.0.1:47101?baud=9600' | more than a host and a port
            tcp transport with a user   | tcp://127.0.0.1:47112                                 | tcp://admin@127.0.0.1:47112                                            | lanes[1].devices.cardReader.transport     | 25   | 'tcp://admin@127.0.0.1:47112'   | more than a host and a port
            template with a stray brace | transport: tcp://127.0.0.1:47113                      | transport: tcp://127.0.0.1:47113\\n      display: { kind: SERIAL, transport: "tcp://127.0.0.1:47114", templates: { exit: "{plate 一路顺风" } } | lanes[1].devices.display.templates.exit | 28 | '{plate 一路顺风' | placeholders among
            price above maxAmountFen    | 'lanes:'                                              | '  maxAmountFen: 200\\nlanes:'                                       | tariff.small.laterPeriods.price           | 6    | '300'                           | 0..200 (tariff.maxAmountFen)
            cap above maxAmountFen      | '  small:'                                            | '  maxAmountFen: 1000\\n  small:\\n    capPer24h: 3000'                | tariff.small.capPer24h                    | 7    | '3000'                          | 0..1000 (tariff.maxAmountFen)
            flat fee above maxAmountFen | 'lanes:'                                              | '  maxAmountFen: 1000\\nrules: { noEntryRecord: CHARGE_FLAT, flatFeeNoEntryRecord: 2000 }\\nlanes:' | rules.flatFeeNoEntryRecord | 8 | '2000' | 0..1000 (tariff.maxAmountFen)
            """)
    void rejectsWithOneExactProblem(String name, String replace, String with, String keyPath, int line,
                                    String found, String expected) throws Exception {
        Path file = SiteFiles.write(dir, "bad.yaml", SiteFiles.edit(replace, with));

        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file));

        assertEquals(1, e.problems().size(), e.getMessage());
        ConfigProblem p = e.problems().get(0);
        String message = e.getMessage();
        assertAll(
                () -> assertEquals(file.toString(), p.file(), message),
                () -> assertEquals(keyPath.equals("(top level)") ? "" : keyPath, p.keyPath(), message),
                () -> assertEquals(line, p.line(), message),
                () -> assertTrue(p.found().contains(found), "found: " + message),
                () -> assertTrue(p.expected().contains(expected), "expected: " + message),
                () -> assertTrue(message.contains(file + ":" + line + ": " + keyPath + ": found "), message));
    }

    /** Verifies that a camera taking POSTed frames must name who may send them, as IP literals. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            http frames from anyone     | camera:\\n        transport: tcp://127.0.0.1:47103    | camera:\\n        kind: IMAGING\\n        imagingSource: http             | lanes[0].devices.camera.frameSenders      | 16   | nothing                         | IP addresses or CIDR blocks
            frame sender a host name    | camera:\\n        transport: tcp://127.0.0.1:47103    | camera:\\n        kind: IMAGING\\n        imagingSource: http\\n        frameSenders: [10.0.3.21, cam-east.local] | lanes[0].devices.camera.frameSenders[1] | 18 | not an IPv4 or IPv6 address | 10.0.3.0/24
            frame sender bad prefix     | camera:\\n        transport: tcp://127.0.0.1:47103    | camera:\\n        kind: IMAGING\\n        imagingSource: http\\n        frameSenders: [10.0.3.0/33] | lanes[0].devices.camera.frameSenders[0] | 18 | prefix length must be 0..32 | 10.0.3.21
            """)
    void httpCameraNamesItsFrameSenders(String name, String replace, String with, String keyPath, int line,
                                        String found, String expected) throws Exception {
        Path file = SiteFiles.write(dir, "senders.yaml", SiteFiles.edit(replace, with)
                + "agents:\n  framePort: 47090\n");

        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file));

        assertEquals(1, e.problems().size(), e.getMessage());
        ConfigProblem p = e.problems().get(0);
        assertEquals(keyPath, p.keyPath(), e.getMessage());
        assertEquals(line, p.line(), e.getMessage());
        assertTrue(p.found().contains(found), e.getMessage());
        assertTrue(p.expected().contains(expected), e.getMessage());
    }

    /** Verifies that two lanes watching one camera stream are refused: each would act on the other's vehicles. */
    @Test
    void twoLanesOnOneCameraStreamAreRefused() throws Exception {
        String camera = "camera:\n        kind: IMAGING\n        imagingSource: rtsp://10.0.3.21/stream1";
        String text = SiteFiles.edit("camera:\n        transport: tcp://127.0.0.1:47103", camera)
                .replace("camera:\n        transport: tcp://127.0.0.1:47113", camera);
        Path file = SiteFiles.write(dir, "one-stream.yaml", text);

        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file));

        assertEquals(1, e.problems().size(), e.getMessage());
        ConfigProblem p = e.problems().get(0);
        assertEquals("lanes[1].devices.camera.imagingSource", p.keyPath(), e.getMessage());
        assertEquals(29, p.line(), e.getMessage());
        assertTrue(p.found().contains("already used by lanes[0].devices.camera.imagingSource (line 17)"),
                e.getMessage());
    }

    /**
     * Verifies that an exemption pattern matching every plate (empty, or matching the empty text) is refused:
     * every vehicle would leave free as policy-exempt.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            ""
            .*
            "京|"
            """)
    void exemptionPatternMatchingEveryPlateIsRefused(String pattern) throws Exception {
        Path file = SiteFiles.write(dir, "exempt-all.yaml", SiteFiles.MINIMAL + """
                exemptions:
                  - code: POLICE
                    label: 警车
                    platePatterns: ['警$', '%s']
                """.formatted(pattern == null ? "" : pattern));

        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("exemptions[0].platePatterns[1]", e.problems().get(0).keyPath(), e.getMessage());
        assertEquals(31, e.problems().get(0).line(), e.getMessage());
        assertTrue(e.problems().get(0).found().contains("matches every plate"), e.getMessage());
    }

    /** Verifies that a misspelt key is reported as unknown with the likely key, besides the key it lacks. */
    @Test
    void misspeltKeySuggestsTheRightOne() throws Exception {
        Path file = SiteFiles.write(dir, "typo.yaml",
                SiteFiles.edit("transport: tcp://127.0.0.1:47113", "trasnport: tcp://127.0.0.1:47113"));

        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file));

        assertEquals(2, e.problems().size(), e.getMessage());
        ConfigProblem unknown = e.problems().stream()
                .filter(p -> p.keyPath().equals("lanes[1].devices.camera.trasnport")).findFirst().orElseThrow();
        assertEquals(27, unknown.line());
        assertTrue(unknown.expected().startsWith("'transport' (did you mean it?)"), unknown.expected());
    }

    /** Verifies that every problem of a file is reported at once, in line order, without a stack trace. */
    @Test
    void collectsAllProblemsInOneMessage() throws Exception {
        String text = SiteFiles.MINIMAL
                .replace("id: test-site", "id: Test Site")
                .replace("price: 300", "price: lots")
                .replace("direction: OUT", "direction: SIDEWAYS")
                .replace("tcp://127.0.0.1:47113", "tcp://127.0.0.1:47101");
        Path file = SiteFiles.write(dir, "many.yaml", text);

        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file));

        assertEquals(4, e.problems().size(), e.getMessage());
        assertEquals(java.util.List.of(2, 6, 19, 27), e.problems().stream().map(ConfigProblem::line).toList());
        String[] lines = e.getMessage().split("\n");
        assertEquals(file + ": 4 configuration errors", lines[0]);
        assertTrue(lines[1].startsWith("  " + file + ":2: site.id: found 'Test Site', expected "), lines[1]);
        assertEquals(0, e.getStackTrace().length, "a ConfigException carries no stack trace");
        assertFalse(e.getMessage().contains("Exception"));
    }

    /** Verifies that a missing file is a ConfigException naming the file, not an IOException. */
    @Test
    void missingFileIsReported() {
        Path file = dir.resolve("nowhere.yaml");

        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file));

        assertEquals(file + ": 1 configuration error\n  " + file + ": (top level): found no such file, "
                + "expected a readable YAML site file", e.getMessage());
    }

    /** Verifies that an empty file and a file holding a bare word are each reported once. */
    @Test
    void emptyOrScalarFilesAreReported() throws Exception {
        ConfigException empty = assertThrows(ConfigException.class,
                () -> SiteConfigLoader.load(SiteFiles.write(dir, "empty.yaml", "# nothing yet\n")));
        ConfigException word = assertThrows(ConfigException.class,
                () -> SiteConfigLoader.load(SiteFiles.write(dir, "word.yaml", "hello\n")));

        assertEquals("an empty file", empty.problems().get(0).found());
        assertEquals(1, word.problems().size(), word.getMessage());
        assertEquals("'hello'", word.problems().get(0).found());
        assertEquals(1, word.problems().get(0).line());
    }

    /** Verifies that bytes which are not UTF-8 are reported as such. */
    @Test
    void nonUtf8IsReported() throws Exception {
        Path file = dir.resolve("gbk.yaml");
        java.nio.file.Files.write(file, "site:\n  name: 测试\n".getBytes(java.nio.charset.Charset.forName("GBK")));

        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file));

        assertEquals("bytes that are not UTF-8", e.problems().get(0).found());
    }

    /** Verifies that a bad exemption pattern and a repeated exemption code are both reported. */
    @Test
    void badExemptionsAreReported() throws Exception {
        String text = SiteFiles.MINIMAL + """
                exemptions:
                  - code: POLICE
                    label: 警车
                    platePatterns: ['警$', '[unclosed']
                  - code: POLICE
                    label: 警车二
                """;
        Path file = SiteFiles.write(dir, "exempt.yaml", text);

        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file));

        assertEquals(2, e.problems().size(), e.getMessage());
        assertEquals("exemptions[0].platePatterns[1]", e.problems().get(0).keyPath());
        assertEquals(31, e.problems().get(0).line());
        assertEquals("exemptions[1].code", e.problems().get(1).keyPath());
        assertTrue(e.problems().get(1).expected().contains("each exemption code once"));
    }

    /** Verifies that a broker URL and an embedded broker port together are refused. */
    @Test
    void brokerUrlAndPortTogetherAreRefused() throws Exception {
        String text = SiteFiles.MINIMAL + """
                central:
                  mqttUrl: tcp://10.0.0.2:1883
                  mqttPort: 1884
                """;
        Path file = SiteFiles.write(dir, "central.yaml", text);

        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(file));

        assertEquals(1, e.problems().size(), e.getMessage());
        assertEquals("central.mqttPort", e.problems().get(0).keyPath());
        assertEquals(30, e.problems().get(0).line());
    }

    /**
     * Verifies that a list of broker URLs is read in order, and that an empty list, a repeated URL, a bad element
     * and a list mixing tcp:// and ssl:// are refused naming the key, the element and its line.
     */
    @Test
    void brokerUrlListIsReadAndBadListsAreRefused() throws Exception {
        SiteConfig site = SiteConfigLoader.load(SiteFiles.write(dir, "two.yaml", SiteFiles.MINIMAL + """
                central:
                  mqttUrl:
                    - tcp://10.0.0.2:1883
                    - tcp://10.0.0.3:1883
                """));
        assertEquals(java.util.List.of("tcp://10.0.0.2:1883", "tcp://10.0.0.3:1883"), site.central().brokerUrls());
        assertFalse(site.central().embeddedBroker());

        ConfigException empty = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(
                SiteFiles.write(dir, "empty.yaml", SiteFiles.MINIMAL + "central:\n  mqttUrl: []\n")));
        assertEquals("central.mqttUrl", empty.problems().get(0).keyPath(), empty.getMessage());
        assertEquals(29, empty.problems().get(0).line());

        ConfigException bad = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(
                SiteFiles.write(dir, "bad.yaml", SiteFiles.MINIMAL + """
                        central:
                          mqttUrl:
                            - tcp://10.0.0.2:1883
                            - http://10.0.0.3
                            - tcp://10.0.0.2:1883
                        """)));
        assertEquals(2, bad.problems().size(), bad.getMessage());
        assertEquals("central.mqttUrl[1]", bad.problems().get(0).keyPath());
        assertEquals(31, bad.problems().get(0).line());
        assertEquals("central.mqttUrl[2]", bad.problems().get(1).keyPath());
        assertTrue(bad.problems().get(1).expected().contains("each broker once"), bad.getMessage());

        ConfigException mixed = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(
                SiteFiles.write(dir, "mixed.yaml", SiteFiles.MINIMAL + """
                        central:
                          mqttUrl: [ "ssl://10.0.0.2:8883", "tcp://10.0.0.3:1883" ]
                        """)));
        assertEquals("central.mqttUrl", mixed.problems().get(0).keyPath(), mixed.getMessage());
        assertEquals(29, mixed.problems().get(0).line());
    }

    /**
     * Verifies that central's PostgreSQL settings are read from the site file, and that a password there, a URL
     * that is not PostgreSQL's or a missing user are refused naming the key and its line.
     */
    @Test
    void centralDatabaseIsReadAndItsPasswordIsRefused() throws Exception {
        Path good = SiteFiles.write(dir, "pg.yaml", SiteFiles.MINIMAL + """
                central:
                  database:
                    url: jdbc:postgresql://db.example:5432/parkgate
                    user: parkgate
                """);
        CentralDatabase db = SiteConfigLoader.load(good).central().database();
        assertEquals(new CentralDatabase("jdbc:postgresql://db.example:5432/parkgate", "parkgate"), db);

        Path bad = SiteFiles.write(dir, "pg-bad.yaml", SiteFiles.MINIMAL + """
                central:
                  database:
                    url: jdbc:mysql://db.example/parkgate
                    password: hunter2-hunter2
                """);
        ConfigException e = assertThrows(ConfigException.class, () -> SiteConfigLoader.load(bad));
        assertEquals(3, e.problems().size(), e.getMessage());
        assertAll(
                () -> assertEquals("central.database.url", e.problems().get(0).keyPath()),
                () -> assertEquals(30, e.problems().get(0).line()),
                () -> assertEquals("central.database.user", e.problems().get(1).keyPath()),
                () -> assertEquals("central.database.password", e.problems().get(2).keyPath()),
                () -> assertEquals(31, e.problems().get(2).line()),
                () -> assertTrue(e.problems().get(2).expected().contains(CentralDatabase.PASSWORD_KEY)),
                () -> assertFalse(e.getMessage().contains("hunter2"), "the password is not repeated: "
                        + e.getMessage()),
                () -> assertTrue(e.getMessage().contains("pg-bad.yaml"), e.getMessage()));
        assertEquals(null, SiteConfigLoader.load(SiteFiles.write(dir, "plain.yaml", SiteFiles.MINIMAL)).central()
                .database(), "no database section: central's SQLite file");
    }
}
