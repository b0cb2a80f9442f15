package io.parkgate.central.mqtt;

import io.parkgate.central.db.CentralKey;
import io.parkgate.central.passage.PassageService;
import io.parkgate.central.validate.EventRules;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.StayChange;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a vehicle that has stayed too long into an exception (docs/domain.md exception rule 3: an abandoned
 * vehicle is reported). Each long stay becomes one EXCEPTION event through the normal ingest, under an id
 * derived from the entry with central's key, so scanning again finds the same event and central stores it once,
 * while the entry lane's PC, which knows the entry's id, cannot take that id first and so silence the alarm.
 */
public final class LongStayWatch {

    private static final Logger LOG = LoggerFactory.getLogger(LongStayWatch.class);
    /** How far back stays are looked for; a vehicle inside for longer than a year is on the report anyway. */
    private static final Duration LOOK_BACK = Duration.ofDays(365);

    private final PassageService passages;
    private final EventIngest ingest;
    private final CentralKey key;
    private final Clock clock;
    private final Duration after;

    /** @param after a stay longer than this is an exception */
    public LongStayWatch(PassageService passages, EventIngest ingest, CentralKey key, Clock clock, Duration after) {
        this.passages = passages;
        this.ingest = ingest;
        this.key = key;
        this.clock = clock;
        this.after = after;
    }

    /** Raises an exception for every open stay longer than the limit; completes with how many there are. */
    public Future<Integer> scan() {
        Instant now = clock.instant();
        return passages.openStays(now.minus(LOOK_BACK)).map(open -> {
            int n = 0;
            for (StayChange s : open) {
                if (s.at().isBefore(now.minus(after))) {
                    ingest.offer(event(s, now));
                    n++;
                }
            }
            if (n > 0) {
                LOG.info("{} vehicles inside for more than {} days", n, after.toDays());
            }
            return n;
        });
    }

    private LaneEvent event(StayChange s, Instant now) {
        String id = key.idOf("long-stay:" + s.entryEventId());
        long days = Duration.between(s.at(), now).toDays();
        return new LaneEvent(id, s.laneId(), EventType.EXCEPTION, now, s.plate(), null, null, null, s.card(),
                EventRules.LONG_STAY, "车辆已在场" + days + "天，超过" + after.toDays() + "天，疑似长期停放或弃置，请核查",
                null, null, null, null, s.entryEventId());
    }
}
