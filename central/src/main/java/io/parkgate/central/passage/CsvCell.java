package io.parkgate.central.passage;

/**
 * One cell of the register as CSV, quoted when needed. Text a lane or a person typed that starts like a formula
 * (= + - @, or a tab or carriage return before one) gets a leading apostrophe, so a spreadsheet shows it as text.
 * Only the first character counts: lane texts may hold line breaks, and a formula may span lines.
 */
final class CsvCell {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private CsvCell() {
    }

    static String of(String s) {
        if (s == null) {
            return "";
        }
        String v = !s.isEmpty() && FORMULA_STARTS.indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
