package io.parkgate.agent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.agent.app.GateAgent;
import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.device.DeviceMetrics;
import io.parkgate.agent.lane.LaneListener;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.agent.lane.LaneStateMachine.Phase;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.store.AlarmRecord;
import io.parkgate.agent.store.PassageRecord;
import io.parkgate.config.SiteConfig;
import io.parkgate.config.SiteConfigLoader;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.camera.PlateLine;
import io.parkgate.protocol.camera.PlateReport;
import io.parkgate.protocol.card.Em4100;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.protocol.modbus.ModbusRtu;
import io.parkgate.testing.Await;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The five lane failures of issue 12, each replayed against the real gate agent with every device on a
 * pseudo-terminal: a card read carried to the next car, stale visits after a forced passage or a
 * tailgater, OPEN lost while the I/O controller is silent (and a lost reply pulsing twice), CLOSE decided
 * on a stale input reading, and a restart with a car already on the arming loop.
 */
class LaneSafetyIT {

    private static final Duration PATIENCE = Duration.ofSeconds(15);
    private static final String STRANGER = "粤A99999";

    @TempDir
    Path dir;

    private final Clock clock = Clock.system(ZoneId.of("Asia/Shanghai"));
    private final AtomicInteger cardsDelivered = new AtomicInteger();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private GateAgent agent;
    private RecordingIoController io;
    private DeviceEndpoint card;
    private DeviceEndpoint camera;
    private int seq;

    @AfterEach
    void tearDown() throws Exception {
        if (agent != null) {
            agent.close();
        }
        if (io != null) {
            io.close();
        }
        for (AutoCloseable c : closeables) {
            c.close();
        }
    }

    private DeviceEndpoint pty(String name, int baud) throws Exception {
        DeviceEndpoint e = DeviceEndpoint.pty(dir.resolve(name), baud);
        closeables.add(e);
        return e;
    }

    /** Starts the lane; with {@code carOnLoop} the controller already reports a vehicle on the arming loop. */
    private void startLane(boolean withCamera, String window, boolean carOnLoop) throws Exception {
        DeviceEndpoint ioEnd = pty("io", 9600);
        card = pty("card", 9600);
        camera = withCamera ? pty("camera", 115200) : null;
        Path siteFile = LaneRig.writeSite(dir, "lane-1", "IN", ioEnd.transportUri(), card.transportUri(),
                camera == null ? null : camera.transportUri(), window);
        SiteConfig site = SiteConfigLoader.load(siteFile);
        LaneRig.seed(site, "lane-1", LaneRig.registry(20), clock);
        io = new RecordingIoController(1, ioEnd.in(), ioEnd.out());
        if (carOnLoop) {
            io.setInputs(true, false, false, true);
        }
        agent = GateAgent.start(site, site.lane("lane-1").orElseThrow(), clock,
                new GateAgent.Options(site.agents().dataDir("lane-1"), null, new CountingMetrics(),
                        LaneListener.NONE));
        Await.until(PATIENCE, "pulse time written", () -> !io.requests(r -> r.function() == 6).isEmpty());
    }

    /** Counts what the drivers hand to the lane, so a test knows a card has reached it. */
    private final class CountingMetrics implements DeviceMetrics {
        @Override
        public void delivered(LaneDevice device) {
            if (device == LaneDevice.CARD_READER) {
                cardsDelivered.incrementAndGet();
            }
        }
    }

