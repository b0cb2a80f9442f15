package io.parkgate.central.passage;

import io.parkgate.wire.LaneEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The register for a spreadsheet, in the site's local time (a row at 23:30 in Shenzhen is on that day, not the
 * next UTC one): as CSV (UTF-8 with BOM) and as a minimal Excel workbook (.xlsx, one sheet, fees as numbers,
 * times as text "yyyy-MM-dd HH:mm:ss"). No library: an .xlsx is a zip of five small XML files.
 */
public final class RegisterExport {

    static final List<String> HEADER = List.of("时间 time", "车道 lane", "类型 type", "车牌 plate", "识别 read",
            "卡号 card", "决定 code", "原因 reason", "费用(元) fee", "付款 payment", "备注 remarks", "event id");
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private RegisterExport() {
    }

    /** Header and one row per event; the fee as a number of yuan (from integer fen), others as text. */
    static List<List<Object>> rows(List<LaneEvent> events, ZoneId zone) {
        List<List<Object>> out = new ArrayList<>();
        out.add(new ArrayList<>(HEADER));
        for (LaneEvent e : events) {
            List<Object> r = new ArrayList<>();
            r.add(LOCAL.format(e.occurredAt().atZone(zone)));
            r.add(e.laneId());
            r.add(e.type().name());
            r.add(e.plate());
            r.add(e.plateAsRead());
            r.add(e.card());
            r.add(e.code());
            r.add(e.reason());
            r.add(e.feeFen() == null ? null : new YuanCell(e.feeFen()));
            r.add(e.paymentMethod() == null ? null : e.paymentMethod().name());
            r.add(e.remark());
            r.add(e.eventId());
            out.add(r);
        }
        return out;
    }

    /** An amount in yuan, kept as integer fen until written. */
    record YuanCell(long fen) {
        @Override
        public String toString() {
            return io.parkgate.tariff.Yuan.of(fen);
        }
    }

    public static String csv(List<LaneEvent> events, ZoneId zone) {
        StringBuilder b = new StringBuilder("\uFEFF");
        for (List<Object> r : rows(events, zone)) {
            for (int i = 0; i < r.size(); i++) {
                if (i > 0) {
                    b.append(',');
                }
                b.append(csvCell(r.get(i)));
            }
            b.append("\r\n");
        }
        return b.toString();
    }

    public static byte[] xlsx(List<LaneEvent> events, ZoneId zone) {
        StringBuilder sheet = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>");
        List<List<Object>> rows = rows(events, zone);
        for (int i = 0; i < rows.size(); i++) {
            sheet.append("<row r=\"").append(i + 1).append("\">");
            List<Object> r = rows.get(i);
            for (int j = 0; j < r.size(); j++) {
                Object v = r.get(j);
                String ref = column(j) + (i + 1);
                if (v instanceof YuanCell y) {
                    sheet.append("<c r=\"").append(ref).append("\"><v>").append(y).append("</v></c>");
                } else if (v != null) {
                    sheet.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t xml:space=\"preserve\">")
                            .append(xml(v.toString())).append("</t></is></c>");
                }
            }
            sheet.append("</row>");
        }
        sheet.append("</sheetData></worksheet>");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                    + "<Default Extension=\"rels\" "
                            + "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
                    + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" "
                            + "ContentType=\"application/vnd.openxmlformats-officedocument"
                    + ".spreadsheetml.sheet.main+xml\"/>"
                    + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-"
                    + "officedocument.spreadsheetml.worksheet+xml\"/></Types>");
            put(zip, "_rels/.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
                    + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
                    + "<sheets><sheet name=\"register\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>");
            put(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
                    + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
                    + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
                    + "relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/></Relationships>");
            put(zip, "xl/worksheets/sheet1.xml", sheet.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String text) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(text.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** A, B, … Z, AA, … */
    static String column(int i) {
        return i < 26 ? String.valueOf((char) ('A' + i)) : column(i / 26 - 1) + (char) ('A' + i % 26);
    }

    private static String xml(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> {
                    // XML 1.0 has no place for most control characters: drop them rather than break the file.
                    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r') {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String csvCell(Object o) {
        if (o == null) {
            return "";
        }
        String s = o.toString();
        if (o instanceof YuanCell) {
            return s;
        }
        return CsvCell.of(s);
    }
}
