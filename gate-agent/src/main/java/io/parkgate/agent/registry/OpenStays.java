package io.parkgate.agent.registry;

import io.parkgate.plate.Candidate;
import io.parkgate.plate.ConfusableIndex;
import io.parkgate.plate.MatchResult;
import io.parkgate.plate.Plate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The vehicles currently inside, indexed by entry event id, plate (exact and fuzzy: an exit read
 * that differs from the entry read by confusables still finds the entry) and card.
 *
 * <p>A plate or card is inside at most once: adding a stay for a plate or card already inside
 * replaces the older stay, which {@link #add(OpenStay)} returns so the caller can close it.
 * Thread-safe: the entry and exit lanes of one post share it.
 */
public final class OpenStays {

    private final Map<String, OpenStay> byId = new LinkedHashMap<>();
    private final Map<String, String> idByPlate = new HashMap<>();
    private final Map<String, String> idByCard = new HashMap<>();
    private final ConfusableIndex plates = new ConfusableIndex();

    public OpenStays() {
    }

    /** Loads stays, e.g. from the journal at start-up (later ones replace earlier ones for a plate). */
    public static OpenStays of(Collection<OpenStay> stays) {
        OpenStays out = new OpenStays();
        stays.forEach(out::add);
        return out;
    }

    /**
     * Records a vehicle inside.
     *
     * @return the stays it replaced (same plate, same card or same id), oldest first
     */
    public synchronized List<OpenStay> add(OpenStay stay) {
        List<OpenStay> replaced = new ArrayList<>(1);
        removeInto(stay.entryEventId(), replaced);
        if (stay.plate() != null) {
            removeInto(idByPlate.get(Plate.normalise(stay.plate())), replaced);
        }
        if (stay.card() != null) {
            removeInto(idByCard.get(Registry.cardKey(stay.card())), replaced);
        }
        byId.put(stay.entryEventId(), stay);
        if (stay.plate() != null) {
            idByPlate.put(Plate.normalise(stay.plate()), stay.entryEventId());
            plates.add(stay.plate());
        }
        if (stay.card() != null) {
            idByCard.put(Registry.cardKey(stay.card()), stay.entryEventId());
        }
        return replaced;
    }

    /** Removes the stay of an entry (the vehicle left, or the stay was closed as lost). */
    public synchronized Optional<OpenStay> remove(String entryEventId) {
        List<OpenStay> removed = new ArrayList<>(1);
        removeInto(entryEventId, removed);
        return removed.stream().findFirst();
    }

    public synchronized Optional<OpenStay> byId(String entryEventId) {
        return Optional.ofNullable(byId.get(entryEventId));
    }

    /** The stay recorded with exactly this plate (after normalisation). */
    public synchronized Optional<OpenStay> byPlate(String plate) {
        return Optional.ofNullable(idByPlate.get(Plate.normalise(plate))).map(byId::get);
    }

    public synchronized Optional<OpenStay> byCard(String card) {
        return card == null ? Optional.empty()
                : Optional.ofNullable(idByCard.get(Registry.cardKey(card))).map(byId::get);
    }

    /** Matches a read against the plates inside, exactly or up to confusables and the province. */
    public synchronized StayMatch match(String read) {
        MatchResult result = plates.match(read);
        List<OpenStay> stays = new ArrayList<>(result.candidates().size());
        for (Candidate c : result.candidates()) {
            stays.add(byId.get(idByPlate.get(c.plate())));
        }
        return new StayMatch(result, stays);
    }

    public synchronized int size() {
        return byId.size();
    }

    /** Every stay, in the order they were added. */
    public synchronized List<OpenStay> all() {
        return List.copyOf(byId.values());
    }

    private void removeInto(String id, List<OpenStay> out) {
        OpenStay old = id == null ? null : byId.remove(id);
        if (old == null) {
            return;
        }
        if (old.plate() != null) {
            String plate = Plate.normalise(old.plate());
            if (id.equals(idByPlate.get(plate))) {
                idByPlate.remove(plate);
                plates.remove(plate);
            }
        }
        if (old.card() != null) {
            idByCard.remove(Registry.cardKey(old.card()), id);
        }
        out.add(old);
    }
}
