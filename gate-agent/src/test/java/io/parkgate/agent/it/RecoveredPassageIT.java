package io.parkgate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.lane.AlarmKind;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.store.AgentStore;
import io.parkgate.agent.store.AlarmRecord;
import io.parkgate.agent.store.PassageRecord;
import io.parkgate.agent.store.Payment;
import io.parkgate.agent.store.StayRecord;
import io.parkgate.agent.uplink.UplinkConfig;
import io.parkgate.config.Direction;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.testing.Await;
import io.parkgate.testing.MosquittoExtension;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A passage a stop left between its two steps (journalled before OPEN, not yet registered nor reported): the
 * restarted agent registers it with its stay (which the lane's vehicles-inside index is built from) and reports it
 * to central over a real broker.
 */
class RecoveredPassageIT {

    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    @RegisterExtension
    final MosquittoExtension mosquitto = MosquittoExtension.anonymous();

    /** Verifies that the pending passage reaches the register, the open stays and central. */
    @Test
    void passageLeftPendingByAStopIsRegisteredAndReported() throws Exception {
        String url = mosquitto.url();
        try (DeviceEndpoint ioEnd = DeviceEndpoint.tcp(); DeviceEndpoint cameraEnd = DeviceEndpoint.tcp()) {
            Clock clock = Clock.systemUTC();
            SiteConfig site = seededSite(ioEnd, cameraEnd, clock);
            Path data = site.agents().dataDir("lane-1");
            PassageRecord entry = temporaryEntry("粤B7M123", clock);
            try (AgentStore store = AgentStore.openIn(data, "lane-1", clock)) {
                store.journalPassage(entry); // the OPEN went out; the agent stopped before registering it
            }

            List<String> reported = new CopyOnWriteArrayList<>();
            MqttClient central = centralListening(url, reported);
            GateAgent agent = startAgent(site, data, url, clock);
            try (agent; RecordingIoController io = new RecordingIoController(1, ioEnd.in(), ioEnd.out())) {
                io.setInputs(false, false, false, true);
                assertEquals(List.of(entry.eventId()), agent.store().recoveredAtOpen().stream()
                        .map(PassageRecord::eventId).toList());
                assertTrue(agent.store().passage(entry.eventId()).isPresent(), "registered at start");
                assertEquals(List.of(entry.eventId()), agent.store().openStays().stream()
                        .map(StayRecord::entryEventId).toList(), "its stay is open");
                Await.until(PATIENCE, "the recovered entry reported to central",
                        () -> reported.stream().anyMatch(body -> body.contains(entry.eventId())));
                assertTrue(reported.stream().filter(body -> body.contains(entry.eventId())).findFirst().orElseThrow()
                        .contains("ENTRY"), reported.toString());
                assertTrue(io.requests(r -> r.isCoilOn(0)).isEmpty(), "recovery moves no barrier");
            }
            central.disconnect();
            central.close();
        }
    }

    /**
     * Verifies that a passage a stop left registered but not yet in the outbox (killed between the register's commit
     * and the uplink's insert, or the outbox could not be written) still reaches central after the restart.
     */
    @Test
    void passageRegisteredButNotYetReportedIsReportedAfterARestart() throws Exception {
        String url = mosquitto.url();
        try (DeviceEndpoint ioEnd = DeviceEndpoint.tcp(); DeviceEndpoint cameraEnd = DeviceEndpoint.tcp()) {
            Clock clock = Clock.systemUTC();
            SiteConfig site = seededSite(ioEnd, cameraEnd, clock);
            Path data = site.agents().dataDir("lane-1");
            PassageRecord entry = temporaryEntry("粤B7M124", clock);
            try (AgentStore store = AgentStore.openIn(data, "lane-1", clock)) {
                store.journalPassage(entry);
                store.settlePassages(); // registered; the stop came before the uplink's outbox insert
            }

            List<String> reported = new CopyOnWriteArrayList<>();
            MqttClient central = centralListening(url, reported);
            GateAgent agent = startAgent(site, data, url, clock);
            try (agent; RecordingIoController io = new RecordingIoController(1, ioEnd.in(), ioEnd.out())) {
                io.setInputs(false, false, false, true);
                Await.until(PATIENCE, "the registered but unreported entry reported to central",
                        () -> reported.stream().anyMatch(body -> body.contains(entry.eventId())));
                assertTrue(io.requests(r -> r.isCoilOn(0)).isEmpty(), "reporting moves no barrier");
                Await.until(PATIENCE, "the report remembered as made",
                        () -> agent.store().unreportedPassages().isEmpty());
            }
            central.disconnect();
            central.close();
        }
    }

    /**
     * Verifies that an alarm, a held vehicle and a release a stop left recorded in the lane store but not yet in the
     * outbox reach central after the restart, and that an alarm the running lane raises (a forced passage) leaves
     * no note behind once the outbox has it.
     */
    @Test
    void alarmHoldAndReleaseNotYetReportedAreReportedAfterARestart() throws Exception {
        String url = mosquitto.url();
        try (DeviceEndpoint ioEnd = DeviceEndpoint.tcp(); DeviceEndpoint cameraEnd = DeviceEndpoint.tcp()) {
            Clock clock = Clock.systemUTC();
            SiteConfig site = seededSite(ioEnd, cameraEnd, clock);
            Path data = site.agents().dataDir("lane-1");
            Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            AlarmRecord tailgating = new AlarmRecord(UUID.randomUUID().toString(), "lane-1", AlarmKind.TAILGATING,
                    null, "粤B7M125", null, "跟车", at, null);
            LaneEvent alarm = LaneEvent.of(tailgating.alarmId(), "lane-1", EventType.ALARM, at, "粤B7M125",
                    "TAILGATING", "跟车");
            PassageRecord held = new PassageRecord(UUID.randomUUID().toString(), "lane-1", Direction.IN, "粤B7M126",
                    "粤B7M126", null, at.plusMillis(1), null, null, DecisionCode.BLACKLISTED, Verdict.HOLD,
                    "黑名单车辆，请联系班长", MatchKind.EXACT, null, PayerCategory.TEMPORARY, 0, Payment.none(), null, null,
                    null, null);
            LaneEvent exception = new LaneEvent(UUID.randomUUID().toString(), "lane-1", EventType.EXCEPTION,
                    held.entryTime(), held.plate(), held.plateAsRead(), null, null, null, "BLACKLISTED", held.reason(),
                    0L, null, null, null, held.eventId());
            LaneEvent released = new LaneEvent(UUID.randomUUID().toString(), "lane-1", EventType.RELEASED,
                    at.plusMillis(2), "粤B7M127", null, null, null, null, null, null, null, null, null, null,
                    UUID.randomUUID().toString());
            try (AgentStore store = AgentStore.openIn(data, "lane-1", clock)) {
                // Recorded; the stop came before the uplink's outbox insert.
                store.recordAlarm(tailgating, alarm);
                store.recordRefusal(held, exception);
                store.noteUnreported(released);
            }

            List<String> reported = new CopyOnWriteArrayList<>();
            MqttClient central = centralListening(url, reported);
            GateAgent agent = startAgent(site, data, url, clock);
            try (agent; RecordingIoController io = new RecordingIoController(1, ioEnd.in(), ioEnd.out())) {
                io.setInputs(false, false, false, true);
                for (LaneEvent e : List.of(alarm, exception, released)) {
                    Await.until(PATIENCE, e.type() + " recorded before the stop reported to central",
                            () -> reported.stream().anyMatch(body -> body.contains(e.eventId())
                                    && body.contains(e.type().name())));
                }
                Await.until(PATIENCE, "the reports remembered as made",
                        () -> agent.store().unreportedEvents().isEmpty());

                io.setInputs(false, true, false, true); // a vehicle on the safety loop under the closed arm
                Await.until(PATIENCE, "the forced passage reported to central",
                        () -> reported.stream().anyMatch(body -> body.contains("FORCED_PASSAGE")));
                Await.until(PATIENCE, "its report remembered as made",
                        () -> agent.store().unreportedEvents().isEmpty());
                assertTrue(io.requests(r -> r.isCoilOn(0)).isEmpty(), "reporting moves no barrier");
            }
            central.disconnect();
            central.close();
        }
    }

    /** The one-lane site with an I/O controller and a smart camera at these ends, its registry seeded. */
    private SiteConfig seededSite(DeviceEndpoint ioEnd, DeviceEndpoint cameraEnd, Clock clock) throws Exception {
        Path siteFile = LaneRig.writeOneLaneSite(dir, "", "", """
                      io: { transport: "%s", poll: 20ms }
                      camera: { transport: "%s" }
                """.formatted(ioEnd.transportUri(), cameraEnd.transportUri()));
        SiteConfig site = SiteConfigLoader.load(siteFile);
        LaneRig.seed(site, "lane-1", LaneRig.registry(5), clock);
        return site;
    }

    /** A temporary car's entry at lane-1, let in now. */
    private static PassageRecord temporaryEntry(String plate, Clock clock) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new PassageRecord(UUID.randomUUID().toString(), "lane-1", Direction.IN, plate, plate, null, at, null,
                null, DecisionCode.TEMPORARY, Verdict.OPEN, "临时车辆", MatchKind.NONE, null, PayerCategory.TEMPORARY,
                0, Payment.none(), null, null, null, null);
    }

    /** Stands in for central on the broker: every event lane-1 publishes goes into {@code reported}. */
    private static MqttClient centralListening(String url, List<String> reported) throws Exception {
        MqttClient central = new MqttClient(url, "central-testsite", new MemoryPersistence());
        central.connect(new MqttConnectOptions());
        central.subscribe("parkgate/testsite/lane/lane-1/event", 1,
                (t, m) -> reported.add(new String(m.getPayload(), StandardCharsets.UTF_8)));
        return central;
    }

    private static GateAgent startAgent(SiteConfig site, Path data, String url, Clock clock) {
        return GateAgent.start(site, site.lane("lane-1").orElseThrow(), clock, new GateAgent.Options(data,
                UplinkConfig.of(url, "testsite", "lane-1", "lane-1", "pw", "lane-1-secret-0123456789", data)
                        .withTiming(Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofSeconds(1)),
                DeviceMetrics.NOOP, LaneListener.NONE));
    }
}
