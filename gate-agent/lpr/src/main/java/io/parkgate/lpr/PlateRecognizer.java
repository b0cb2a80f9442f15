package io.parkgate.lpr;

import io.parkgate.lpr.detect.PlateCandidate;
import io.parkgate.lpr.detect.PlateDetector;
import io.parkgate.lpr.detect.PlateRefiner;
import io.parkgate.lpr.read.CnnPlateReader;
import io.parkgate.lpr.read.Consensus;
import io.parkgate.lpr.read.DoubleRow;
import io.parkgate.lpr.read.PlateAlphabet;
import io.parkgate.lpr.read.PlateColours;
import io.parkgate.lpr.read.PlateLayout;
import io.parkgate.lpr.read.PlateRead;
import io.parkgate.plate.PlateColour;
import java.awt.geom.Point2D;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint2f;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * From a JPEG frame to the plates in it: detect plate-shaped regions, rectify each, tell its colour,
 * read it, keep the confident well-formed readings. Never throws for bad input.
 *
 * <p>Thread-confined: OpenCV's dnn network is not thread-safe, so give each thread its own instance
 * ({@link #load()} per thread; each of its two networks is about 1.5 MB).
 */
public final class PlateRecognizer {

    private static final Logger LOG = LoggerFactory.getLogger(PlateRecognizer.class);
    /** Below this whole-plate confidence a region is taken for something else than a plate. */
    static final double MIN_CONFIDENCE = 0.5;
    /** Mean HSV saturation (0..255) under which a frame counts as grey: JPEG chroma noise stays well below. */
    static final double MONOCHROME_SATURATION = 6;
    /** A crop is known to show a plate: only a reading that is nearly noise is dropped. */
    static final double MIN_CROP_CONFIDENCE = 0.25;

    /** The reader's raw confidence from which a reading counts as sure. */
    private static final double SURE_RAW = 0.9;
    /**
     * The reader's raw confidence under which a reading is more likely wrong than right (calibrated 0.5 with
     * the shipped map): only then is the province opinion asked. On the measured sets every reading the
     * opinion changed was under it (docs/lpr.md).
     */
    private static final double ASK_OPINION_RAW = 0.64;
    /** A candidate under both is weak: plates score 0.6 and more as a rule (see {@link #weak}). */
    static final double WEAK_SCORE = 0.45;
    static final double WEAK_SHARE = 0.6;

    /** Rectified plate size handed to the reader: 440×140 mm at 1.25 mm per pixel. */
    private static final Size PLATE_SIZE = new Size(352, 112);
    /** The wider view a candidate is first rectified into, so a too-tight candidate can grow. */
    private static final Size VIEW_SIZE = new Size(440, 180);

    /**
     * The second look's cuts, as shares of the plate's width and height added on each side: a looser
     * one (the reader was trained on cuts up to 1.2× wide and 1.5× tall) and a narrower one that drops
     * a frame edge or a rivet taken for a character.
     */
    private static final double[][] SECOND_LOOK = {{0.04, 0.08}, {-0.03, 0}};
    /**
     * The reader's raw confidence from which a first reading of the right length takes no second look: from there
     * the calibration finds every reading right, and on the 1,614 measured images the second look changed none of
     * them (docs/lpr.md, tenth pass). It saves two of a sure plate's three network passes.
     */
    static final double BEYOND_DOUBT_RAW = 0.999;
    /**
     * A frame where no candidate gave a reading has its plate-like candidates read again from an outline this much
     * wider and taller about their centre: glare that bleaches one end, a red 警 or 领 the stroke band left out, a
     * new-energy plate fading to white, all make the detector's outline stop a character short of the plate's end,
     * and a plate a character short is no plate. 1.3 × 1.1 read the most on the measured sets (docs/lpr.md).
     */
    private static final double WIDER_LOOK_WIDTH = 1.3;
    private static final double WIDER_LOOK_HEIGHT = 1.1;
    /** The detector's score from which a candidate is taken for a plate ({@link PlateCandidate}: 0.6 as a rule). */
    private static final double PLATE_SCORE = 0.6;

    private final PlateDetector detector = new PlateDetector();
    private final CnnPlateReader reader;
    /** Asked about the province of a plate the reader likely misread; see {@link #withProvinceOpinion}. */
    private final Optional<CnnPlateReader> provinceOpinion;
    private final Calibration calibration;
    /** {@link #SURE_RAW} calibrated: a reading this confident needs no other look at its plate. */
    private final double sureRead;
    /** {@link #ASK_OPINION_RAW} calibrated. */
    private final double askOpinionBelow;

    private PlateRecognizer(CnnPlateReader reader, Optional<CnnPlateReader> provinceOpinion, Calibration calibration) {
        this.reader = reader;
        this.provinceOpinion = provinceOpinion;
        this.calibration = calibration;
        this.sureRead = calibration.apply(SURE_RAW);
        this.askOpinionBelow = calibration.apply(ASK_OPINION_RAW);
    }

    /** The recogniser with the networks shipped on the classpath and their calibration. */
    public static PlateRecognizer load() {
        return load(null, Calibration.SHIPPED);
    }

    /**
     * The recogniser with an ONNX network written by {@code gate-agent/lpr/train/rebuild-model.sh} (null: the
     * shipped one), and the shipped province opinion.
     */
    public static PlateRecognizer load(Path model) {
        return load(model, Calibration.SHIPPED);
    }

    /**
     * As {@link #load(Path)} with another calibration: {@link Calibration#NONE} reports the raw score
     * a calibration is fitted to ({@code gate-agent/lpr/train/fit_calibration.py}).
     */
    public static PlateRecognizer load(Path model, Calibration calibration) {
        OpenCvNative.load();
        return new PlateRecognizer(network(model),
                Optional.of(CnnPlateReader.loadResource(CnnPlateReader.PROVINCE_OPINION_RESOURCE)), calibration);
    }

    /**
     * As {@link #load(Path, Calibration)} with another province opinion ({@code Optional.empty()}: none, every
     * reading the one network's), for measuring networks.
     */
    public static PlateRecognizer load(Path model, Optional<Path> provinceOpinion, Calibration calibration) {
        OpenCvNative.load();
        return new PlateRecognizer(network(model), provinceOpinion.map(CnnPlateReader::load), calibration);
    }

    /**
     * Network passes run so far by this recogniser (the reader's and the province opinion's): the part of a frame's
     * cost that does not depend on the machine, so two versions can be compared by it exactly.
     */
    public long networkPasses() {
        return reader.passes() + provinceOpinion.map(CnnPlateReader::passes).orElse(0L);
    }

    /** The network in {@code model}, or the shipped one for null. */
    private static CnnPlateReader network(Path model) {
        return model == null ? CnnPlateReader.loadResource() : CnnPlateReader.load(model);
    }

    /**
     * The plates in a frame (JPEG, PNG or BMP, told by content), most confident first; empty for no
     * plate or an unusable frame.
     */
    public List<PlateReading> recognise(byte[] image) {
        return examine(image).readings();
    }

    /** As {@link #recognise}, and says why when the frame could not be examined. */
    public Recognition examine(byte[] image) {
        return examine(image, LaneRegion.WHOLE_FRAME);
    }

    /**
     * As {@link #examine(byte[])} for a lane whose vehicle stands in {@code region} of the picture:
     * plates are looked for there first (the whole frame only when none is read there), and the
     * readings are ranked by {@link LaneRegion#rank}, the lane's vehicle first.
     */
    public Recognition examine(byte[] image, LaneRegion region) {
        try {
            ImageFrames.Decoded decoded = ImageFrames.decode(image);
            if (decoded.image() == null) {
                LOG.debug("frame rejected: {}", decoded.problem());
                return Recognition.rejected(decoded.problem());
            }
            try {
                return new Recognition(recognise(decoded.image(), region), Optional.empty());
            } finally {
                decoded.image().release();
            }
        } catch (RuntimeException e) {
            // OpenCV reports odd input as CvException; a frame must never take the lane down.
            LOG.warn("frame could not be examined: {}", e.toString());
            return Recognition.rejected("frame could not be examined: " + e.getMessage());
        }
    }

    /**
     * Reads an image (JPEG, PNG or BMP) that shows one plate filling the picture (a camera's plate
     * crop), without detection. Empty when the image is unusable or the reading is not confident.
     */
    public Optional<PlateReading> readCrop(byte[] image) {
        return examineCrop(image).readings().stream().findFirst();
    }

    /** As {@link #readCrop}, and says why when the image could not be examined. */
    public Recognition examineCrop(byte[] image) {
        try {
            ImageFrames.Decoded decoded = ImageFrames.decodeCrop(image);
            if (decoded.image() == null) {
                LOG.debug("crop rejected: {}", decoded.problem());
                return Recognition.rejected(decoded.problem());
            }
            Mat img = decoded.image();
            Point[] quad = {new Point(0, 0), new Point(img.cols(), 0), new Point(img.cols(), img.rows()),
                new Point(0, img.rows())};
            PlateReading r = readWithOpinion(img, new PlateCandidate(quad, PlateColour.UNKNOWN, 1), MIN_CROP_CONFIDENCE,
                    true, false);
            img.release();
            return new Recognition(r == null ? List.of() : List.of(r), Optional.empty());
        } catch (RuntimeException e) {
            LOG.warn("crop could not be examined: {}", e.toString());
            return Recognition.rejected("crop could not be examined: " + e.getMessage());
        }
    }

    /** The plates in a decoded BGR frame, ranked for the whole frame ({@link LaneRegion#WHOLE_FRAME}). */
    public List<PlateReading> recognise(Mat frame) {
        return recognise(frame, LaneRegion.WHOLE_FRAME);
    }

    /**
     * The plates in a decoded BGR frame, looked for in the lane's region first and ranked by it. A
     * combed (interlaced) frame is also read from one of its fields (a frame that may be combed only
     * when nothing was read surely as it is), and of two readings of one plate the surer stands.
     */
    public List<PlateReading> recognise(Mat frame, LaneRegion region) {
        List<PlateReading> found = recogniseAsIs(frame, region);
        double combing = Interlacing.combing(frame);
        if (combing < Interlacing.MAYBE_COMBED
                || combing < Interlacing.COMBED && found.stream().anyMatch(this::sure)) {
            return found;
        }
        Mat field = Interlacing.oneField(frame);
        try {
            List<PlateReading> merged = new ArrayList<>(found);
            for (PlateReading r : recogniseAsIs(field, region)) {
                if (!overlapsBetter(merged, r)) {
                    merged.removeIf(f -> overlap(f, r));
                    merged.add(r);
                }
            }
            return region.rank(merged, frame.cols(), frame.rows());
        } finally {
            field.release();
        }
    }

    private List<PlateReading> recogniseAsIs(Mat frame, LaneRegion region) {
        List<PlateReading> found = List.of();
        if (!region.isWholeFrame()) {
            // The detector keeps its best few candidates per frame: looking where the lane's vehicle
            // stands keeps other vehicles' plates from crowding its plate out.
            Rect roi = regionRect(region, frame.cols(), frame.rows());
            Mat part = frame.submat(roi);
            found = readAll(frame, detector.detect(part, frame.size()), roi.x, roi.y);
            part.release();
        }
        if (found.isEmpty()) {
            found = readAll(frame, detector.detect(frame), 0, 0);
        }
        if (found.isEmpty()) {
            // A large plate whose characters stand far apart falls into pieces under the usual stroke closing.
            found = readAll(frame, detector.detectSpaced(frame), 0, 0);
        }
        return region.rank(found, frame.cols(), frame.rows());
    }

    /**
     * Whether a frame carries no colour: an infrared camera at night sends grey pictures (sometimes as
     * colour JPEG), where a blue plate's dark background would be told "black" by its brightness.
     * Judged on every 8th pixel's saturation.
     */
    static boolean isMonochrome(Mat frame) {
        if (frame.channels() != 3) {
            return true;
        }
        Mat small = new Mat();
        Imgproc.resize(frame, small, new Size(Math.max(1, frame.cols() / 8), Math.max(1, frame.rows() / 8)), 0, 0,
                Imgproc.INTER_NEAREST);
        Imgproc.cvtColor(small, small, Imgproc.COLOR_BGR2HSV);
        Mat saturation = new Mat();
        Core.extractChannel(small, saturation, 1);
        double mean = Core.mean(saturation).val[0];
        small.release();
        saturation.release();
        return mean < MONOCHROME_SATURATION;
    }

    /** The region, grown by 5 % of the frame on each side so a plate on its edge is whole, in pixels. */
    static Rect regionRect(LaneRegion region, int w, int h) {
        int x0 = (int) Math.max(0, Math.floor((region.left() - 0.05) * w));
        int y0 = (int) Math.max(0, Math.floor((region.top() - 0.05) * h));
        int x1 = (int) Math.min(w, Math.ceil((region.right() + 0.05) * w));
        int y1 = (int) Math.min(h, Math.ceil((region.bottom() + 0.05) * h));
        return new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    /**
     * Reads candidates (best first) found in a part of the frame whose top-left corner is at (dx, dy).
     * Each costs a network pass or more (about 2.5 ms), so two kinds are passed over: a candidate within
     * a plate already read surely, and, once any plate is read surely, a weak candidate (see
     * {@link #weak}). When none gave a reading, those scoring as plates are read once more from a wider outline
     * ({@link #widened}); a frame with a plate read pays nothing for it.
     */
    private List<PlateReading> readAll(Mat frame, List<PlateCandidate> candidates, int dx, int dy) {
        List<PlateReading> found = new ArrayList<>();
        boolean monochrome = !candidates.isEmpty() && isMonochrome(frame);
        double best = candidates.isEmpty() ? 0 : candidates.get(0).score();
        for (PlateCandidate part : candidates) {
            if (weak(part, best) && found.stream().anyMatch(this::sure)) {
                continue;
            }
            PlateCandidate c = inFrame(part, dx, dy);
            Point2D centre = centre(c);
            if (found.stream().anyMatch(f -> sure(f) && contains(f.quad(), centre))) {
                continue;
            }
            PlateReading first = readWithOpinion(frame, c, MIN_CONFIDENCE, false, monochrome);
            keep(found, sure(first) || c.alternative() == null ? first
                    : surer(first, read(frame, c.asAlternative(), MIN_CONFIDENCE, false, monochrome, reader, null)));
        }
        if (found.isEmpty()) {
            for (PlateCandidate part : candidates) {
                if (part.score() >= PLATE_SCORE) {
                    PlateCandidate c = inFrame(part, dx, dy);
                    keep(found, readWithOpinion(frame, widened(c), MIN_CONFIDENCE, false, monochrome));
                }
            }
        }
        found.sort(Comparator.comparingDouble(PlateReading::confidence).reversed());
        return found;
    }

    /** A candidate found in a part of the frame whose top-left corner is at (dx, dy), in frame pixels. */
    private static PlateCandidate inFrame(PlateCandidate part, int dx, int dy) {
        return dx != 0 || dy != 0 ? part.moved(dx, dy) : part;
    }

    /** Adds a reading (or null) of a candidate unless a better one overlaps it; it replaces worse ones it overlaps. */
    private static void keep(List<PlateReading> found, PlateReading r) {
        if (r != null && !overlapsBetter(found, r)) {
            found.removeIf(f -> overlap(f, r));
            found.add(r);
        }
    }

    /** The candidate with its outline grown by {@link #WIDER_LOOK_WIDTH} and {@link #WIDER_LOOK_HEIGHT}. */
    static PlateCandidate widened(PlateCandidate c) {
        return new PlateCandidate(scaleQuad(c.quad(), WIDER_LOOK_WIDTH, WIDER_LOOK_HEIGHT), c.colourHint(), c.score());
    }

    /** Whether a reading (or null) is sure enough that its plate needs no other look. */
    private boolean sure(PlateReading r) {
        return r != null && r.confidence() >= sureRead;
    }

    /** The more confident of two readings of one plate (either may be null). */
    private static PlateReading surer(PlateReading a, PlateReading b) {
        return a == null || b != null && b.confidence() > a.confidence() ? b : a;
    }

    /**
     * A candidate scored under {@link #WEAK_SCORE} and under {@link #WEAK_SHARE} of the frame's best.
     * On the 1,366 measured photographs and frames (docs/lpr.md) such candidates read after a sure
     * plate never gave the reading that stood; on the lpr-dev scenes they were a third of all reads.
     */
    static boolean weak(PlateCandidate c, double best) {
        return c.score() < WEAK_SCORE && c.score() < WEAK_SHARE * best;
    }

    /**
     * The reader's reading of a candidate; when it is a plate more likely misread than not, the province
     * opinion's reading too, and {@link #withProvinceOpinion} says which stands. {@code monochrome}: the
     * frame has no colour (an infrared camera at night), so no plate colour is told.
     */
    private PlateReading readWithOpinion(Mat frame, PlateCandidate c, double minConfidence, boolean crop,
            boolean monochrome) {
        PlateReading first = read(frame, c, minConfidence, crop, monochrome, reader, null);
        if (first == null || first.confidence() >= askOpinionBelow || provinceOpinion.isEmpty()) {
            return first;
        }
        String province = first.text().substring(0, first.text().offsetByCodePoints(0, 1));
        return withProvinceOpinion(first, read(frame, c, minConfidence, crop, monochrome, provinceOpinion.get(),
                province));
    }

    /**
     * Which of an unsure reading and the province opinion's reading of the same plate stands: the
     * opinion only when it differs in the province alone and is more confident. Two networks trained on
     * different drawn faces err on different provinces, so a province one reads surer than the other is the
     * likelier (measured on provinces in a face neither was trained on: docs/lpr.md). Every other character is
     * the reader's: where the two differ elsewhere, the first network, better on real crops, stands.
     */
    static PlateReading withProvinceOpinion(PlateReading first, PlateReading opinion) {
        if (opinion == null || opinion.confidence() <= first.confidence()) {
            return first;
        }
        String a = first.text();
        String b = opinion.text();
        if (PlateAlphabet.isArmedPolice(a) || PlateAlphabet.isArmedPolice(b)) {
            return first;
        }
        int afterA = a.offsetByCodePoints(0, 1);
        int afterB = b.offsetByCodePoints(0, 1);
        boolean provinceAlone = a.substring(afterA).equals(b.substring(afterB))
                && !a.substring(0, afterA).equals(b.substring(0, afterB));
        return provinceAlone ? opinion : first;
    }

    /**
     * A candidate read by {@code net}. {@code monochrome}: the frame has no colour (an infrared camera at night), so no
     * plate colour is told. {@code opinionAgainst}, when the province opinion is asked: the reader's province. A first
     * look that reads the same province has nothing to add ({@link #withProvinceOpinion} keeps the reader's reading)
     * and gives null without a second look (docs/lpr.md, tenth pass).
     */
    private PlateReading read(Mat frame, PlateCandidate c, double minConfidence, boolean crop, boolean monochrome,
            CnnPlateReader net, String opinionAgainst) {
        Point[] quad = c.quad();
        Mat view = null;
        Rect chosen = null;
        Mat plate;
        if (crop) {
            plate = rectify(frame, quad, PLATE_SIZE);
        } else {
            // Look wider than the candidate, then let the plate's own colour say where its edges are.
            Point[] wide = scaleQuad(quad, VIEW_SIZE.width / PLATE_SIZE.width, VIEW_SIZE.height / PLATE_SIZE.height);
            Mat m = Imgproc.getPerspectiveTransform(new MatOfPoint2f(wide), corners(VIEW_SIZE));
            view = new Mat();
            Imgproc.warpPerspective(frame, view, m, VIEW_SIZE, Imgproc.INTER_LINEAR);
            int x0 = (int) ((VIEW_SIZE.width - PLATE_SIZE.width) / 2);
            int y0 = (int) ((VIEW_SIZE.height - PLATE_SIZE.height) / 2);
            Rect central = new Rect(x0, y0, (int) PLATE_SIZE.width, (int) PLATE_SIZE.height);
            Mat centre = view.submat(central);
            // Only edge-found candidates: colour-found ones already follow the plate (measured: refining
            // them too cost 8 points on the lpr-dev scenes).
            Rect tight = c.colourHint() == PlateColour.UNKNOWN
                    ? PlateRefiner.refine(view, PlateColours.classify(centre)) : null;
            chosen = tight != null ? tight : central;
            plate = view.submat(chosen).clone();
            quad = backToFrame(chosen, m);
            m.release();
        }
        PlateColour colour = monochrome ? PlateColour.UNKNOWN : PlateColours.classify(plate);
        if (colour == PlateColour.UNKNOWN && !monochrome) {
            colour = c.colourHint();
        }
        // The network decides between 7 and 8 characters itself; 8 characters means a new-energy plate
        // unless it reads WJ (armed police, considered only on plates that are not blue, yellow or green).
        PlateRead best = net.read(plate, colour);
        boolean twoRows = false;
        if (DoubleRow.mayBe(aspect(quad), colour)) {
            // As tall as a double-row plate: also read its two rows joined side by side.
            Mat joined = DoubleRow.join(plate);
            PlateRead rows = net.read(joined, colour);
            joined.release();
            if (rows.confidence() > best.confidence()) {
                best = rows;
                twoRows = true;
            }
        }
        if (opinionAgainst != null && best.text().startsWith(opinionAgainst)) {
            plate.release();
            if (view != null) {
                view.release();
            }
            return null;
        }
        // Only a plate told green or white may need it (a text that cannot be either), and the view is freed below.
        PlateColour civil = colour == PlateColour.GREEN || colour == PlateColour.WHITE
                ? PlateColours.blueOrYellow(plate, colour) : PlateColour.UNKNOWN;
        plate.release();
        double agreement = 1;
        if (view != null) {
            if (!twoRows && isReading(best, minConfidence) && !beyondDoubt(best, colour)) {
                List<PlateRead> looks = secondLook(view, chosen, colour, best, net);
                best = Consensus.of(looks);
                agreement = Consensus.agreement(looks, best.text());
            }
            view.release();
        }
        if (!isReading(best, minConfidence)) {
            return null;
        }
        colour = PlateColours.consistent(best.text(), colour, civil);
        Point2D[] corners = new Point2D[4];
        for (int i = 0; i < 4; i++) {
            corners[i] = new Point2D.Double(quad[i].x, quad[i].y);
        }
        LOG.debug("read {} ({}, {}) at {} px wide", best.text(), colour, best.confidence(), Math.round(c.width()));
        double confidence = calibration.apply(best.confidence() * agreement);
        return new PlateReading(best.text(), colour, best.charConfidence(), confidence, corners);
    }

    /**
     * Whether a first reading needs no second look: the reader is sure of it ({@link #BEYOND_DOUBT_RAW}), and its
     * length is the one the plate's colour implies (8 characters on green, 7 elsewhere). A green plate read a
     * character short is the one sure first reading the second look's cuts were seen to correct (docs/lpr.md).
     */
    static boolean beyondDoubt(PlateRead first, PlateColour told) {
        return first.confidence() >= BEYOND_DOUBT_RAW
                && (told == PlateColour.GREEN) == (first.layout() == PlateLayout.EIGHT);
    }

    private static boolean isReading(PlateRead r, double minConfidence) {
        return r.confidence() >= minConfidence && PlateAlphabet.isPlate(r.text());
    }

    /**
     * A plate once read is read again from a looser and from a narrower cut of the same view, and
     * the three readings settle on one text ({@link Consensus}). Only plates get this (two more
     * network passes each), not every candidate. A lone misread character at one cut (a province
     * taken for another) rarely survives the other two: with the half-width network it turned 17 of
     * the 25 lpr-dev scenes into 19; with the committed one it is neutral there (docs/lpr.md).
     */
    private static List<PlateRead> secondLook(Mat view, Rect chosen, PlateColour colour, PlateRead first,
            CnnPlateReader net) {
        List<PlateRead> readings = new ArrayList<>(List.of(first));
        for (double[] g : SECOND_LOOK) {
            Mat cut = view.submat(grow(chosen, g[0], g[1], view.cols(), view.rows())).clone();
            readings.add(net.read(cut, colour));
            cut.release();
        }
        return readings;
    }

    /** {@code r} grown by a share of its width on each side and of its height above and below (negative shrinks), kept
     * inside w×h. */
    static Rect grow(Rect r, double byWidth, double byHeight, int w, int h) {
        int dx = (int) Math.round(r.width * byWidth);
        int dy = (int) Math.round(r.height * byHeight);
        int x0 = Math.max(0, r.x - dx);
        int y0 = Math.max(0, r.y - dy);
        int x1 = Math.min(w, r.x + r.width + dx);
        int y1 = Math.min(h, r.y + r.height + dy);
        return new Rect(x0, y0, Math.max(1, x1 - x0), Math.max(1, y1 - y0));
    }

    /** Width over height of a quad, from the means of its opposite sides. */
    static double aspect(Point[] q) {
        double w = (Math.hypot(q[1].x - q[0].x, q[1].y - q[0].y) + Math.hypot(q[2].x - q[3].x, q[2].y - q[3].y)) / 2;
        double h = (Math.hypot(q[3].x - q[0].x, q[3].y - q[0].y) + Math.hypot(q[2].x - q[1].x, q[2].y - q[1].y)) / 2;
        return h <= 0 ? Double.MAX_VALUE : w / h;
    }

    /** The quad scaled about its centre along its own width and height. */
    static Point[] scaleQuad(Point[] q, double sx, double sy) {
        double cx = (q[0].x + q[1].x + q[2].x + q[3].x) / 4;
        double cy = (q[0].y + q[1].y + q[2].y + q[3].y) / 4;
        double ux = (q[1].x - q[0].x + q[2].x - q[3].x) / 4 * sx;
        double uy = (q[1].y - q[0].y + q[2].y - q[3].y) / 4 * sx;
        double vx = (q[3].x - q[0].x + q[2].x - q[1].x) / 4 * sy;
        double vy = (q[3].y - q[0].y + q[2].y - q[1].y) / 4 * sy;
        return new Point[] {new Point(cx - ux - vx, cy - uy - vy), new Point(cx + ux - vx, cy + uy - vy),
            new Point(cx + ux + vx, cy + uy + vy), new Point(cx - ux + vx, cy - uy + vy)};
    }

    private static MatOfPoint2f corners(Size size) {
        return new MatOfPoint2f(new Point(0, 0), new Point(size.width, 0), new Point(size.width, size.height),
                new Point(0, size.height));
    }

    /** A rectangle of the rectified view mapped back to frame pixels. */
    private static Point[] backToFrame(Rect r, Mat viewTransform) {
        MatOfPoint2f src = new MatOfPoint2f(new Point(r.x, r.y), new Point(r.x + r.width, r.y),
                new Point(r.x + r.width, r.y + r.height), new Point(r.x, r.y + r.height));
        MatOfPoint2f dst = new MatOfPoint2f();
        Core.perspectiveTransform(src, dst, viewTransform.inv());
        return dst.toArray();
    }

    static Mat rectify(Mat frame, Point[] quad, Size size) {
        Mat m = Imgproc.getPerspectiveTransform(new MatOfPoint2f(quad), new MatOfPoint2f(new Point(0, 0),
                new Point(size.width, 0), new Point(size.width, size.height), new Point(0, size.height)));
        Mat out = new Mat();
        Imgproc.warpPerspective(frame, out, m, size, Imgproc.INTER_LINEAR);
        m.release();
        return out;
    }

    private static boolean overlapsBetter(List<PlateReading> found, PlateReading r) {
        return found.stream().anyMatch(f -> overlap(f, r) && f.confidence() >= r.confidence());
    }

    /** Whether either reading's centre lies inside the other's bounding box. */
    private static boolean overlap(PlateReading a, PlateReading b) {
        return contains(a.quad(), centre(b.quad())) || contains(b.quad(), centre(a.quad()));
    }

    private static Point2D centre(PlateCandidate c) {
        Point p = c.centre();
        return new Point2D.Double(p.x, p.y);
    }

    private static Point2D centre(Point2D[] q) {
        double x = 0;
        double y = 0;
        for (Point2D p : q) {
            x += p.getX() / q.length;
            y += p.getY() / q.length;
        }
        return new Point2D.Double(x, y);
    }

    private static boolean contains(Point2D[] q, Point2D p) {
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (Point2D c : q) {
            minX = Math.min(minX, c.getX());
            maxX = Math.max(maxX, c.getX());
            minY = Math.min(minY, c.getY());
            maxY = Math.max(maxY, c.getY());
        }
        return p.getX() >= minX && p.getX() <= maxX && p.getY() >= minY && p.getY() <= maxY;
    }
}
