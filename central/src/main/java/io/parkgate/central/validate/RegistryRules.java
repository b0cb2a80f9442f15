package io.parkgate.central.validate;

import static io.parkgate.central.validate.FieldRules.bad;

import io.parkgate.registry.BlacklistEntry;
import io.parkgate.registry.Card;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistryKey;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.registry.Visitor;
import java.time.Duration;
import java.time.Instant;

/**
 * What the card centre may write into the registry. Every record is copied to every lane, so a record that
 * is not one a lane could act on correctly (a plate that is not a plate, a pass that ends before it starts,
 * a visitor for eighty centuries, a ten-megabyte name) is refused whole with a 400.
 */
public final class RegistryRules {

    /** Records in one upsert: a whole estate fits (the benchmarks use 50 000). */
    public static final int MAX_RECORDS = 100_000;
    /** How far into the future a pass or exemption may run. */
    public static final Duration LONGEST_VALIDITY = Duration.ofDays(366L * 10);
    /** A visitor's permission is for a visit, not a tenancy. */
    public static final Duration LONGEST_VISIT = Duration.ofDays(31);

    private RegistryRules() {
    }

    public static void check(RegistrySnapshot s, Instant now) {
        int n = s.owners().size() + s.vehicles().size() + s.cards().size() + s.passes().size()
                + s.visitors().size() + s.blacklist().size() + s.exemptions().size();
        if (n > MAX_RECORDS) {
            throw bad("records", "are more than " + MAX_RECORDS + " in one request");
        }
        for (int i = 0; i < s.owners().size(); i++) {
            Owner o = s.owners().get(i);
            String f = "owners[" + i + "].";
            FieldRules.id(f + "id", o.id());
            FieldRules.requiredText(f + "name", o.name(), FieldRules.SHORT_TEXT);
            FieldRules.text(f + "unit", o.unit(), FieldRules.SHORT_TEXT);
            FieldRules.optPhone(f + "phone", o.phone());
        }
        for (int i = 0; i < s.vehicles().size(); i++) {
            Vehicle v = s.vehicles().get(i);
            FieldRules.plate("vehicles[" + i + "].plate", v.plate());
            FieldRules.optId("vehicles[" + i + "].ownerId", v.ownerId());
        }
        for (int i = 0; i < s.cards().size(); i++) {
            Card c = s.cards().get(i);
            FieldRules.card("cards[" + i + "].number", c.number());
            FieldRules.optId("cards[" + i + "].ownerId", c.ownerId());
            FieldRules.optPlate("cards[" + i + "].plate", c.plate());
        }
        for (int i = 0; i < s.passes().size(); i++) {
            Pass p = s.passes().get(i);
            String f = "passes[" + i + "].";
            FieldRules.id(f + "id", p.id());
            FieldRules.plate(f + "plate", p.plate());
            if (p.validUntil() == null && p.type() != Pass.Type.PERMANENT) {
                throw bad(f + "validUntil", "is required for a " + p.type() + " pass");
            }
            period(f, p.validFrom(), p.validUntil(), now, LONGEST_VALIDITY);
        }
        for (int i = 0; i < s.visitors().size(); i++) {
            Visitor v = s.visitors().get(i);
            String f = "visitors[" + i + "].";
            FieldRules.plate(f + "plate", v.plate());
            FieldRules.optId(f + "hostOwnerId", v.hostOwnerId());
            FieldRules.text(f + "note", v.note(), FieldRules.LONG_TEXT);
            period(f, v.validFrom(), v.validUntil(), now, LONGEST_VALIDITY);
            if (Duration.between(v.validFrom(), v.validUntil()).compareTo(LONGEST_VISIT) > 0) {
                throw bad(f + "validUntil", "is more than " + LONGEST_VISIT.toDays() + " days after validFrom");
            }
        }
        for (int i = 0; i < s.blacklist().size(); i++) {
            BlacklistEntry b = s.blacklist().get(i);
            FieldRules.plate("blacklist[" + i + "].plate", b.plate());
            FieldRules.text("blacklist[" + i + "].reason", b.reason(), FieldRules.LONG_TEXT);
        }
        for (int i = 0; i < s.exemptions().size(); i++) {
            ManagementExemption e = s.exemptions().get(i);
            String f = "exemptions[" + i + "].";
            FieldRules.plate(f + "plate", e.plate());
            FieldRules.text(f + "approvedBy", e.approvedBy(), FieldRules.SHORT_TEXT);
            FieldRules.text(f + "reason", e.reason(), FieldRules.LONG_TEXT);
            period(f, e.validFrom(), e.validUntil(), now, LONGEST_VALIDITY);
        }
    }

    /** The key of a record to remove, in the form that kind of record has. */
    public static void checkKey(RegistryKey key) {
        switch (key.kind()) {
            case VEHICLE, VISITOR, BLACKLIST, EXEMPTION -> FieldRules.plate("key", key.key());
            case CARD -> FieldRules.card("key", key.key());
            case OWNER, PASS -> FieldRules.id("key", key.key());
            default -> throw new IllegalStateException(key.kind().name());
        }
    }

    private static void period(String f, Instant from, Instant until, Instant now, Duration longest) {
        if (until != null && !until.isAfter(from)) {
            throw bad(f + "validUntil", "must be after validFrom (" + from + "), was " + until);
        }
        Instant latest = now.plus(longest);
        if (from.isAfter(latest) || until != null && until.isAfter(latest)) {
            throw bad(f + "validUntil", "is more than " + longest.toDays() + " days ahead");
        }
    }
}
