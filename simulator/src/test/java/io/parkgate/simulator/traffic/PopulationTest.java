package io.parkgate.simulator.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.config.ExemptionCategory;
import io.parkgate.plate.PlateColour;
import io.parkgate.registry.Card;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The generated registry: repeatable, realistic and covering every case the lanes must handle. */
class PopulationTest {

    private static final Instant AS_OF = Instant.parse("2026-11-23T00:00:00Z");
    private static final Pattern BLUE_OR_YELLOW = Pattern.compile("^\\p{IsHan}[A-HJ-NP-Z][A-HJ-NP-Z0-9]{5}$");
    private static final Pattern SCHOOL = Pattern.compile("^\\p{IsHan}[A-HJ-NP-Z][0-9]{4}学$");
    private static final Pattern GREEN = Pattern.compile("^\\p{IsHan}[A-HJ-NP-Z][DF][A-HJ-NP-Z0-9][0-9]{4}$");

    /** Verifies that the same seed gives the same registry and another seed a different one. */
    @Test
    void sameSeedSamePopulation() {
        Population a = Population.generate(42, PopulationSize.defaults(), AS_OF);
        Population b = Population.generate(42, PopulationSize.defaults(), AS_OF);
        Population c = Population.generate(43, PopulationSize.defaults(), AS_OF);
        assertEquals(a.registry(), b.registry());
        assertEquals(a.residents(), b.residents());
        assertEquals(a.policyPlates(), b.policyPlates());
        assertNotEquals(a.registry().vehicles(), c.registry().vehicles());
    }

    /** Verifies plate formats by colour, unique plates, 10-upper-hex unique cards, and many provinces. */
    @Test
    void platesAndCardsAreRealistic() {
        RegistrySnapshot r = Population.generate(7, PopulationSize.defaults(), AS_OF).registry();
        Set<Character> provinces = new HashSet<>();
        Set<String> plates = new HashSet<>();
        for (Vehicle v : r.vehicles()) {
            assertTrue(plates.add(v.plate()), "duplicate plate " + v.plate());
            provinces.add(v.plate().charAt(0));
            Pattern p = v.colour() == PlateColour.GREEN ? GREEN : BLUE_OR_YELLOW;
            assertTrue(p.matcher(v.plate()).matches() || v.colour() == PlateColour.YELLOW
                    && SCHOOL.matcher(v.plate()).matches(), v.colour() + " plate " + v.plate());
            assertEquals(v.colour() == PlateColour.GREEN ? 8 : 7, v.plate().length(), v.plate());
        }
        assertTrue(provinces.size() >= 15, "provinces " + provinces);
        assertTrue(r.vehicles().stream().anyMatch(v -> v.colour() == PlateColour.YELLOW));
        Set<String> numbers = new HashSet<>();
        for (Card c : r.cards()) {
            assertTrue(c.number().matches("[0-9A-F]{10}"), c.number());
            assertTrue(numbers.add(c.number()));
        }
        assertTrue(r.cards().stream().anyMatch(c -> c.status() != Card.Status.ACTIVE));
    }

    /** Verifies that passes are valid, expiring within 7 days, or expired, as the resident's status says. */
    @Test
    void passStatusesMatchTheirValidity() {
        Population pop = Population.generate(9, PopulationSize.defaults(), AS_OF);
        Set<Resident.PassStatus> seen = new HashSet<>();
        for (Resident res : pop.residents()) {
            seen.add(res.passStatus());
            switch (res.passStatus()) {
                case VALID -> assertTrue(res.pass().validAt(AS_OF) && (res.pass().validUntil() == null
                        || res.pass().validUntil().isAfter(AS_OF.plus(Duration.ofDays(7)))), res.toString());
                case EXPIRING -> assertTrue(res.pass().validAt(AS_OF)
                        && !res.pass().validAt(AS_OF.plus(Duration.ofDays(7))), res.toString());
                case EXPIRED -> assertTrue(!res.pass().validAt(AS_OF), res.toString());
            }
            assertEquals(res.vehicle().plate(), res.pass().plate());
            if (res.card() != null) {
                assertEquals(res.vehicle().plate(), res.card().plate());
            }
        }
        assertEquals(Set.of(Resident.PassStatus.values()), seen);
    }

    /** Verifies that visitors, blacklist and exemptions exist and policy plates are recognised by the site's
     * categories. */
    @Test
    void specialCasesPresent() {
        Population pop = Population.generate(11, PopulationSize.defaults(), AS_OF);
        RegistrySnapshot r = pop.registry();
        assertEquals(25, r.visitors().size());
        assertTrue(r.visitors().stream().anyMatch(v -> v.validAt(AS_OF)));
        assertEquals(6, r.blacklist().size());
        assertTrue(r.blacklist().stream().allMatch(b -> !b.reason().isBlank()));
        assertTrue(r.exemptions().stream().allMatch(e -> e.validAt(AS_OF)));
        List<ExemptionCategory> categories = ExemptionCategory.defaults();
        for (String plate : pop.policyPlates()) {
            assertTrue(categories.stream().anyMatch(c -> c.matches(plate)), "not policy-exempt: " + plate);
        }
        PlateFactory f = new PlateFactory(new Random(1), "粤", 'B', 1.0);
        assertTrue(f.police().matches("^粤B[0-9]{4}警$"));
        assertTrue(f.armedPolice().startsWith("WJ粤"));
        assertTrue(f.fireRescue().endsWith("应急"));
    }
}
