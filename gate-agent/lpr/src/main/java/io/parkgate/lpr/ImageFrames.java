package io.parkgate.lpr;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes camera frames safely and by their content, never by a file name: JPEG, PNG and BMP (exports
 * and some cameras save PNGs named .jpg). The size is read from the header first, so a huge JPEG is
 * decoded at 1/2, 1/4 or 1/8 scale by libjpeg itself and absurd sizes are refused before any pixel is
 * touched; anything else is refused with what it looks like.
 */
final class ImageFrames {

    static final int MIN_SIDE = 32;
    /** Frames are scaled down until their longer side is at most this. */
    static final int MAX_SIDE = 1600;
    /** JPEGs are decoded reduced, so only their header size is bounded this loosely. */
    private static final long MAX_JPEG_PIXELS = 100_000_000L;
    /** PNG and BMP are decoded at full size before scaling down: 40 Mpx is 120 MB of BGR. */
    private static final long MAX_OTHER_PIXELS = 40_000_000L;

    /** A decoded frame, or why there is none. */
    record Decoded(Mat image, String problem) {
    }

    /** The formats decoded, each with how to read its width and height from the header. */
    enum Format {
        JPEG("JPEG has no frame header (SOF) before its data: truncated or damaged"),
        PNG("PNG has no complete IHDR header: truncated or damaged"),
        BMP("BMP header is incomplete: truncated or damaged");

        private final String noHeader;

        Format(String noHeader) {
            this.noHeader = noHeader;
        }

        /** The format the bytes start with, or null. */
        static Format of(byte[] b) {
            if (b.length >= 3 && u8(b, 0) == 0xFF && u8(b, 1) == 0xD8) {
                return JPEG;
            }
            if (startsWith(b, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'})) {
                return PNG;
            }
            if (b.length >= 2 && b[0] == 'B' && b[1] == 'M') {
                return BMP;
            }
            return null;
        }

        /** {width, height} from the header, or null when the header is cut short or malformed. */
        int[] size(byte[] b) {
            return switch (this) {
                case JPEG -> jpegSize(b);
                case PNG -> b.length >= 24 && "IHDR".equals(new String(b, 12, 4, StandardCharsets.ISO_8859_1))
                        ? new int[] {be32(b, 16), be32(b, 20)} : null;
                case BMP -> bmpSize(b);
            };
        }

        long maxPixels() {
            return this == JPEG ? MAX_JPEG_PIXELS : MAX_OTHER_PIXELS;
        }
    }

    private ImageFrames() {
    }

    /** A plate crop: as a frame, but small images down to 16×8 are fine. */
    static Decoded decodeCrop(byte[] image) {
        return decode(image, 16, 8);
    }

    static Decoded decode(byte[] image) {
        return decode(image, MIN_SIDE, MIN_SIDE);
    }

    private static Decoded decode(byte[] bytes, int minW, int minH) {
        if (bytes == null || bytes.length == 0) {
            return new Decoded(null, "no image bytes");
        }
        Format format = Format.of(bytes);
        if (format == null) {
            return new Decoded(null, "not a JPEG, PNG or BMP image: starts with " + head(bytes) + looksLike(bytes)
                    + " (" + bytes.length + " bytes)");
        }
        int[] size = format.size(bytes);
        if (size == null) {
            return new Decoded(null, format.noHeader);
        }
        int w = size[0];
        int h = size[1];
        if (w < minW || h < minH) {
            return new Decoded(null, format + " image " + w + "x" + h + " is smaller than " + minW + "x" + minH);
        }
        if ((long) w * h > format.maxPixels()) {
            return new Decoded(null, format + " image " + w + "x" + h + " has more than " + format.maxPixels()
                    + " pixels");
        }
        int longer = Math.max(w, h);
        int flag = Imgcodecs.IMREAD_COLOR;
        if (format == Format.JPEG && longer > MAX_SIDE * 4) {
            flag = Imgcodecs.IMREAD_REDUCED_COLOR_8;
        } else if (format == Format.JPEG && longer > MAX_SIDE * 2) {
            flag = Imgcodecs.IMREAD_REDUCED_COLOR_4;
        } else if (format == Format.JPEG && longer > MAX_SIDE) {
            flag = Imgcodecs.IMREAD_REDUCED_COLOR_2;
        }
        MatOfByte buf = new MatOfByte(bytes);
        Mat img = Imgcodecs.imdecode(buf, flag);
        buf.release();
        if (img.empty()) {
            return new Decoded(null, format + " " + w + "x" + h + " could not be decoded: truncated or damaged");
        }
        if (Math.max(img.cols(), img.rows()) > MAX_SIDE) {
            double f = MAX_SIDE / (double) Math.max(img.cols(), img.rows());
            Imgproc.resize(img, img, new Size(), f, f, Imgproc.INTER_AREA);
        }
        return new Decoded(img, null);
    }

