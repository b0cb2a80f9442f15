package io.parkgate.central.validate;

import static io.parkgate.central.validate.FieldRules.bad;

import io.parkgate.central.error.CentralException;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistryKey;
import io.parkgate.registry.RegistrySnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

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

    /** One record central would refuse: its list ({@code vehicles}), its place in it, and why. */
    public record Problem(String records, int index, String message) {
    }

    /** Throws the first problem of {@link #problems}: an upsert is refused whole. */
    public static void check(RegistrySnapshot s, Instant now) {
        List<Problem> found = problems(s, now);
        if (!found.isEmpty()) {
            throw CentralException.badRequest(found.get(0).message());
        }
    }

    /**
     * Every record of {@code s} central would refuse, each with the first thing wrong with it, in the order of
     * the request. The console's import asks for them before it writes, so that the rows at fault are named and the
     * others imported (a whole upsert is refused for one bad record).
     */
    public static List<Problem> problems(RegistrySnapshot s, Instant now) {
        int n = s.owners().size() + s.vehicles().size() + s.cards().size() + s.passes().size()
                + s.visitors().size() + s.blacklist().size() + s.exemptions().size();
        if (n > MAX_RECORDS) {
            throw bad("records", "are more than " + MAX_RECORDS + " in one request");
        }
        List<Problem> out = new ArrayList<>();
        each("owners", s.owners(), out, (f, o) -> {
            FieldRules.id(f + "id", o.id());
            FieldRules.requiredText(f + "name", o.name(), FieldRules.SHORT_TEXT);
            FieldRules.text(f + "unit", o.unit(), FieldRules.SHORT_TEXT);
            FieldRules.optPhone(f + "phone", o.phone());
        });
        each("vehicles", s.vehicles(), out, (f, v) -> {
            FieldRules.plate(f + "plate", v.plate());
            FieldRules.optId(f + "ownerId", v.ownerId());
        });
        each("cards", s.cards(), out, (f, c) -> {
            FieldRules.card(f + "number", c.number());
            FieldRules.optId(f + "ownerId", c.ownerId());
            FieldRules.optPlate(f + "plate", c.plate());
        });
        each("passes", s.passes(), out, (f, p) -> {
            FieldRules.id(f + "id", p.id());
            FieldRules.plate(f + "plate", p.plate());
            if (p.validUntil() == null && p.type() != Pass.Type.PERMANENT) {
                throw bad(f + "validUntil", "is required for a " + p.type() + " pass");
            }
            period(f, p.validFrom(), p.validUntil(), now, LONGEST_VALIDITY);
        });
        each("visitors", s.visitors(), out, (f, v) -> {
            FieldRules.plate(f + "plate", v.plate());
            FieldRules.optId(f + "hostOwnerId", v.hostOwnerId());
            FieldRules.text(f + "note", v.note(), FieldRules.LONG_TEXT);
            period(f, v.validFrom(), v.validUntil(), now, LONGEST_VALIDITY);
            if (Duration.between(v.validFrom(), v.validUntil()).compareTo(LONGEST_VISIT) > 0) {
                throw bad(f + "validUntil", "is more than " + LONGEST_VISIT.toDays() + " days after validFrom");
            }
        });
        each("blacklist", s.blacklist(), out, (f, b) -> {
            FieldRules.plate(f + "plate", b.plate());
            FieldRules.text(f + "reason", b.reason(), FieldRules.LONG_TEXT);
        });
        each("exemptions", s.exemptions(), out, (f, e) -> {
            FieldRules.plate(f + "plate", e.plate());
            FieldRules.text(f + "approvedBy", e.approvedBy(), FieldRules.SHORT_TEXT);
            FieldRules.text(f + "reason", e.reason(), FieldRules.LONG_TEXT);
            period(f, e.validFrom(), e.validUntil(), now, LONGEST_VALIDITY);
        });
        return out;
    }

    /** Runs {@code rule} on each record with its field prefix ({@code vehicles[3].}), keeping what it refuses. */
    private static <T> void each(String records, List<T> list, List<Problem> out, BiConsumer<String, T> rule) {
        for (int i = 0; i < list.size(); i++) {
            try {
                rule.accept(records + "[" + i + "].", list.get(i));
            } catch (CentralException e) {
                out.add(new Problem(records, i, e.getMessage()));
            }
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
