package io.parkgate.plate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlateMatcherTest {

    private final PlateMatcher matcher = PlateMatcher.of(List.of(
            "粤B12345", "京AD12345", "沪A1234学", "WJ01234", "粤B1234警", "湘A88888", "浙C5Z2Q1",
            // two plates one confusable apart from the read 粤E60001 each: 粤E6000I and 粤EG0001
            "粤E6000I", "粤EG0001",
            // the same tail under two provinces: a read without province cannot tell them apart
            "苏E12345", "浙E12345"));

    /** Verifies that an exact read (after normalisation) matches exactly with no note. */
    @Test
    void exactMatch() {
        MatchResult m = matcher.match("粤b·12345");
        assertEquals(MatchResult.Kind.EXACT, m.kind());
        assertEquals("粤B12345", m.best().orElseThrow().plate());
        assertEquals(0, m.best().orElseThrow().distance());
        assertNull(m.note());
    }

    /** Verifies that reads differing by confusables or the province find the plate, with distance and note. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "粤B1234S|粤B12345|1|读为粤B1234S，按粤B12345匹配（S/5 易混）",
        "粤812345|粤B12345|1|读为粤812345，按粤B12345匹配（8/B 易混）",
        "粤8I234S|粤B12345|3|读为粤8I234S，按粤B12345匹配（8/B 易混、I/1 易混、S/5 易混）",
        "京A012345|京AD12345|1|读为京A012345，按京AD12345匹配（0/D 易混）",
        "京AQ12345|京AD12345|1|读为京AQ12345，按京AD12345匹配（Q/D 易混）",
        "沪A1Z34学|沪A1234学|1|读为沪A1Z34学，按沪A1234学匹配（Z/2 易混）",
        "WJO1Z34|WJ01234|2|读为WJO1Z34，按WJ01234匹配（O/0 易混、Z/2 易混）",
        "粤B1Z34警|粤B1234警|1|读为粤B1Z34警，按粤B1234警匹配（Z/2 易混）",
        "湘A8888B|湘A88888|1|读为湘A8888B，按湘A88888匹配（B/8 易混）",
        "浙CS22D1|浙C5Z2Q1|3|读为浙CS22D1，按浙C5Z2Q1匹配（S/5 易混、2/Z 易混、D/Q 易混）",
        "B12345|粤B12345|1|读为B12345，按粤B12345匹配（漏读省份“粤”）",
        "AD12345|京AD12345|1|读为AD12345，按京AD12345匹配（漏读省份“京”）",
        "A1234学|沪A1234学|1|读为A1234学，按沪A1234学匹配（漏读省份“沪”）",
        "闽B12345|粤B12345|1|读为闽B12345，按粤B12345匹配（省份“粤”读为“闽”）",
        "B1234S|粤B12345|2|读为B1234S，按粤B12345匹配（漏读省份“粤”、S/5 易混）",
        "闽B1234S|粤B12345|2|读为闽B1234S，按粤B12345匹配（省份“粤”读为“闽”、S/5 易混）",
    })
    void fuzzyMatches(String read, String plate, int distance, String note) {
        MatchResult m = matcher.match(read);
        assertEquals(MatchResult.Kind.FUZZY, m.kind(), read);
        Candidate best = m.best().orElseThrow();
        assertEquals(plate, best.plate());
        assertEquals(distance, best.distance());
        assertEquals(note, m.note());
    }

    /** Verifies that reads differing by a non-confusable character, or by length, match nothing. */
    @Test
    void nonConfusableCharactersDoNotMatch() {
        assertEquals(MatchResult.Kind.NONE, matcher.match("粤B12346").kind());
        assertEquals(MatchResult.Kind.NONE, matcher.match("粤B1234").kind());
        assertEquals(MatchResult.Kind.NONE, matcher.match("粤A12345").kind());
        assertEquals(MatchResult.Kind.NONE, matcher.match("").kind());
        assertEquals(MatchResult.Kind.NONE, matcher.match(null).kind());
    }

    /** Verifies that two equally close candidates are reported as ambiguous and never guessed between. */
    @Test
    void equallyCloseCandidatesAreAmbiguous() {
        MatchResult m = matcher.match("粤E60001");
        assertEquals(MatchResult.Kind.FUZZY, m.kind());
        assertTrue(m.ambiguous());
        assertTrue(m.best().isEmpty());
        assertEquals(List.of("粤E6000I", "粤EG0001"), m.closest().stream().map(Candidate::plate).toList());
        assertEquals("读为粤E60001，粤E6000I、粤EG0001同样接近，不作猜测", m.note());
    }

    /** Verifies that a read missing its province is ambiguous when two provinces share the tail. */
    @Test
    void missedProvinceWithTwoProvincesIsAmbiguous() {
        MatchResult m = matcher.match("E12345");
        assertTrue(m.ambiguous());
        assertEquals(2, m.closest().size());
    }

    /** Verifies that a unique closest candidate wins over a farther one, and the note says so. */
    @Test
    void closestCandidateWinsOverFartherOne() {
        PlateMatcher two = PlateMatcher.of(List.of("粤B12345", "粤B1Z345"));
        MatchResult m = two.match("粤B1234S");
        assertFalse(m.ambiguous());
        assertEquals(List.of("粤B12345", "粤B1Z345"), m.candidates().stream().map(Candidate::plate).toList());
        assertEquals("粤B12345", m.best().orElseThrow().plate());
        assertEquals("读为粤B1234S，按粤B12345匹配（S/5 易混）；另有1个较远候选", m.note());
    }

    /** Verifies that a confusable index can grow and shrink and matches what it holds. */
    @Test
    void indexAddsAndRemoves() {
        ConfusableIndex index = new ConfusableIndex();
        assertTrue(index.add("粤B12345"));
        assertFalse(index.add("粤B 12345"));
        assertFalse(index.add(" "));
        assertTrue(index.add("粤B1234S"));
        assertEquals(MatchResult.Kind.EXACT, index.match("粤B1234S").kind());
        assertTrue(index.remove("粤B1234S"));
        assertFalse(index.remove("粤B1234S"));
        assertEquals("粤B12345", index.match("粤B1234S").best().orElseThrow().plate());
        assertTrue(index.remove("粤B12345"));
        assertEquals(MatchResult.Kind.NONE, index.match("粤B1234S").kind());
        assertEquals(MatchResult.Kind.NONE, index.match("B12345").kind());
        assertEquals(0, index.size());
    }

    /** Verifies that 100,000 plates index without error and every one is then found exactly and fuzzily. */
    @Test
    void indexesOneHundredThousandPlates() {
        List<String> plates = new ArrayList<>(100_000);
        String letters = "ACEFHJKLMNPRUVWXY";
        for (int i = 0; plates.size() < 100_000; i++) {
            char province = Plate.PROVINCES.charAt(i % Plate.PROVINCES.length());
            char letter = letters.charAt((i / 31) % letters.length());
            plates.add("" + province + letter + String.format("%05d", i % 100_000));
        }
        PlateMatcher big = PlateMatcher.of(plates);
        assertEquals(100_000, big.size());
        for (int i = 0; i < plates.size(); i += 997) {
            String plate = plates.get(i);
            assertEquals(MatchResult.Kind.EXACT, big.match(plate).kind());
            String misread = plate.substring(0, 2) + plate.substring(2).replace('5', 'S').replace('0', 'D')
                    .replace('8', 'B');
            MatchResult m = big.match(misread);
            if (!misread.equals(plate)) {
                assertEquals(plate, m.best().orElseThrow().plate(), misread);
            }
        }
    }
}