    /** Width and height from the first SOF marker, or null when there is none before the scan. */
    static int[] jpegSize(byte[] b) {
        int i = 2;
        while (i + 3 < b.length) {
            if ((b[i] & 0xff) != 0xFF) {
                return null;
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xFF) {
                i++;
                continue;
            }
            if (marker == 0xD8 || marker >= 0xD0 && marker <= 0xD7 || marker == 0x01) {
                i += 2;
                continue;
            }
            int len = ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (sof) {
                if (i + 8 >= b.length) {
                    return null;
                }
                int h = ((b[i + 5] & 0xff) << 8) | (b[i + 6] & 0xff);
                int w = ((b[i + 7] & 0xff) << 8) | (b[i + 8] & 0xff);
                return new int[] {w, h};
            }
            if (marker == 0xDA || len < 2) {
                return null;
            }
            i += 2 + len;
        }
        return null;
    }

    /** BMP: a 12-byte OS/2 core header has 16-bit sizes, later ones 32-bit; negative height is top-down. */
    private static int[] bmpSize(byte[] b) {
        if (b.length < 26) {
            return null;
        }
        int header = le32(b, 14);
        if (header == 12) {
            return new int[] {u8(b, 18) | u8(b, 19) << 8, u8(b, 20) | u8(b, 21) << 8};
        }
        if (header < 40) {
            return null;
        }
        long w = le32(b, 18);
        long h = Math.abs((long) le32(b, 22));
        // A negative width is malformed; report it as a 0-wide image rather than overflow.
        return new int[] {(int) Math.max(0, w), (int) Math.min(Integer.MAX_VALUE, h)};
    }

    /** Says what common non-decoded formats are, for the reason a file was refused. */
    static String looksLike(byte[] b) {
        String ascii = new String(b, 0, Math.min(12, b.length), StandardCharsets.ISO_8859_1);
        if (ascii.startsWith("GIF8")) {
            return " (a GIF)";
        }
        if (ascii.startsWith("RIFF") && ascii.length() >= 12 && ascii.startsWith("WEBP", 8)) {
            return " (a WebP)";
        }
        if (ascii.startsWith("II*\0") || ascii.startsWith("MM\0*")) {
            return " (a TIFF)";
        }
        if (ascii.length() >= 8 && ascii.startsWith("ftyp", 4)) {
            return " (an ISO media file: HEIC or video)";
        }
        return "";
    }

    static String head(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(4, b.length); i++) {
            sb.append(i == 0 ? "" : " ").append(String.format(Locale.ROOT, "%02X", u8(b, i)));
        }
        return sb.toString();
    }

    private static boolean startsWith(byte[] b, byte[] prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (b[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    private static int be32(byte[] b, int i) {
        long v = (long) u8(b, i) << 24 | u8(b, i + 1) << 16 | u8(b, i + 2) << 8 | u8(b, i + 3);
        return (int) Math.min(Integer.MAX_VALUE, v);
    }

    private static int le32(byte[] b, int i) {
        return u8(b, i) | u8(b, i + 1) << 8 | u8(b, i + 2) << 16 | u8(b, i + 3) << 24;
    }
}
