package io.parkgate.agent.decision;

import io.parkgate.agent.port.PlateRead;
import io.parkgate.agent.registry.OpenStay;
import io.parkgate.agent.registry.OpenStays;
import io.parkgate.agent.registry.Registry;
import io.parkgate.agent.registry.SnapshotBuilder;
import io.parkgate.config.ExemptionCategory;
import io.parkgate.config.LaneRules;
import io.parkgate.config.MatchPolicy;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Card;
import io.parkgate.tariff.FeeQuote;
import io.parkgate.tariff.FeeRequest;
import io.parkgate.tariff.PayerCategory;
import io.parkgate.tariff.VehicleClass;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A small site for decision tests: a registry with one vehicle per case, a hand-computed tariff, and
 * lane contexts with chosen rules.
 */
final class Site {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    static final String RESIDENT = "粤B12345";
    static final String RESIDENT_CARD = "0E00A35C21";
    static final String EXPIRING = "粤B22222";
    static final String EXPIRED = "粤B33333";
    static final String NO_PASS = "粤B44444";
    static final String VISITOR = "湘A88888";
    static final String BLACKLISTED = "粤C66666";
    static final String MANAGEMENT = "粤B99999";
    static final String AMBULANCE = "粤B12000";
    static final String TWIN_1 = "粤E6000I";
    static final String TWIN_2 = "粤EG0001";
    static final String TWIN_2_CARD = "0E00000002";
    static final String NEW_ENERGY = "粤BD12345";
    static final String LARGE = "粤B55555";
    static final String LOST_CARD = "1111111111";
    static final String RETURNED_CARD = "2222222222";
    static final String UNKNOWN_CARD = "FFFFFFFFFF";
    /** An ACTIVE card the registry binds to no plate (bad registry data). */
    static final String UNBOUND_CARD = "3333333333";

    static final List<ExemptionCategory> CATEGORIES = List.of(
            new ExemptionCategory("POLICE", "警车", "police"),
            new ExemptionCategory("ARMED_POLICE", "武警车辆", "armed police"),
            new ExemptionCategory("MILITARY", "军车", "military"),
            new ExemptionCategory("FIRE", "消防救援车辆", "fire rescue"),
            new ExemptionCategory("AMBULANCE", "救护车", "ambulance"));

    static final Registry REGISTRY = new SnapshotBuilder()
            .vehicle(RESIDENT).card(RESIDENT_CARD, RESIDENT, Card.Status.ACTIVE)
            .card(LOST_CARD, RESIDENT, Card.Status.LOST).card(RETURNED_CARD, RESIDENT, Card.Status.RETURNED)
            .pass("p-res", RESIDENT, NOW.minus(Duration.ofDays(30)), NOW.plus(Duration.ofDays(60)))
            .vehicle(EXPIRING).pass("p-exp", EXPIRING, NOW.minus(Duration.ofDays(27)), NOW.plus(Duration.ofDays(3)))
            .vehicle(EXPIRED).pass("p-old", EXPIRED, NOW.minus(Duration.ofDays(40)), NOW.minus(Duration.ofDays(10)))
            .vehicle(NO_PASS)
            .visitor(VISITOR, "o-" + RESIDENT, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(1)))
            .blacklist(BLACKLISTED, "多次冲卡")
            .exemption(MANAGEMENT, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)), "业委会用车")
            .exemption(AMBULANCE, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(365)), "救护车")
            .vehicle(TWIN_1).pass("p-t1", TWIN_1, NOW.minus(Duration.ofDays(1)), null)
            .vehicle(TWIN_2).pass("p-t2", TWIN_2, NOW.minus(Duration.ofDays(1)), null)
            .card(TWIN_2_CARD, TWIN_2, Card.Status.ACTIVE)
            .card(UNBOUND_CARD, null, Card.Status.ACTIVE)
            .vehicle(NEW_ENERGY).pass("p-ne", NEW_ENERGY, NOW.minus(Duration.ofDays(1)), null)
            .vehicle(LARGE, VehicleClass.LARGE)
            .registry();

    /** Every request the tariff priced, to check times and classes. */
    final List<FeeRequest> priced = new ArrayList<>();
    final OpenStays stays = new OpenStays();

    /**
     * The hand-computed tariff: small 500 fen, large 1000 fen per started hour after 15 free minutes
     * (charged from entry); visitors' first 2 hours free, then the same per started hour.
     */
    FeeQuote fee(FeeRequest r) {
        priced.add(r);
        switch (r.category()) {
            case PASS_HOLDER:
                return new FeeQuote(0, FeeQuote.ZeroFeeReason.PASS_HOLDER, "有效通行证", List.of());
            case EXEMPT:
                return new FeeQuote(0, FeeQuote.ZeroFeeReason.POLICY_EXEMPT, r.exemptionReason(), List.of());
            default:
                break;
        }
        long minutes = Duration.between(r.entry(), r.exit()).toMinutes();
        long rate = r.vehicleClass() == VehicleClass.LARGE ? 1000 : 500;
        if (r.category() == PayerCategory.VISITOR) {
            if (minutes <= 120) {
                return new FeeQuote(0, FeeQuote.ZeroFeeReason.VISITOR_FREE_HOURS, "访客免费时段内", List.of());
            }
            minutes -= 120;
        } else if (minutes <= 15) {
            return new FeeQuote(0, FeeQuote.ZeroFeeReason.SHORT_STAY, "短时停车免费", List.of());
        }
        long hours = (minutes + 59) / 60;
        return new FeeQuote(hours * rate, null, null, List.of(hours + "小时 × " + rate + "分"));
    }

    LaneContext lane(MatchPolicy policy) {
        return lane(new LaneRules(Duration.ofSeconds(3), policy, LaneRules.AlreadyInsideRule.REPLACE_STAY,
                LaneRules.NoEntryRecordRule.CHARGE_FLAT, Duration.ofDays(7),
                LaneRules.ExpiredPassRule.CHARGE_AS_TEMPORARY));
    }

    LaneContext lane(LaneRules rules) {
        return new LaneContext(REGISTRY, stays, rules, CATEGORIES, 2000, this::fee, ZONE);
    }

    LaneContext lane() {
        return lane(MatchPolicy.FUZZY_SINGLE);
    }

    static LaneRules rules(LaneRules.AlreadyInsideRule inside, LaneRules.NoEntryRecordRule noEntry,
                           LaneRules.ExpiredPassRule expired) {
        return new LaneRules(Duration.ofSeconds(3), MatchPolicy.FUZZY_SINGLE, inside, noEntry, Duration.ofDays(7),
                expired);
    }

    /** A vehicle that entered {@code ago} before NOW. */
    OpenStay inside(String id, String plate, String card, Duration ago, PayerCategory payer) {
        OpenStay stay = new OpenStay(id, plate, card, NOW.minus(ago), "north-in", payer, null);
        stays.add(stay);
        return stay;
    }

    static PlateRead read(String plate) {
        return new PlateRead(plate, PlateColour.BLUE, 90, null);
    }

    static PlateRead read(String plate, PlateColour colour) {
        return new PlateRead(plate, colour, 90, null);
    }
}
