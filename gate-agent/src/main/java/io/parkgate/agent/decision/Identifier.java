package io.parkgate.agent.decision;

import io.parkgate.agent.port.PlateRead;
import io.parkgate.agent.registry.Registry;
import io.parkgate.config.MatchPolicy;
import io.parkgate.plate.Plate;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Card;

/** Turns a plate read and a card into an {@link Identification} against the registry. */
final class Identifier {

    private Identifier() {
    }

    static Identification identify(Registry registry, MatchPolicy policy, PlateRead plateRead, String cardNumber) {
        String read = plateRead == null || plateRead.plateless() ? null : Plate.normalise(plateRead.plate());
        if (read != null && read.isEmpty()) {
            read = null;
        }
        PlateColour colour = plateRead == null || plateRead.colour() == null ? PlateColour.UNKNOWN : plateRead.colour();
        String number = cardNumber == null || cardNumber.isBlank() ? null : Registry.cardKey(cardNumber);
        Card card = registry.card(number).orElse(null);
        CardCheck check = number == null ? CardCheck.NONE
                : card == null ? CardCheck.UNKNOWN
                : switch (card.status()) {
                    case ACTIVE -> CardCheck.VALID;
                    case RETURNED -> CardCheck.RETURNED;
                    case LOST -> CardCheck.LOST;
                };
        String cardPlate = check == CardCheck.VALID && card.plate() != null && !card.plate().isBlank()
                ? Plate.normalise(card.plate()) : null;
        if (read == null) {
            MatchKind match = cardPlate != null ? MatchKind.CARD_ONLY : MatchKind.NONE;
            return new Identification(null, colour, number, card, check, cardPlate, match, null, Resolution.NONE);
        }
        Resolution r = MatchResolver.resolve(registry.matchPlate(read), policy, cardPlate);
        return switch (r.outcome()) {
            case EXACT -> new Identification(read, colour, number, card, check, read, MatchKind.EXACT, null, r);
            case FUZZY -> new Identification(read, colour, number, card, check, r.chosen().plate(), MatchKind.FUZZY,
                    r.note(), r);
            case NONE -> new Identification(read, colour, number, card, check, read, MatchKind.NONE, null, r);
            case NEEDS_CONFIRMATION, AMBIGUOUS -> new Identification(read, colour, number, card, check, read,
                    MatchKind.FUZZY, r.note(), r);
        };
    }
}
