package io.parkgate.simulator.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.config.Direction;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.io.LaneIoRegisters;
import io.parkgate.simulator.device.BarrierArm;
import io.parkgate.simulator.device.CardReaderSim;
import io.parkgate.simulator.device.IoControllerSim;
import io.parkgate.simulator.device.JournalEntry;
import io.parkgate.simulator.device.SafetyViolation;
import io.parkgate.simulator.device.SmartCameraSim;
import io.parkgate.simulator.report.SimEvent;
import io.parkgate.simulator.testutil.SimFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lane's vehicles against a stand-in agent that opens on a card and closes when both loops are
 * free, all in simulated time.
 */
class SimulatedLaneTest {

    private final SimFixture sim = new SimFixture();
    private final List<byte[]> cardBytes = new ArrayList<>();
    private IoControllerSim io;
    private SimulatedLane lane;
    private boolean agentOpensOnCard = true;

    @BeforeEach
    void build() {
        io = new IoControllerSim("east-in", 1, Duration.ofSeconds(2), sim.scheduler, sim.events);
        CardReaderSim reader = new CardReaderSim("east-in", cardBytes::add, sim.scheduler, sim.events, new Random(1));
        SmartCameraSim camera = new SmartCameraSim("east-in", b -> { }, sim.scheduler, sim.events, new Random(2), 0);
        lane = new SimulatedLane("east-in", Direction.IN, io, reader, camera, sim.scheduler, sim.events,
                new Random(3), LaneTiming.realistic());
        sim.events.subscribe(e -> {
            if (e.type() == SimEvent.Type.CARD_SENT && agentOpensOnCard) {
                sim.scheduler.schedule(Duration.ofMillis(50), () -> io.writeCoil(LaneIoRegisters.COIL_OPEN, true));
            }
            if (e.type() == SimEvent.Type.SAFETY_OFF) {
                sim.scheduler.schedule(Duration.ofMillis(100), () -> {
                    if (!io.inputs().vehicleUnderOrBefore()) {
                        io.writeCoil(LaneIoRegisters.COIL_CLOSE, true);
                    }
                });
            }
        });
    }

    private static SimulatedVehicle car(String plate, String card, Behaviour b) {
        return new SimulatedVehicle("v-" + plate, plate, PlateColour.BLUE, card, b, Duration.ofSeconds(60));
    }

    /** Verifies a normal passage: card shown, arm fully up before the vehicle moves, loops in order, arm closed after.
     * */
    @Test
    void normalVehiclePasses() {
        lane.arrive(car("粤B12345", "0E00A35C21", Behaviour.NORMAL), new Expectation(Expectation.Outcome.OPENS,
                Duration.ofSeconds(8)));
        sim.scheduler.advanceBy(Duration.ofSeconds(30));
        List<Passage> passages = lane.passages();
        assertEquals(1, passages.size());
        Passage p = passages.get(0);
        assertEquals(Passage.Outcome.PASSED, p.outcome());
        assertNotNull(p.armOpenAt());
        assertTrue(p.crossedAt().isAfter(p.armOpenAt()), "waited for the arm to be fully up");
        assertTrue(p.waitForArm().compareTo(Duration.ofSeconds(2)) >= 0, "arm travel is 2 s");
        Duration onSafety = Duration.between(p.crossedAt(), p.goneAt());
        assertTrue(onSafety.compareTo(Duration.ofSeconds(1)) >= 0 && onSafety.compareTo(Duration.ofSeconds(2)) <= 0,
                "1-2 s on the safety loop, was " + onSafety);
        assertTrue(io.violations().isEmpty(), io.violations().toString());
        assertEquals(BarrierArm.State.CLOSED, io.armState());
        assertTrue(cardBytes.size() >= 3, "card repeated while held");
        assertEquals(1, sim.events.ofType(SimEvent.Type.EXPECTATION_MET).size());
        List<SimEvent.Type> order = sim.events.all().stream().map(SimEvent::type)
                .filter(t -> t == SimEvent.Type.ARMING_ON || t == SimEvent.Type.ARM_OPEN
                        || t == SimEvent.Type.ARMING_OFF || t == SimEvent.Type.SAFETY_ON
                        || t == SimEvent.Type.SAFETY_OFF || t == SimEvent.Type.ARM_CLOSED).toList();
        // a car spans both loops for a moment: safety on before arming off
        assertEquals(List.of(SimEvent.Type.ARMING_ON, SimEvent.Type.ARM_OPEN, SimEvent.Type.SAFETY_ON,
                SimEvent.Type.ARMING_OFF, SimEvent.Type.SAFETY_OFF, SimEvent.Type.ARM_CLOSED), order);
        assertTrue(!lane.busy(), "idle again");
    }

