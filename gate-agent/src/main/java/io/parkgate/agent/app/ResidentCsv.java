package io.parkgate.agent.app;

import io.parkgate.plate.Plate;
import io.parkgate.plate.PlateColour;
import io.parkgate.plate.PlateInfo;
import io.parkgate.registry.Card;
import io.parkgate.registry.Owner;
import io.parkgate.registry.Pass;
import io.parkgate.registry.RegistrySnapshot;
import io.parkgate.registry.Vehicle;
import io.parkgate.tariff.VehicleClass;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Residents for a lane's first install without central: the card centre's CSV
 * ({@code name,unit,phone,plate,card}, header optional) with an optional sixth column, the last day of the
 * pass ({@code yyyy-MM-dd}; empty = permanent). Every row is checked before anything is used: one bad row
 * rejects the file, each problem listed with its line, so a half-seeded lane never decides.
 */
public final class ResidentCsv {

    private static final Pattern CARD = Pattern.compile("[0-9A-Fa-f]{10}");

    private ResidentCsv() {
    }

    /** The parse: a snapshot (version 0, replaced by central's first) or the problems, one per line. */
    public record Result(RegistrySnapshot registry, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    public static Result parse(String source, List<String> lines, ZoneId zone) {
        List<Owner> owners = new ArrayList<>();
        List<Vehicle> vehicles = new ArrayList<>();
        List<Card> cards = new ArrayList<>();
        List<Pass> passes = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> plates = new HashSet<>();
        Set<String> cardNumbers = new HashSet<>();
        Instant from = Instant.EPOCH;
        for (int i = 0; i < lines.size(); i++) {
            String line = i == 0 ? lines.get(i).replace("\uFEFF", "") : lines.get(i);
            String where = source + ":" + (i + 1) + ": ";
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (i == 0 && f[0].strip().equalsIgnoreCase("name")) {
                continue; // header
            }
            if (f.length < 5 || f.length > 6) {
                problems.add(where + "expected name,unit,phone,plate,card[,passUntil], got " + f.length + " columns");
                continue;
            }
            String name = f[0].strip();
            String unit = f[1].strip();
            String phone = f[2].strip();
            String card = f[4].strip().toUpperCase(Locale.ROOT);
            if (name.isEmpty() || unit.isEmpty()) {
                problems.add(where + "name and unit are required");
                continue;
            }
            PlateInfo plate = Plate.classify(f[3].strip());
            if (!plate.valid()) {
                problems.add(where + "plate '" + f[3].strip() + "' is not a plate: " + plate.problem());
                continue;
            }
            if (!plates.add(plate.plate())) {
                problems.add(where + "plate " + plate.plate() + " appears twice");
                continue;
            }
            if (!card.isEmpty() && !CARD.matcher(card).matches()) {
                problems.add(where + "card '" + card + "' is not 10 hex digits");
                continue;
            }
            if (!card.isEmpty() && !cardNumbers.add(card)) {
                problems.add(where + "card " + card + " appears twice");
                continue;
            }
            Instant until = null;
            if (f.length == 6 && !f[5].isBlank()) {
                try {
                    until = LocalDate.parse(f[5].strip()).plusDays(1).atStartOfDay(zone).toInstant();
                } catch (DateTimeParseException e) {
                    problems.add(where + "passUntil '" + f[5].strip() + "' is not a date yyyy-MM-dd");
                    continue;
                }
            }
            String owner = "csv-" + (i + 1);
            owners.add(new Owner(owner, name, unit, phone));
            // New-energy plates have eight characters and are green; the rest of a residential car park is blue.
            vehicles.add(new Vehicle(plate.plate(), owner, plate.plate().length() == 8 ? PlateColour.GREEN
                    : PlateColour.BLUE, VehicleClass.SMALL));
            if (!card.isEmpty()) {
                cards.add(new Card(card, owner, plate.plate(), Card.Status.ACTIVE));
            }
            passes.add(new Pass("csv-pass-" + (i + 1), plate.plate(),
                    until == null ? Pass.Type.PERMANENT : Pass.Type.ANNUAL, from, until));
        }
        if (problems.isEmpty() && vehicles.isEmpty()) {
            problems.add(source + ": no residents");
        }
        return new Result(problems.isEmpty() ? new RegistrySnapshot(0, owners, vehicles, cards, passes, List.of(),
                List.of(), List.of()) : null, List.copyOf(problems));
    }
}
