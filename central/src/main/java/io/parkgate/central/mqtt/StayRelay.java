package io.parkgate.central.mqtt;

import io.parkgate.central.passage.PassageService;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.StayChange;
import io.parkgate.wire.StayCodec;
import io.parkgate.wire.Topics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Relays stays between lanes: every committed ENTRY opens a stay and every EXIT closes one, broadcast to all
 * agents, so the exit lane finds the entry another lane recorded (and a second entry of a vehicle inside is
 * recognised). A lane that says hello gets the site's open stays, to catch up on what it missed offline.
 */
public final class StayRelay {

    private static final Logger LOG = LoggerFactory.getLogger(StayRelay.class);
    /** Stays older than this are not resent on hello: such vehicles are the long-stay report's business. */
    private static final Duration RESEND_WINDOW = Duration.ofDays(30);

    private final Topics topics;
    private final PassageService passages;
    private final Clock clock;
    private final BiConsumer<String, byte[]> publish;

    public StayRelay(Topics topics, PassageService passages, Clock clock, BiConsumer<String, byte[]> publish) {
        this.topics = topics;
        this.passages = passages;
        this.clock = clock;
        this.publish = publish;
    }

    /** A committed batch of lane events: broadcast the stays it opens and closes. */
    public void committed(List<LaneEvent> events) {
        List<StayChange> changes = new ArrayList<>();
        for (LaneEvent e : events) {
            if (e.type() == EventType.ENTRY) {
                changes.add(new StayChange(StayChange.Kind.OPENED, e.eventId(), e.laneId(), e.plate(), e.card(),
                        e.code(), e.occurredAt()));
            } else if (e.type() == EventType.EXIT && e.relatedId() != null) {
                changes.add(new StayChange(StayChange.Kind.CLOSED, e.relatedId(), e.laneId(), e.plate(), e.card(),
                        null, e.occurredAt()));
            }
        }
        if (!changes.isEmpty()) {
            publish.accept(topics.staysBroadcast(), StayCodec.encode(changes));
        }
    }

    /** Sends lane {@code laneId} the open stays of the site (after its hello). */
    public void sendOpenStays(String laneId) {
        passages.openStays(clock.instant().minus(RESEND_WINDOW)).onSuccess(open -> {
            publish.accept(topics.lane(laneId, Topics.Channel.STAYS), StayCodec.encode(open));
            LOG.info("lane {}: sent {} open stays", laneId, open.size());
        }).onFailure(e -> LOG.error("open stays for lane {} could not be read", laneId, e));
    }
}
