package io.parkgate.agent.lane;

import io.parkgate.agent.decision.Decision;
import org.slf4j.Logger;

/** The lane's INFO log lines: one line per step a person would want to read back at 3 a.m. */
final class LaneStory {

    private LaneStory() {
    }

    static void decided(Logger log, LaneAction.Decided d) {
        Decision x = d.decision();
        log.info("{} card={} -> {} {} | {}{}{}", x.plate() != null ? x.plate() : plate(d.visit()), d.visit().card() == null ? "-" : d.visit().card(),
                x.verdict(), x.code(), x.reason(),
                x.fee() == null ? "" : " | fee " + yuan(x.fee().fen()),
                x.matchNote() == null ? "" : " | " + x.matchNote());
    }

    static void passage(Logger log, LaneAction.CommitPassage c) {
        Authorisation a = c.authorisation();
        if (a.kind() != Authorisation.Kind.DECISION) {
            log.info("{} opened by {} {}{}", plate(c.visit()), a.kind(), a.operator(),
                    a.note() == null ? "" : " (" + a.note() + ")");
        }
    }

    static void held(Logger log, LaneAction.Hold h) {
        log.info("{} held: {}", plate(h.visit()), h.decision().reason());
    }

    static String yuan(long fen) {
        return String.format(java.util.Locale.ROOT, "¥%d.%02d", fen / 100, fen % 100);
    }

    private static String plate(VehicleVisit v) {
        return v.plateText() == null ? "(no plate)" : v.plateText();
    }
}
