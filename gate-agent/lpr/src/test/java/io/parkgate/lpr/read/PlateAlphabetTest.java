package io.parkgate.lpr.read;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PlateAlphabetTest {

    /** Verifies that well-formed civil, new-energy and special plates are accepted and malformed ones refused. */
    @Test
    void tellsPlatesFromNonsense() {
        assertTrue(PlateAlphabet.isPlate("皖A12345"));
        assertTrue(PlateAlphabet.isPlate("粤BD12345"));
        assertTrue(PlateAlphabet.isPlate("京A1234警"));
        assertTrue(PlateAlphabet.isPlate("鲁B1234学"));
        assertTrue(PlateAlphabet.isPlate("粤Z1234港"));
        assertFalse(PlateAlphabet.isPlate("A皖12345"), "province must come first");
        assertFalse(PlateAlphabet.isPlate("皖112345"), "second character is a letter");
        assertFalse(PlateAlphabet.isPlate("皖A1警345"), "警 only last");
        assertFalse(PlateAlphabet.isPlate("皖AO2345"), "no letter O on plates");
        assertFalse(PlateAlphabet.isPlate("皖A1234"));
    }

    /**
     * Verifies GA 36's special series: O is issued only as the second character of police plates
     * (粤O·1234警, provincial public-security departments), never in a serial; 港 and 澳 only on 粤Z
     * cross-border plates.
     */
    @Test
    void followsSpecialSeries() {
        assertTrue(PlateAlphabet.isPlate("粤O1234警"));
        assertTrue(PlateAlphabet.isPlate("粤O0A12警"));
        assertFalse(PlateAlphabet.isPlate("粤O12345"), "O only on police plates");
        assertFalse(PlateAlphabet.isPlate("粤A1O34警"), "no O in a serial");
        assertFalse(PlateAlphabet.isPlate("粤OD12345"), "no O on new-energy plates");
        assertTrue(PlateAlphabet.isPlate("粤Z1234港"));
        assertTrue(PlateAlphabet.isPlate("粤ZA123澳"));
        assertFalse(PlateAlphabet.isPlate("京A1234港"), "港 only after 粤Z");
        assertFalse(PlateAlphabet.isPlate("粤B1234澳"), "澳 only after 粤Z");
    }

    /**
     * Verifies GA 36's eight-character rule: only new-energy plates have eight characters, D or F
     * third with a letter or digit and four digits after it (small), or five digits and D or F
     * (large); no suffix and no other eight-character text.
     */
    @Test
    void eightCharactersOnlyOnNewEnergyPlates() {
        assertTrue(PlateAlphabet.isPlate("粤BD12345"));
        assertTrue(PlateAlphabet.isPlate("粤BFA1234"));
        assertTrue(PlateAlphabet.isPlate("川A12345F"));
        assertFalse(PlateAlphabet.isPlate("皖A12345警"), "a suffix only on seven characters");
        assertFalse(PlateAlphabet.isPlate("皖AB12345"), "third of eight is D or F, or the plate ends in D or F");
        assertFalse(PlateAlphabet.isPlate("皖AD1234A"), "a small new-energy plate ends in four digits");
        assertFalse(PlateAlphabet.isPlate("皖A1234567"));
        assertFalse(PlateAlphabet.isPlate("皖A1A345D"), "a large new-energy plate has five digits");
    }

    /**
     * Verifies the numbering rule that a serial (the five characters after the issuer letter) carries at
     * most two letters: all 1,029 labelled lpr-dev plates keep it, and the bumper shadow read as
     * 青WJ9DFE (four letters) was no plate.
     */
    @Test
    void serialHasAtMostTwoLetters() {
        assertTrue(PlateAlphabet.isPlate("京PL3N67"));
        assertTrue(PlateAlphabet.isPlate("皖A1234警"));
        assertTrue(PlateAlphabet.isPlate("粤BAB123"));
        assertFalse(PlateAlphabet.isPlate("青WJ9DFE"), "four letters in the serial");
        assertTrue(PlateAlphabet.isPlate("皖ABC123"), "A is the issuer letter; the serial BC123 has two");
        assertFalse(PlateAlphabet.isPlate("皖ABCD12"), "three letters in the serial");
        assertFalse(PlateAlphabet.isPlate("皖AAB1C挂"), "three letters before the suffix");
    }

    /**
     * Verifies the embassy and consulate series: an embassy plate begins with 使 and has six digits
     * (使014·578), a consulate plate ends in 领 after the province, the issuer letter and four
     * characters (沪A·1234领); 使 never ends a plate.
     */
    @Test
    void embassyPlatesBeginWithShiAndConsulatePlatesEndWithLing() {
        assertTrue(PlateAlphabet.isPlate("使014578"));
        assertTrue(PlateAlphabet.isPlate("沪A1234领"));
        assertFalse(PlateAlphabet.isPlate("京A1234使"), "使 comes first");
        assertFalse(PlateAlphabet.isPlate("使01457A"), "digits after 使");
        assertFalse(PlateAlphabet.isPlate("使0145789"), "six digits after 使");
        assertFalse(PlateAlphabet.isPlate("领A12345"), "领 comes last");
    }

    /** Verifies that armed-police plates (WJ, optional province, 5 letters or digits) are plates and nothing else is
     * WJ. */
    @Test
    void tellsArmedPolicePlates() {
        assertTrue(PlateAlphabet.isArmedPolice("WJ粤12345"));
        assertTrue(PlateAlphabet.isArmedPolice("WJ琼1234X"));
        assertTrue(PlateAlphabet.isArmedPolice("WJ12345"));
        assertTrue(PlateAlphabet.isPlate("WJ琼1234X"));
        assertFalse(PlateAlphabet.isArmedPolice("WJ粤1234"), "five characters after the province");
        assertFalse(PlateAlphabet.isArmedPolice("WJ1234"), "five characters after WJ");
        assertFalse(PlateAlphabet.isArmedPolice("WJ粤123警"), "no suffix on WJ plates");
        assertFalse(PlateAlphabet.isArmedPolice("皖J12345"), "a civil plate");
        assertFalse(PlateAlphabet.isArmedPolice("JW12345"));
        assertFalse(PlateAlphabet.isPlate("WA12345"), "W is no province");
    }

    /** Verifies that a text splits into characters, not UTF-16 units or bytes. */
    @Test
    void splitsIntoCharacters() {
        assertEquals(8, PlateAlphabet.split("粤BD12345").size());
        assertEquals("粤", PlateAlphabet.split("粤BD12345").get(0));
        assertEquals(PlateAlphabet.symbols().size(), PlateAlphabet.size());
        assertEquals(0, PlateAlphabet.indexOf("京"));
    }
}
