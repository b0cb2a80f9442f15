package io.parkgate.agent.app;

import io.parkgate.agent.lane.Authorisation;
import io.parkgate.agent.lane.LaneRuntime;
import io.parkgate.agent.registry.OpenStay;
import io.parkgate.agent.registry.OpenStays;
import io.parkgate.agent.uplink.PrepaymentSink;
import io.parkgate.plate.Plate;
import io.parkgate.wire.Prepayment;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Payments made away from the lane (pay station, supervisor's desk, the booth's cash), as central tells
 * every lane: the stay is marked paid up to the payment's grace end, so the exit charges only the time
 * beyond it, and a vehicle already waiting here for that fee passes at once if the payment covers it now
 * ({@link PrepaymentCover}). Central resends the last day's prepayments on every hello, used ones included,
 * so a restarted agent learns them again; that is why a prepayment is checked before it opens, and why one
 * that let a vehicle out is remembered.
 */
final class Prepayments implements PrepaymentSink {

    private static final Logger LOG = LoggerFactory.getLogger(Prepayments.class);

    private final String laneId;
    private final OpenStays stays;
    private final LaneRuntime lane;
    private final Clock clock;
    private final UsedPrepayments used = new UsedPrepayments();

    Prepayments(String laneId, OpenStays stays, LaneRuntime lane, Clock clock) {
        this.laneId = laneId;
        this.stays = stays;
        this.lane = lane;
        this.clock = clock;
    }

    @Override
    public void prepaid(Prepayment p) {
        String plate = Plate.normalise(p.plate());
        Optional<OpenStay> stay = stays.byPlate(plate);
        stay.ifPresent(s -> markPaid(s, p));

        Instant now = clock.instant();
        Optional<PrepaymentCover.Refusal> refused = PrepaymentCover.refusal(p,
                stay.map(OpenStay::entryTime).orElse(null), used.contains(p.id()), now);
        if (refused.isPresent()) {
            // Routine: every hello replays the day's prepayments, and most no longer pay for anything.
            LOG.debug("lane {}: prepayment {} of {} opens nothing: {}", laneId, p.id(), plate,
                    refused.get().reason());
            return;
        }
        if (!used.claim(p.id(), now)) {
            LOG.debug("lane {}: prepayment {} of {} opens nothing: {}", laneId, p.id(), plate,
                    PrepaymentCover.Refusal.ALREADY_USED.reason());
            return;
        }
        lane.paidAway(plate, new Authorisation(Authorisation.Kind.PREPAID, "central", "预付 " + p.id(),
                p.amountFen())).whenComplete((opened, failure) -> {
                    if (Boolean.TRUE.equals(opened)) {
                        LOG.info("lane {}: prepayment {} let {} out", laneId, p.id(), plate);
                    } else {
                        // Nobody was waiting for it (or not for this amount): a later exit may still use it.
                        used.release(p.id());
                    }
                });
    }

    /** Marks the stay paid up to the payment's grace end, unless the payment belongs to an earlier stay. */
    private void markPaid(OpenStay s, Prepayment p) {
        if (PrepaymentCover.paysEarlierStay(p, s.entryTime())) {
            LOG.debug("lane {}: prepayment {} of {} paid at {}, before the stay that entered at {}; not this "
                    + "stay's", laneId, p.id(), s.plate(), p.paidAt(), s.entryTime());
            return;
        }
        if (s.prepaidUntil() == null || p.freeUntil().isAfter(s.prepaidUntil())) {
            stays.add(new OpenStay(s.entryEventId(), s.plate(), s.card(), s.entryTime(), s.laneId(), s.payer(),
                    p.freeUntil()));
            LOG.debug("lane {}: stay of {} paid until {}", laneId, s.plate(), p.freeUntil());
        }
    }
}
