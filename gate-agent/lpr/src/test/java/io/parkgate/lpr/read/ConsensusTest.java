package io.parkgate.lpr.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConsensusTest {

    private static PlateRead read(String text, double confidence) {
        return new PlateRead(text, new double[] {confidence}, confidence, PlateLayout.SEVEN);
    }

    /** Verifies that two agreeing readings outvote one more confident odd one. */
    @Test
    void agreementOutweighsOneConfidentReading() {
        PlateRead odd = read("贵A6H268", 0.98);
        PlateRead a = read("皖A6H268", 0.7);
        PlateRead b = read("皖A6H268", 0.8);
        assertSame(b, Consensus.of(List.of(odd, a, b)));
    }

    /** Verifies that with no agreement the most confident reading stands. */
    @Test
    void withoutAgreementTheMostConfidentWins() {
        PlateRead first = read("皖A13H25", 0.6);
        PlateRead second = read("皖A13H26", 0.9);
        PlateRead third = read("皖A18H25", 0.7);
        assertSame(second, Consensus.of(List.of(first, second, third)));
    }

    /** Verifies that an empty reading never wins over a real one, and a lone reading is returned as it is. */
    @Test
    void emptyReadingsCarryNoSupport() {
        PlateRead empty = new PlateRead("", new double[0], 0, PlateLayout.SEVEN);
        PlateRead plate = read("苏CFY773", 0.55);
        assertSame(plate, Consensus.of(List.of(empty, plate, empty)));
        assertSame(plate, Consensus.of(List.of(plate)));
        assertEquals("", Consensus.of(List.of(empty)).text());
    }

    /** Verifies that nothing to agree on is refused rather than guessed. */
    @Test
    void noReadingsIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> Consensus.of(List.of()));
    }
}
