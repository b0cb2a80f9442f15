package io.parkgate.agent.registry;

import io.parkgate.plate.MatchResult;
import io.parkgate.plate.Plate;
import io.parkgate.plate.PlateMatcher;
import io.parkgate.registry.BlacklistEntry;
import io.parkgate.registry.Card;
import io.parkgate.registry.ManagementExemption;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistryDelta;
import io.parkgate.registry.RegistryKey;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.registry.Visitor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The agent's immutable in-memory index of the resident registry at one version: lookups by plate
 * (exact, or fuzzy through a {@link PlateMatcher}), by card, passes, visitors, blacklist and
 * management exemptions. A delta gives a new index; readers of the old one are never disturbed, so
 * the lane thread can decide while the uplink swaps in a newer registry.
 *
 * <p>Plates are keyed in normalised form ({@link Plate#normalise(String)}), card numbers upper-case.
 */
public final class Registry {

    private static final Registry EMPTY = of(RegistrySnapshot.empty());

    private final RegistrySnapshot snapshot;
    private final Map<String, Owner> owners;
    private final Map<String, Vehicle> vehicles;
    private final Map<String, Card> cards;
    private final Map<String, List<Pass>> passes;
    private final Map<String, List<Visitor>> visitors;
    private final Map<String, BlacklistEntry> blacklist;
    private final Map<String, List<ManagementExemption>> exemptions;
    private final PlateMatcher matcher;

    private Registry(RegistrySnapshot s) {
        snapshot = s;
        owners = unique(s.owners(), Owner::id);
        vehicles = unique(s.vehicles(), v -> Plate.normalise(v.plate()));
        cards = unique(s.cards(), c -> cardKey(c.number()));
        passes = grouped(s.passes(), p -> Plate.normalise(p.plate()));
        visitors = grouped(s.visitors(), v -> Plate.normalise(v.plate()));
        blacklist = unique(s.blacklist(), b -> Plate.normalise(b.plate()));
        exemptions = grouped(s.exemptions(), e -> Plate.normalise(e.plate()));
        Set<String> plates = new HashSet<>(vehicles.keySet());
        plates.addAll(passes.keySet());
        plates.addAll(visitors.keySet());
        plates.addAll(blacklist.keySet());
        plates.addAll(exemptions.keySet());
        s.cards().forEach(c -> plates.add(Plate.normalise(c.plate())));
        matcher = PlateMatcher.of(plates);
    }

    /** Indexes a snapshot. */
    public static Registry of(RegistrySnapshot snapshot) {
        return new Registry(snapshot);
    }

    /** Version 0, nothing registered: every vehicle is temporary until central sends the registry. */
    public static Registry empty() {
        return EMPTY;
    }

    /**
     * This registry with a delta applied: records upserted by key (replacing every record with that
     * key), then the removals.
     *
     * @throws RegistryVersionException when the delta does not start at {@link #version()}
     */
    public Registry apply(RegistryDelta delta) {
        if (delta.fromVersion() != version()) {
            throw new RegistryVersionException(version(), delta.fromVersion(), delta.toVersion());
        }
        RegistrySnapshot up = delta.upserts();
        Map<RegistryKey.Kind, Set<String>> removed = new HashMap<>();
        for (RegistryKey k : delta.removals()) {
            String key = k.kind() == RegistryKey.Kind.CARD ? cardKey(k.key())
                    : k.kind() == RegistryKey.Kind.OWNER || k.kind() == RegistryKey.Kind.PASS ? k.key()
                    : Plate.normalise(k.key());
            removed.computeIfAbsent(k.kind(), x -> new HashSet<>()).add(key);
        }
        return new Registry(new RegistrySnapshot(delta.toVersion(),
                merge(snapshot.owners(), up.owners(), removed.get(RegistryKey.Kind.OWNER), Owner::id),
                merge(snapshot.vehicles(), up.vehicles(), removed.get(RegistryKey.Kind.VEHICLE),
                        v -> Plate.normalise(v.plate())),
                merge(snapshot.cards(), up.cards(), removed.get(RegistryKey.Kind.CARD), c -> cardKey(c.number())),
                merge(snapshot.passes(), up.passes(), removed.get(RegistryKey.Kind.PASS), Pass::id),
                merge(snapshot.visitors(), up.visitors(), removed.get(RegistryKey.Kind.VISITOR),
                        v -> Plate.normalise(v.plate())),
                merge(snapshot.blacklist(), up.blacklist(), removed.get(RegistryKey.Kind.BLACKLIST),
                        b -> Plate.normalise(b.plate())),
                merge(snapshot.exemptions(), up.exemptions(), removed.get(RegistryKey.Kind.EXEMPTION),
                        e -> Plate.normalise(e.plate()))));
    }

    public long version() {
        return snapshot.version();
    }

    /** The records this index was built from, e.g. for the agent's local cache. */
    public RegistrySnapshot snapshot() {
        return snapshot;
    }

    /** Matches a read against every plate the registry knows (vehicles, cards, passes, visitors, lists). */
    public MatchResult matchPlate(String read) {
        return matcher.match(read);
    }

    public Optional<Vehicle> vehicle(String plate) {
        return Optional.ofNullable(vehicles.get(Plate.normalise(plate)));
    }

    public Optional<Owner> owner(String id) {
        return Optional.ofNullable(owners.get(id));
    }

    /** The card with that number (any case), whatever its status. */
    public Optional<Card> card(String number) {
        return number == null ? Optional.empty() : Optional.ofNullable(cards.get(cardKey(number)));
    }

    public List<Pass> passes(String plate) {
        return passes.getOrDefault(Plate.normalise(plate), List.of());
    }

    /** The pass valid at {@code t} that lasts longest (a permanent one first), if any. */
    public Optional<Pass> validPass(String plate, Instant t) {
        return passes(plate).stream().filter(p -> p.validAt(t))
                .max(Comparator.comparing(p -> p.validUntil() == null ? Instant.MAX : p.validUntil()));
    }

    /** The pass that ended most recently at or before {@code t}, if any. */
    public Optional<Pass> lastExpiredPass(String plate, Instant t) {
        return passes(plate).stream().filter(p -> p.validUntil() != null && !p.validUntil().isAfter(t))
                .max(Comparator.comparing(Pass::validUntil));
    }

    public List<Visitor> visitors(String plate) {
        return visitors.getOrDefault(Plate.normalise(plate), List.of());
    }

    /** A visitor registration valid at {@code t}, if any. */
    public Optional<Visitor> visitorAt(String plate, Instant t) {
        return visitors(plate).stream().filter(v -> v.validAt(t)).findFirst();
    }

    public Optional<BlacklistEntry> blacklisted(String plate) {
        return Optional.ofNullable(blacklist.get(Plate.normalise(plate)));
    }

    /** A management-approved exemption valid at {@code t}, if any. */
    public Optional<ManagementExemption> exemptionAt(String plate, Instant t) {
        return exemptions.getOrDefault(Plate.normalise(plate), List.of()).stream().filter(e -> e.validAt(t))
                .findFirst();
    }

    public int vehicleCount() {
        return vehicles.size();
    }

    /** How card numbers are keyed: trimmed, upper case (readers give upper-case hex, clerks type either). */
    public static String cardKey(String number) {
        return number.trim().toUpperCase(Locale.ROOT);
    }

    private static <T> Map<String, T> unique(List<T> records, Function<T, String> key) {
        Map<String, T> map = new HashMap<>(Math.max(16, records.size() * 4 / 3 + 1));
        records.forEach(r -> map.put(key.apply(r), r));
        return map;
    }

    private static <T> Map<String, List<T>> grouped(List<T> records, Function<T, String> key) {
        Map<String, List<T>> map = new HashMap<>(Math.max(16, records.size() * 4 / 3 + 1));
        for (T r : records) {
            map.computeIfAbsent(key.apply(r), k -> new ArrayList<>(1)).add(r);
        }
        map.replaceAll((k, v) -> List.copyOf(v));
        return map;
    }

    /** Current records, with every key present in {@code upserts} replaced by its upserts, minus removals. */
    private static <T> List<T> merge(List<T> current, List<T> upserts, Set<String> removed,
                                     Function<T, String> key) {
        Map<String, List<T>> byKey = new LinkedHashMap<>();
        for (T r : current) {
            byKey.computeIfAbsent(key.apply(r), k -> new ArrayList<>(1)).add(r);
        }
        Map<String, List<T>> replacing = new LinkedHashMap<>();
        for (T r : upserts) {
            replacing.computeIfAbsent(key.apply(r), k -> new ArrayList<>(1)).add(r);
        }
        byKey.putAll(replacing);
        if (removed != null) {
            byKey.keySet().removeAll(removed);
        }
        List<T> out = new ArrayList<>(current.size() + upserts.size());
        byKey.values().forEach(out::addAll);
        return out;
    }
}