    /** Verifies that a vehicle ramming the closed barrier is flagged as a forced passage. */
    @Test
    void forcedVehicleIsFlagged() {
        agentOpensOnCard = false;
        lane.arrive(car("粤B66666", null, Behaviour.FORCE), new Expectation(Expectation.Outcome.HELD,
                Duration.ofSeconds(2)));
        sim.scheduler.advanceBy(Duration.ofSeconds(30));
        Passage p = lane.passages().get(0);
        assertEquals(Passage.Outcome.FORCED, p.outcome());
        assertNull(p.armOpenAt());
        assertEquals(List.of(SafetyViolation.Kind.FORCED_PASSAGE),
                io.violations().stream().map(SafetyViolation::kind).toList());
        assertEquals(1, sim.events.ofType(SimEvent.Type.EXPECTATION_MET).size());
    }

    /** Verifies that a held vehicle waits out its patience and backs away, the barrier never moving. */
    @Test
    void heldVehicleGivesUp() {
        agentOpensOnCard = false;
        lane.arrive(new SimulatedVehicle("v1", "粤B77777", PlateColour.BLUE, "0E00A35C21", Behaviour.NORMAL,
                Duration.ofSeconds(45)), new Expectation(Expectation.Outcome.OPENS, Duration.ofSeconds(5)));
        sim.scheduler.advanceBy(Duration.ofSeconds(44));
        assertTrue(lane.busy());
        sim.scheduler.advanceBy(Duration.ofSeconds(2));
        Passage p = lane.passages().get(0);
        assertEquals(Passage.Outcome.GAVE_UP, p.outcome());
        assertNull(p.crossedAt());
        assertEquals(1, sim.events.ofType(SimEvent.Type.EXPECTATION_FAILED).size());
        assertTrue(io.violations().isEmpty());
        assertTrue(lane.busy(), "busy until the agent has polled the empty loop: no idle skip hides the car leaving");
        io.discreteInput(0); // the agent's next poll
        assertTrue(!lane.busy());
    }

    /** Verifies that a tailgater crosses under the same opening and is flagged. */
    @Test
    void tailgaterIsFlagged() {
        lane.arrive(car("粤B11111", "0E00A35C21", Behaviour.NORMAL), null);
        lane.arrive(car("粤B22222", null, Behaviour.TAILGATE), null);
        sim.scheduler.advanceBy(Duration.ofSeconds(40));
        List<Passage> passages = lane.passages();
        assertEquals(List.of(Passage.Outcome.PASSED, Passage.Outcome.TAILGATED),
                passages.stream().map(Passage::outcome).toList());
        assertTrue(io.violations().stream().anyMatch(v -> v.kind() == SafetyViolation.Kind.TAILGATING),
                io.violations().toString());
        assertTrue(io.violations().stream().noneMatch(v -> v.kind() == SafetyViolation.Kind.CLOSE_WHILE_OCCUPIED),
                "the stand-in agent never closed over the tailgater");
    }

    /** Verifies that queued vehicles move up one at a time, each waiting for its own OPEN. */
    @Test
    void queueMovesUpOneAtATime() {
        for (int i = 0; i < 3; i++) {
            lane.arrive(car("粤B1000" + i, "0E00A35C2" + i, Behaviour.NORMAL), null);
        }
        assertEquals(3, lane.queueLength());
        sim.scheduler.advanceBy(Duration.ofMinutes(2));
        List<Passage> passages = lane.passages();
        assertEquals(3, passages.size());
        for (int i = 1; i < 3; i++) {
            assertTrue(passages.get(i).onLoopAt().isAfter(passages.get(i - 1).crossedAt()));
        }
        assertTrue(io.violations().isEmpty(), io.violations().toString());
        // one OPEN per vehicle; the arm may stay up between them when the next one is already waiting
        assertEquals(3, io.journal().stream().filter(j -> j.command() == JournalEntry.Command.OPEN).count());
    }

    /** Verifies that a driver does not drive through an arm left up for someone else: he waits for his own OPEN. */
    @Test
    void armLeftUpIsNotARelease() {
        agentOpensOnCard = false;
        io.writeCoil(LaneIoRegisters.COIL_OPEN, true);
        sim.scheduler.advanceBy(Duration.ofSeconds(5));
        assertEquals(BarrierArm.State.OPEN, io.armState());
        lane.arrive(car("粤B44444", "0E00A35C21", Behaviour.NORMAL), null);
        sim.scheduler.advanceBy(Duration.ofSeconds(20));
        assertTrue(lane.passages().isEmpty(), "still waiting");
        io.writeCoil(LaneIoRegisters.COIL_OPEN, true); // the attendant releases him
        sim.scheduler.advanceBy(Duration.ofSeconds(5));
        assertEquals(Passage.Outcome.PASSED, lane.passages().get(0).outcome());
        assertTrue(io.violations().isEmpty(), io.violations().toString());
    }
}
