package io.parkgate.lpr.tools;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32;

/**
 * A folder of labelled images: {@code labels.tsv} (header {@code file<TAB>plate}, paths relative to
 * the folder) when present, otherwise every image with its file name (without extension, without a
 * leading {@code _N_} index) as the label. Also the fixed train / held-out split of lpr-dev.
 */
public final class LabelledImages {

    /**
     * One image and its expected plate text; {@code group} is labels.tsv's third column when there is
     * one (the plate colour in generated sets), else empty; {@code columns} every column of its
     * labels.tsv row by the header's name (e.g. {@code light}, {@code x1}, {@code quad}).
     */
    public record Item(Path file, String relative, String plate, String group, Map<String, String> columns) {

        public Item(Path file, String relative, String plate, String group) {
            this(file, relative, plate, group, Map.of());
        }
    }

    private LabelledImages() {
    }

    public static List<Item> read(Path folder) throws IOException {
        Path tsv = folder.resolve("labels.tsv");
        List<Item> items = new ArrayList<>();
        if (Files.isRegularFile(tsv)) {
            List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            String[] names = lines.isEmpty() ? new String[0] : lines.get(0).split("\t");
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).split("\t");
                if (f.length >= 2 && !f[0].isBlank()) {
                    Map<String, String> columns = new HashMap<>();
                    for (int c = 0; c < Math.min(names.length, f.length); c++) {
                        columns.put(names[c].trim(), f[c].trim());
                    }
                    items.add(new Item(folder.resolve(f[0]), f[0], f[1].trim(), group(lines.get(0), f),
                            Map.copyOf(columns)));
                }
            }
            return items;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(LabelledImages::isImage).sorted().forEach(p -> {
                String name = p.getFileName().toString();
                items.add(new Item(p, name, labelFromName(name), ""));
            });
        }
        return items;
    }

    /** The third column when the header names it "colour" (generated sets); lpr-dev's box columns are not groups. */
    private static String group(String header, String[] fields) {
        String[] names = header.split("\t");
        return names.length >= 3 && "colour".equals(names[2].trim()) && fields.length >= 3 ? fields[2].trim() : "";
    }

    static boolean isImage(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".jpg") || n.endsWith(".jpeg") || n.endsWith(".png") || n.endsWith(".bmp");
    }

    /** "_1_皖KD01833.jpg" → "皖KD01833". */
    static String labelFromName(String name) {
        String base = name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        return base.replaceFirst("^_\\d+_", "");
    }

    /**
     * Whether an lpr-dev image is in the held-out fifth, decided by a hash of its file name so the
     * split never changes: training never sees these, the reported figures use only these.
     */
    public static boolean heldOut(Item item) {
        CRC32 crc = new CRC32();
        crc.update(item.file().getFileName().toString().getBytes(StandardCharsets.UTF_8));
        return crc.getValue() % 5 == 0;
    }
}
