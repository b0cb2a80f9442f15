package io.parkgate.agent.decision;

import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Card;

/**
 * Who is in front of the lane, as far as plate, card and registry tell, before any rule is applied.
 *
 * @param read       the normalised plate read, or null when no plate was read
 * @param colour     the plate colour the camera reported, or UNKNOWN
 * @param cardNumber the presented card number (upper case), or null
 * @param card       the registry's record of that card, or null when none presented or unknown
 * @param plate      the plate decided about: the registered plate when matched, the card's plate for a
 *                   card-only read, else the read; null when neither identifies a plate
 * @param resolution how the read matched the registry under the lane's policy
 */
record Identification(String read, PlateColour colour, String cardNumber, Card card, CardCheck cardCheck,
                      String plate, MatchKind match, String matchNote, Resolution resolution) {

    /** Neither plate nor card: docs/domain.md exception rule 1 (no card, cannot be checked). */
    boolean nothing() {
        return read == null && cardNumber == null;
    }

    /**
     * A valid card bound to another plate than the one identified from the read. A card the registry
     * binds to no plate cannot mismatch (nor confirm) anything.
     */
    boolean cardMismatch() {
        return cardCheck == CardCheck.VALID && read != null && plate != null && card.plate() != null
                && !card.plate().isBlank() && !plate.equals(io.parkgate.plate.Plate.normalise(card.plate()));
    }

    /**
     * What is wrong with a read that is no plate format and matched nothing (e.g. {@code 粤B12#45}, or
     * {@code B99999} with its province missed), in Chinese; null for a usable read.
     */
    String readProblem() {
        if (read == null || match == MatchKind.CARD_ONLY || resolution.outcome() != Resolution.Outcome.NONE) {
            return null;
        }
        return io.parkgate.plate.Plate.classify(read).problem();
    }

    /** Identified by the valid card alone, the unusable read kept as what the camera said. */
    Identification cardOnly() {
        String cardPlate = io.parkgate.plate.Plate.normalise(card.plate());
        return new Identification(read, colour, cardNumber, card, cardCheck, cardPlate, MatchKind.CARD_ONLY,
                "车牌读数" + read + "无效（" + readProblem() + "），按卡识别", Resolution.NONE);
    }

    /** The read taken exactly as it is (an open stay was recorded under exactly this text). */
    Identification readTakenExactly(String note) {
        Resolution exact = new Resolution(Resolution.Outcome.EXACT, new io.parkgate.plate.Candidate(read,
                java.util.List.of()), null);
        return new Identification(read, colour, cardNumber, card, cardCheck, read, MatchKind.EXACT, note, exact);
    }

    /** The same vehicle identified by another plate (its entry was recorded under it). */
    Identification withPlate(String newPlate, MatchKind newMatch, String newNote) {
        return new Identification(read, colour, cardNumber, card, cardCheck, newPlate, newMatch, newNote, resolution);
    }
}
