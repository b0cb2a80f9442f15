package io.parkgate.lpr;

import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes camera JPEGs safely: reads the frame size from the header first, so huge frames are decoded
 * at 1/2, 1/4 or 1/8 scale by libjpeg itself and absurd ones are refused before any pixel is touched.
 */
final class JpegFrames {

    static final int MIN_SIDE = 32;
    /** Frames are scaled down until their longer side is at most this. */
    static final int MAX_SIDE = 1600;
    private static final long MAX_PIXELS = 100_000_000L;

    /** A decoded frame, or why there is none. */
    record Decoded(Mat image, String problem) {
    }

    private JpegFrames() {
    }

    /** A plate crop: as a frame, but small images down to 16×8 are fine. */
    static Decoded decodeCrop(byte[] jpeg) {
        return decode(jpeg, 16, 8);
    }

    static Decoded decode(byte[] jpeg) {
        return decode(jpeg, MIN_SIDE, MIN_SIDE);
    }

    private static Decoded decode(byte[] jpeg, int minW, int minH) {
        if (jpeg == null || jpeg.length == 0) {
            return new Decoded(null, "no image bytes");
        }
        if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xFF || (jpeg[1] & 0xff) != 0xD8) {
            return new Decoded(null, "not a JPEG: does not start with FF D8 (" + jpeg.length + " bytes)");
        }
        int[] size = frameSize(jpeg);
        if (size == null) {
            return new Decoded(null, "JPEG has no frame header (SOF) before its data: truncated or damaged");
        }
        int w = size[0];
        int h = size[1];
        if (w < minW || h < minH) {
            return new Decoded(null, "image " + w + "x" + h + " is smaller than " + minW + "x" + minH);
        }
        if ((long) w * h > MAX_PIXELS) {
            return new Decoded(null, "image " + w + "x" + h + " has more than " + MAX_PIXELS + " pixels");
        }
        int longer = Math.max(w, h);
        int flag = Imgcodecs.IMREAD_COLOR;
        int reduction = 1;
        if (longer > MAX_SIDE * 4) {
            flag = Imgcodecs.IMREAD_REDUCED_COLOR_8;
            reduction = 8;
        } else if (longer > MAX_SIDE * 2) {
            flag = Imgcodecs.IMREAD_REDUCED_COLOR_4;
            reduction = 4;
        } else if (longer > MAX_SIDE) {
            flag = Imgcodecs.IMREAD_REDUCED_COLOR_2;
            reduction = 2;
        }
        MatOfByte buf = new MatOfByte(jpeg);
        Mat img = Imgcodecs.imdecode(buf, flag);
        buf.release();
        if (img.empty()) {
            return new Decoded(null, "JPEG " + w + "x" + h + " could not be decoded");
        }
        if (reduction > 1 && Math.max(img.cols(), img.rows()) > MAX_SIDE) {
            double f = MAX_SIDE / (double) Math.max(img.cols(), img.rows());
            Imgproc.resize(img, img, new Size(), f, f, Imgproc.INTER_AREA);
        }
        return new Decoded(img, null);
    }

    /** Width and height from the first SOF marker, or null when there is none before the scan. */
    static int[] frameSize(byte[] b) {
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
}
