package io.parkgate.agent.lane;

import io.parkgate.agent.decision.Decision;
import io.parkgate.tariff.Yuan;
import org.slf4j.Logger;

/** The lane's INFO log lines: one line per step a person would want to read back at 3 a.m. */
final class LaneStory {

    private LaneStory() {
    }

    static void decided(Logger log, LaneAction.Decided d) {
        Decision x = d.decision();
        log.info("{} {} card={} -> {} {} | {}{}{}", time(d.visit().arrivedAt()), x.plate() != null ? x.plate() : plate(d.visit()), d.visit().card() == null ? "-" : d.visit().card(),
                x.verdict(), x.code(), x.reason(),
                x.fee() == null ? "" : " | fee " + yuan(x.fee().fen()),
                x.matchNote() == null ? "" : " | " + x.matchNote());
    }

    static void passage(Logger log, LaneAction.CommitPassage c) {
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

    static void held(Logger log, LaneAction.Hold h) {
        log.info("{} held: {}", plate(h.visit()), h.decision().reason());
    }

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("MM-dd HH:mm:ss");
    private static volatile java.time.ZoneId zone = java.time.ZoneId.systemDefault();

    static void zone(java.time.ZoneId z) {
        zone = z;
    }

    private static String time(java.time.Instant t) {
        return TIME.format(t.atZone(zone));
    }

    static String yuan(long fen) {
        return "¥" + Yuan.of(fen);
    }

    private static String plate(VehicleVisit v) {
        return v.plateText() == null ? "(no plate)" : v.plateText();
    }
}
