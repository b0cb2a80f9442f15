package io.parkgate.agent.store;

import io.parkgate.agent.decision.DecisionCode;
import io.parkgate.agent.decision.MatchKind;
import io.parkgate.agent.decision.Verdict;
import io.parkgate.config.Direction;
import io.parkgate.tariff.PayerCategory;
import java.time.Instant;
import java.util.UUID;

/** Register rows for tests. */
final class Rows {

    static final String LANE = "north-in";

    private Rows() {
    }

    static String id() {
        return UUID.randomUUID().toString();
    }

    static PassageRecord entry(String plate, Instant at) {
        return new PassageRecord(id(), LANE, Direction.IN, plate, plate, null, at, null, null,
                DecisionCode.TEMPORARY, Verdict.OPEN, "临时车辆，出场时按规定收费", MatchKind.NONE, null,
                PayerCategory.TEMPORARY, 0, Payment.none(), null, null, null, null);
    }

    static PassageRecord exit(PassageRecord entry, Instant at, long feeFen) {
        return new PassageRecord(id(), LANE, Direction.OUT, entry.plate(), entry.plateAsRead(), entry.card(),
                entry.entryTime(), at, entry.eventId(), DecisionCode.TEMPORARY, Verdict.COLLECT_FEE,
                "临时车辆，请缴费", MatchKind.EXACT, null, PayerCategory.TEMPORARY, feeFen, Payment.none(), null,
                "attendant-7", null, null);
    }
}
