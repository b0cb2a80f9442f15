package io.parkgate.agent.app;

import io.parkgate.agent.lane.Authorisation;
import io.parkgate.agent.lane.LaneRuntime;
import io.parkgate.agent.registry.OpenStay;
import io.parkgate.agent.registry.OpenStays;
import io.parkgate.agent.uplink.PrepaymentSink;
import io.parkgate.plate.Plate;
import io.parkgate.wire.Prepayment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payments made away from the lane (pay station, supervisor's desk, the booth's cash), as central tells
 * every lane: the stay is marked paid up to the payment's grace end, so the exit charges only the time
 * beyond it, and a vehicle already waiting here for that fee passes at once. Central resends the last
 * day's prepayments on every hello, so a restarted agent learns them again.
 */
final class Prepayments implements PrepaymentSink {

    private static final Logger LOG = LoggerFactory.getLogger(Prepayments.class);

    private final String laneId;
    private final OpenStays stays;
    private final LaneRuntime lane;

    Prepayments(String laneId, OpenStays stays, LaneRuntime lane) {
        this.laneId = laneId;
        this.stays = stays;
        this.lane = lane;
    }

    @Override
    public void prepaid(Prepayment p) {
        String plate = Plate.normalise(p.plate());
        stays.byPlate(plate).ifPresent(s -> {
            if (s.prepaidUntil() == null || p.freeUntil().isAfter(s.prepaidUntil())) {
                stays.add(new OpenStay(s.entryEventId(), s.plate(), s.card(), s.entryTime(), s.laneId(), s.payer(),
                        p.freeUntil()));
                LOG.debug("lane {}: stay of {} paid until {}", laneId, plate, p.freeUntil());
            }
        });
        lane.paidAway(plate, new Authorisation(Authorisation.Kind.PREPAID, "central", "预付 " + p.id(),
                p.amountFen()));
    }
}
