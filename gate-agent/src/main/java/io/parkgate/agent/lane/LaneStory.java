package io.parkgate.agent.lane;

import io.parkgate.agent.decision.Decision;
import io.parkgate.tariff.Yuan;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import org.slf4j.Logger;

/**
 * The lane's INFO log lines: one line per step a person would want to read back at 3 a.m., with times in
 * the lane's own zone (each lane its own: a site's agents may share a JVM, as in the car park demo).
 */
final class LaneStory {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");

    private final Logger log;
    private final ZoneId zone;

    LaneStory(Logger log, ZoneId zone) {
        this.log = log;
        this.zone = zone;
    }

    void decided(LaneAction.Decided d) {
        Decision x = d.decision();
        log.info("{} {} card={} -> {} {} | {}{}{}", time(d.visit().arrivedAt()), x.plate() != null ? x.plate() : plate(
                d.visit()), d.visit().card() == null ? "-" : d.visit().card(),
                x.verdict(), x.code(), x.reason(),
                x.fee() == null ? "" : " | fee " + yuan(x.fee().fen()),
                x.matchNote() == null ? "" : " | " + x.matchNote());
    }

    void passage(LaneAction.CommitPassage c) {
        Authorisation a = c.authorisation();
        if (a.kind() == Authorisation.Kind.PAYMENT) {
            log.info("{} {} 收费 {} {}，{} 放行", time(c.at()), plate(c.visit()), yuan(a.paidFen()),
                    a.note() == null ? "" : a.note(), a.operator());
        } else if (a.kind() == Authorisation.Kind.PREPAID) {
            log.info("{} {} 已预付 {}（{}），放行", time(c.at()), plate(c.visit()), yuan(a.paidFen()), a.note());
        } else if (a.kind() != Authorisation.Kind.DECISION) {
            log.info("{} {} 由 {} {} 放行{}", time(c.at()), plate(c.visit()), a.operator(),
                    a.kind() == Authorisation.Kind.RELEASE ? "(班长放行)" : "(手动抬杆)",
                    a.note() == null ? "" : "：" + a.note());
        }
    }

    void held(LaneAction.Hold h) {
        log.info("{} held: {}", plate(h.visit()), h.decision().reason());
    }

    private String time(Instant t) {
        return TIME.format(t.atZone(zone));
    }

    static String yuan(long fen) {
        return "¥" + Yuan.of(fen);
    }

    private static String plate(VehicleVisit v) {
        return v.plateText() == null ? "(no plate)" : v.plateText();
    }
}
