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

    /** Verifies that armed-police plates (WJ, optional province, 5 letters or digits) are plates and nothing else is WJ. */
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