    private LaneSnapshot snapshot() {
        try {
            return agent.runtime().snapshot().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private void inputs(boolean arming, boolean safety, boolean open, boolean closed) {
        io.setInputs(arming, safety, open, closed);
        LaneInputs expected = new LaneInputs(arming, safety, open, closed);
        Await.until(PATIENCE, "agent sees " + expected, () -> snapshot().inputs().equals(expected));
    }

    /** Presents a card and returns once the lane has handled it. */
    private void swipe(String number) throws Exception {
        int before = cardsDelivered.get();
        card.write(Em4100.encode(number));
        Await.until(PATIENCE, "card delivered", () -> cardsDelivered.get() > before);
        snapshot(); // queued behind the card on the lane's thread: the card has been handled
    }

    private void plate(String plate) throws Exception {
        seq++;
        camera.write(PlateLine.encode(new PlateReport(seq, plate == null ? PlateReport.NO_PLATE : plate,
                plate == null ? PlateColour.UNKNOWN : PlateColour.BLUE, plate == null ? 0 : 93,
                clock.millis())));
    }

    private List<RecordingIoController.Request> opens() {
        return io.requests(r -> r.isCoilOn(0));
    }

    private List<PassageRecord> register() {
        return agent.store().passagesBetween(Instant.EPOCH, Instant.now().plusSeconds(3600));
    }

    private List<PassageRecord> holds() {
        return register().stream().filter(r -> r.verdict() == Verdict.HOLD).toList();
    }

    private List<AlarmRecord> alarms(String kind) {
        return agent.store().alarmsBetween(Instant.EPOCH, Instant.now().plusSeconds(3600)).stream()
                .filter(a -> a.kind().name().equals(kind)).toList();
    }

    private void phase(String what, Phase... phases) {
        Await.until(PATIENCE, what, () -> List.of(phases).contains(snapshot().phase()));
    }

    /** The resident's plate opens; he swipes his card anyway; the first of his card reads goes with him. */
    private void residentOpensByPlateThenSwipes() throws Exception {
        inputs(true, false, false, true);
        plate(LaneRig.RESIDENT_PLATE);
        Await.until(PATIENCE, "OPEN for the resident", () -> opens().size() == 1);
        swipe(LaneRig.RESIDENT_CARD);
        inputs(true, false, true, false);   // arm up
        inputs(false, true, true, false);   // the resident crosses
        inputs(true, true, true, false);    // a follower stops on the arming loop behind him
        inputs(true, false, true, false);   // the resident is through; the follower waits
        phase("the follower is being identified", Phase.IDENTIFYING, Phase.WAITING, Phase.AUTHORISED);
    }

    /** Verifies that a card swiped by an already-opened resident is not carried to a plateless follower. */
    @Test
    void cardOfTheCarAheadDoesNotOpenForAPlatelessFollower() throws Exception {
        startLane(true, "2s", false);
        residentOpensByPlateThenSwipes();
        plate(null);
        phase("the follower decided", Phase.WAITING, Phase.AUTHORISED);
        assertEquals(1, opens().size(), "the follower was let in on the resident's card: " + register());
        assertTrue(register().stream().noneMatch(r -> r.code() == DecisionCode.ALREADY_INSIDE), register()
                .toString());
        assertTrue(agent.store().openStays().stream().anyMatch(s -> LaneRig.RESIDENT_PLATE.equals(s.plate())),
                "the resident's stay must stay open");
    }

    /** Verifies that a follower with a readable unknown plate enters as temporary, not as a card mismatch. */
    @Test
    void followerWithUnknownPlateEntersAsTemporary() throws Exception {
        startLane(true, "2s", false);
        residentOpensByPlateThenSwipes();
        plate(STRANGER);
        phase("the follower decided", Phase.WAITING, Phase.AUTHORISED);
        // The register row follows the barrier's answer to OPEN.
        Await.until(PATIENCE, "the follower's register row",
                () -> register().stream().anyMatch(r -> STRANGER.equals(r.plate())));
        PassageRecord follower = register().stream().filter(r -> STRANGER.equals(r.plate())).findFirst()
                .orElseThrow(() -> new AssertionError("no record for the follower: " + register()));
        assertEquals(DecisionCode.TEMPORARY, follower.code(), follower.toString());
        assertEquals(null, follower.card(), "the resident's card went with the follower");
        Await.until(PATIENCE, "OPEN for the follower", () -> opens().size() == 2);
    }

    /** Verifies that after a forced passage the lane is idle at once: no hold for a car that has gone. */
    @Test
    void forcedPassageLeavesNoStaleVisit() throws Exception {
        startLane(false, "1s", false);
        inputs(true, false, false, true);
        inputs(true, true, false, true);    // it pushes through the closed arm
        inputs(false, true, false, true);
        inputs(false, false, false, true);
        Await.until(PATIENCE, "forced passage alarm", () -> !alarms("FORCED_PASSAGE").isEmpty());
        phase("the lane idle again", Phase.IDLE);
        nextResidentIsDecidedAfresh();
    }

    /** Verifies that after a tailgater the lane is idle at once: no hold for a car that has gone. */
    @Test
    void tailgaterLeavesNoStaleVisit() throws Exception {
        startLane(false, "1s", false);
        inputs(true, false, false, true);
        swipe(LaneRig.RESIDENT_CARD);
        Await.until(PATIENCE, "OPEN for the resident", () -> opens().size() == 1);
        inputs(true, false, true, false);
        inputs(false, true, true, false);
        inputs(true, true, true, false);    // a plateless car right behind
        inputs(true, false, true, false);
        inputs(false, true, true, false);   // it crosses under the open arm
        inputs(false, false, true, false);
        Await.until(PATIENCE, "tailgating alarm", () -> !alarms("TAILGATING").isEmpty());
        phase("the lane idle again", Phase.IDLE);
        inputs(false, false, false, true);
        nextResidentIsDecidedAfresh();
    }

    private void nextResidentIsDecidedAfresh() throws Exception {
        Instant arrived = clock.instant();
        int opened = opens().size();
        inputs(true, false, false, true);
        swipe(LaneRig.card(3));
        Await.until(PATIENCE, "OPEN for the next resident", () -> opens().size() > opened);
        assertEquals(List.of(), holds(), "a vehicle was held that had gone");
        Await.until(PATIENCE, "the next resident's register row",
                () -> register().stream().anyMatch(r -> LaneRig.plate(3).equals(r.plate())));
        PassageRecord next = register().stream().filter(r -> LaneRig.plate(3).equals(r.plate())).findFirst()
                .orElseThrow();
        assertFalse(next.entryTime().isBefore(arrived.minusMillis(1)), "decided inside a stale visit: " + next);
    }

    /**
     * Verifies that OPEN sent into a silent controller is sent again, after the pulse time is rewritten, once
     * the controller answers, and that the fault alarm names the vehicle.
     */
    @Test
    void openIsSentAgainWhenTheSilentControllerAnswers() throws Exception {
        startLane(false, "1s", false);
        inputs(true, false, false, true);
        io.setSilent(true);
        swipe(LaneRig.RESIDENT_CARD);
        Await.until(PATIENCE, "device fault alarm", () -> !alarms("DEVICE_FAULT").isEmpty());
        AlarmRecord fault = alarms("DEVICE_FAULT").get(0);
        assertTrue(LaneRig.RESIDENT_PLATE.equals(fault.plate()) || fault.detail().contains(LaneRig.RESIDENT_PLATE),
                "the alarm must say whose OPEN failed: " + fault);
        io.powerCycle();
        int heard = io.requests().size();
        io.setSilent(false);
        Await.until(PATIENCE, "OPEN sent again", () -> io.requests().subList(heard, io.requests().size()).stream()
                .anyMatch(r -> r.isCoilOn(0)));
        List<RecordingIoController.Request> after = io.requests().subList(heard, io.requests().size());
        int register = indexOf(after, r -> r.function() == ModbusRtu.WRITE_SINGLE_REGISTER);
        int open = indexOf(after, r -> r.isCoilOn(0));
        assertTrue(register >= 0 && register < open, "pulse time not rewritten before OPEN");
        assertEquals(30, io.pulseRegister());
    }

    /** Verifies that a controller that was silent (perhaps power-cycled) gets its pulse time written again. */
    @Test
    void pulseTimeIsRewrittenAfterTheControllerWasSilent() throws Exception {
        startLane(false, "1s", false);
        io.setSilent(true);
        int heard = io.requests().size();
        Await.until(PATIENCE, "polls going unanswered", () -> io.requests().size() > heard + 3);
        io.powerCycle();
        io.setSilent(false);
        Await.until(PATIENCE, "pulse time written again", () -> io.pulseRegister() == 30);
    }

    private static int indexOf(List<RecordingIoController.Request> list,
                               java.util.function.Predicate<RecordingIoController.Request> p) {
        for (int i = 0; i < list.size(); i++) {
            if (p.test(list.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Verifies that when the reply to OPEN is lost the barrier is pulsed once, not once per retry. */
    @Test
    void lostReplyToOpenDoesNotPulseTwice() throws Exception {
        startLane(false, "1s", false);
        inputs(true, false, false, true);
        io.dropReplyOnce(r -> r.isCoilOn(0));
        swipe(LaneRig.RESIDENT_CARD);
        Await.until(PATIENCE, "OPEN written", () -> !opens().isEmpty());
        long first = opens().get(0).nanoTime();
        // The master does one transaction at a time: a poll after OPEN means OPEN and its retries are over.
        Await.until(PATIENCE, "polling again", () -> !io.requests(r -> r.function() == 2 && r.nanoTime() > first)
                .isEmpty());
        assertEquals(1, opens().size(), "OPEN pulsed again after a lost reply");
        assertTrue(alarms("DEVICE_FAULT").isEmpty(), "a carried-out OPEN is no fault");
    }

    /** Verifies that CLOSE is not written when a car rolls onto the arming loop just after the last poll. */
    @Test
    void closeIsNotDecidedOnAStaleReading() throws Exception {
        startLane(false, "1s", false);
        inputs(true, false, false, true);
        swipe(LaneRig.RESIDENT_CARD);
        Await.until(PATIENCE, "OPEN", () -> opens().size() == 1);
        inputs(true, false, true, false);
        inputs(false, true, true, false);
        // The next car arrives right after the poll that showed both loops clear.
        io.afterPollShowing(new boolean[] {false, false, true, false}, () -> io.setInputs(true, false, true, false));
        io.setInputs(false, false, true, false);
        Await.until(PATIENCE, "the next car seen", () -> snapshot().inputs().armingLoop()
                && snapshot().phase() == Phase.IDENTIFYING);
        for (RecordingIoController.Request close : io.requests(r -> r.isCoilOn(1))) {
            assertFalse(close.armingLoop() || close.safetyLoop(), "CLOSE written onto a car on a loop");
        }
    }

    /** Verifies that a car already on the loop when the agent starts is not held as plateless unseen. */
    @Test
    void restartWithACarOnTheLoopWaitsForAFreshRead() throws Exception {
        startLane(true, "1s", true);
        Await.until(PATIENCE, "the car on the loop seen", () -> snapshot().inputs().armingLoop());
        Instant arrived = snapshot().visit().arrivedAt();
        Await.until(PATIENCE, "the window over", () -> snapshot().phase() != Phase.IDENTIFYING
                || clock.instant().isAfter(arrived.plusMillis(2500)));
        assertEquals(List.of(), holds(), "held without a read made after the restart");
        plate(LaneRig.RESIDENT_PLATE);     // the camera reads it again
        Await.until(PATIENCE, "OPEN for the resident", () -> opens().size() == 1);
        assertEquals(List.of(), holds());
    }
}
