package io.parkgate.agent.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.parkgate.agent.decision.Decision;
import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.agent.lane.LaneSnapshot;
import io.parkgate.agent.lane.LaneStateMachine;
import io.parkgate.agent.lane.VehicleVisit;
import io.parkgate.agent.port.PlateRead;
import io.parkgate.plate.PlateColour;
import io.parkgate.protocol.io.LaneInputs;
import io.parkgate.tariff.FeeQuote;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.wire.LaneStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the lane's status tells central about a vehicle held after its decision. */
class StatusReporterTest {

    private static final Instant T = Instant.parse("2026-11-23T03:00:58Z");

    /** Verifies that a vehicle waiting for its fee is reported with its fee and reason, and cleared once it goes. */
    @Test
    void reportsTheVehicleWaitingForItsFee() {
        List<LaneStatus> sent = new ArrayList<>();
        StatusReporter r = new StatusReporter("north-out", sent::add);
        VehicleVisit visit = new VehicleVisit("e-7", T, new PlateRead("粤B6T239", PlateColour.BLUE, 95, "snap/7"), null);
        Decision fee = new Decision(Verdict.COLLECT_FEE, DecisionCode.TEMPORARY, "粤B6T239", "粤B6T239", null, null,
                null, "临时车辆粤B6T239，应收6.00元", "Temporary", "请缴费", PayerCategory.TEMPORARY,
                new FeeQuote(600, null, null, List.of()), "e-1");
        LaneInputs onLoop = new LaneInputs(true, false, false, true);

        r.actions(new LaneSnapshot("north-out", LaneStateMachine.Phase.IDENTIFYING, onLoop, visit, null), List.of());
        assertNull(sent.get(sent.size() - 1).waiting(), "not decided yet");
        r.actions(new LaneSnapshot("north-out", LaneStateMachine.Phase.WAITING, onLoop, visit, fee), List.of());
        LaneStatus.Waiting w = sent.get(sent.size() - 1).waiting();
        assertEquals(new LaneStatus.Waiting("e-7", T, "粤B6T239", "粤B6T239", 95, null, "COLLECT_FEE", "TEMPORARY",
                "临时车辆粤B6T239，应收6.00元", 600L, "snap/7"), w);
        int count = sent.size();
        r.actions(new LaneSnapshot("north-out", LaneStateMachine.Phase.WAITING, onLoop, visit, fee), List.of());
        assertEquals(count, sent.size(), "nothing changed: nothing sent");
        r.actions(new LaneSnapshot("north-out", LaneStateMachine.Phase.AUTHORISED, onLoop, visit, fee), List.of());
        assertNull(sent.get(sent.size() - 1).waiting(), "paid and authorised: no longer waiting");
    }
}
