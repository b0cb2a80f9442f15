package io.parkgate.agent.lane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.parkgate.agent.port.DeviceState;
import io.parkgate.agent.port.LaneDevice;
import io.parkgate.agent.port.LaneEventSink;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.io.LaneInputs;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LaneInboxTest {

    private final Instant at = Instant.parse("2026-12-05T08:00:00Z");
    private final List<String> received = new CopyOnWriteArrayList<>();

    /** Records each event with the thread that delivered it. */
    private final LaneEventSink lane = new LaneEventSink() {
        @Override
        public void inputs(LaneInputs inputs, Instant when) {
            received.add("inputs@" + Thread.currentThread().getName());
        }

        @Override
        public void card(String cardNumber, Instant when) {
            received.add("card " + cardNumber + "@" + Thread.currentThread().getName());
        }

        @Override
        public void plate(PlateRead read, Instant when) {
            received.add("plate " + read.plate() + "@" + Thread.currentThread().getName());
        }

        @Override
        public void deviceState(LaneDevice device, DeviceState state, String detail) {
            received.add(device + " " + state + "@" + Thread.currentThread().getName());
        }
    };

    /**
     * Once the lane is attached, a driver's event reaches it on the driver's own thread before the driver's call
     * returns: no thread of the inbox's own sits between a card frame and the lane (a wake-up on the OPEN path).
     */
    @Test
    void afterAttachEventsGoStraightToTheLaneOnTheDriversThread() throws Exception {
        LaneInbox inbox = new LaneInbox();
        inbox.attach(lane);
        Thread driver = new Thread(() -> inbox.card("2000000001", at, 1L), "card-reader");
        driver.start();
        driver.join();
        assertEquals(List.of("card 2000000001@card-reader"), received);
    }

    @Test
    void whatArrivesBeforeTheLaneWaitsAndIsHandedOverInOrder() {
        LaneInbox inbox = new LaneInbox();
        inbox.inputs(new LaneInputs(true, false, false, true), at);
        inbox.plate(new PlateRead("粤B12345", PlateColour.BLUE, 95, null), at, 7L);
        inbox.deviceState(LaneDevice.CARD_READER, DeviceState.CONNECTED, "up");
        assertEquals(List.of(), received);
        inbox.attach(lane);
        inbox.card("2000000001", at, 8L);
        String me = "@" + Thread.currentThread().getName();
        assertEquals(List.of("inputs" + me, "plate 粤B12345" + me, "CARD_READER CONNECTED" + me,
                "card 2000000001" + me), received);
        assertThrows(IllegalStateException.class, () -> inbox.attach(lane));
    }

    @Test
    void closedInboxDropsWhatComesLater() {
        LaneInbox inbox = new LaneInbox();
        inbox.attach(lane);
        inbox.close();
        inbox.card("2000000001", at, 1L);
        assertEquals(List.of(), received);
    }
}
