package io.parkgate.central.passage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parkgate.plate.PlateColour;
import io.parkgate.wire.EventType;
import io.parkgate.wire.LaneEvent;
import io.parkgate.wire.PaymentMethod;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;

/** The register as a spreadsheet opens on the site's days, with fees as numbers and nothing that breaks the file. */
class RegisterExportTest {

    private static final ZoneId SHENZHEN = ZoneId.of("Asia/Shanghai");

    private static LaneEvent exit(String at, String remark) {
        return new LaneEvent("e-" + at, "north-out", EventType.EXIT, Instant.parse(at), "粤B6T239", "粤B6T239",
                PlateColour.BLUE, 95, null, "TEMPORARY", "临时车辆 <收费>", 500L, PaymentMethod.CASH, remark, null, null);
    }

    /** Verifies that 23:30 and 00:30 in Shenzhen land on their local days (UTC would put both on the 23rd). */
    @Test
    void csvIsInTheSitesLocalTime() {
        String csv = RegisterExport.csv(List.of(exit("2026-11-23T15:30:00Z", "=cmd()"),
                exit("2026-11-23T16:30:00Z", null)), SHENZHEN);
        String[] lines = csv.split("\r\n");
        assertTrue(lines[0].startsWith("\uFEFF时间 time,"), lines[0]);
        assertTrue(lines[1].startsWith("2026-11-23 23:30:00,north-out,EXIT,粤B6T239,"), lines[1]);
        assertTrue(lines[2].startsWith("2026-11-24 00:30:00,"), lines[2]);
        assertTrue(lines[1].contains(",5.00,CASH,'=cmd(),"), "fee in yuan, formula defused: " + lines[1]);
    }

    /**
     * Verifies that a lane's text cannot become a spreadsheet formula by carrying a line break (lane events allow
     * one): the guard must look at the first character, not at the whole cell. Both CSV exports share it.
     */
    @Test
    void aFormulaWithALineBreakIsDefused() {
        String formula = "=HYPERLINK(\"http://x.example/\",\n\"详情\")";
        String csv = RegisterExport.csv(List.of(exit("2026-11-23T15:30:00Z", formula)), SHENZHEN);
        assertTrue(csv.contains(",\"'=HYPERLINK("), "formula defused: " + csv);
        String old = RegisterCsv.render(List.of(exit("2026-11-23T15:30:00Z", "@SUM(1+1)\n")));
        assertTrue(old.contains(",\"'@SUM(1+1)\n\","), "formula defused: " + old);
    }

    /** Verifies that the .xlsx is a well-formed workbook: every part parses, times local, fees numeric. */
    @Test
    void xlsxIsAWellFormedWorkbook() throws Exception {
        byte[] x = RegisterExport.xlsx(List.of(exit("2026-11-23T16:30:00Z", "a\u0001b & c")), SHENZHEN);
        Map<String, String> parts = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(x))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                parts.put(e.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        assertEquals(5, parts.size(), parts.keySet().toString());
        for (var p : parts.entrySet()) {
            DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(p.getValue().getBytes(StandardCharsets.UTF_8)));
        }
        String sheet = parts.get("xl/worksheets/sheet1.xml");
        assertTrue(sheet.contains("<t xml:space=\"preserve\">2026-11-24 00:30:00</t>"), sheet);
        assertTrue(sheet.contains("<c r=\"I2\"><v>5.00</v></c>"), sheet);
        assertTrue(sheet.contains("临时车辆 &lt;收费&gt;") && sheet.contains("ab &amp; c"), sheet);
        assertEquals("AA", RegisterExport.column(26));
    }
}
