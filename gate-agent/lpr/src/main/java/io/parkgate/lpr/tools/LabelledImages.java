package io.parkgate.lpr.tools;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    /** A labels.tsv line or a file that is not evaluated, and why. */
    public record Skipped(String where, String reason) {
    }

    /** The labelled images of a folder and what in it could not be taken as one. */
    public record Listing(List<Item> items, List<Skipped> skipped) {
    }

    private LabelledImages() {
    }

    public static List<Item> read(Path folder) throws IOException {
        return list(folder).items();
    }

    /**
     * The labelled images, and what was left out: a labels.tsv line that is not UTF-8 or has no
     * plate, and image files under the folder that labels.tsv does not list. Never stops on a bad line.
     */
    public static Listing list(Path folder) throws IOException {
        Path tsv = folder.resolve("labels.tsv");
        List<Item> items = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        if (Files.isRegularFile(tsv)) {
            List<String> lines = lines(Files.readAllBytes(tsv));
            String[] names = lines.isEmpty() || lines.get(0) == null ? new String[0] : lines.get(0).split("\t");
            Set<String> listed = new HashSet<>();
            for (int i = 1; i < lines.size(); i++) {
                String line = lines.get(i);
                if (line == null) {
                    skipped.add(new Skipped("labels.tsv line " + (i + 1), "not UTF-8 text"));
                    continue;
                }
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length < 2 || f[0].isBlank() || f[1].isBlank()) {
                    skipped.add(new Skipped("labels.tsv line " + (i + 1), "expected file<TAB>plate, got '" + line
                            + "'"));
                    continue;
                }
                Map<String, String> columns = new HashMap<>();
                for (int c = 0; c < Math.min(names.length, f.length); c++) {
                    columns.put(names[c].trim(), f[c].trim());
                }
                items.add(new Item(folder.resolve(f[0]), f[0], f[1].trim(), group(String.join("\t", names), f),
                        Map.copyOf(columns)));
                listed.add(folder.resolve(f[0]).normalize().toString());
            }
            try (Stream<Path> files = Files.walk(folder)) {
                files.filter(p -> Files.isRegularFile(p) && isImage(p) && !listed.contains(p.normalize().toString()))
                        .sorted()
                        .forEach(p -> skipped.add(new Skipped(folder.relativize(p).toString().replace('\\', '/'),
                                "not listed in labels.tsv")));
            } catch (IOException | java.io.UncheckedIOException e) {
                // An unreadable subfolder only hides unlisted files; the labelled ones are still evaluated.
                skipped.add(new Skipped(folder.toString(), "could not look for files labels.tsv does not list: " + e));
            }
            return new Listing(items, skipped);
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(LabelledImages::isImage).sorted().forEach(p -> {
                String name = p.getFileName().toString();
                items.add(new Item(p, name, labelFromName(name), ""));
            });
        }
        return new Listing(items, skipped);
    }

    /** The lines of a UTF-8 file, null for each line that is not valid UTF-8. */
    private static List<String> lines(byte[] bytes) {
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i == bytes.length && start == i) {
                    break;
                }
                int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
                try {
                    out.add(StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(bytes, start, end - start)).toString());
                } catch (CharacterCodingException e) {
                    out.add(null);
                }
                start = i + 1;
            }
        }
        return out;
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
