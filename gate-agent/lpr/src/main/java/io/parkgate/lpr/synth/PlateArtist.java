package io.parkgate.lpr.synth;

import io.parkgate.lpr.read.PlateAlphabet;
import io.parkgate.lpr.read.PlateLayout;
import io.parkgate.plate.PlateColour;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

/**
 * Draws a clean plate at one pixel per millimetre with java.awt. The real plate typeface is not
 * installed anywhere, so glyphs of installed CJK and Latin faces ({@link Typefaces}) are squeezed into the plate's
 * 45×90 mm character boxes, and their strokes thickened or thinned at random, so a model trained on
 * them does not learn one clean font.
 */
final class PlateArtist {

    private final Random random;
    private final Typefaces faces;

    PlateArtist(Random random, Typefaces faces) {
        this.random = random;
        this.faces = faces;
    }

    /** The plate as an RGB image, {@code widthMm × 140} pixels. */
    BufferedImage draw(String text, PlateColour colour) {
        return draw(text, colour, true);
    }

    /**
     * As {@link #draw(String, PlateColour)}; with {@code province} false the first character's box is left
     * empty (its random draws are still made), for a glyph put there from elsewhere.
     */
    BufferedImage draw(String text, PlateColour colour, boolean province) {
        List<String> chars = PlateAlphabet.split(text);
        PlateLayout layout = PlateLayout.forLength(chars.size());
        int w = (int) layout.widthMm();
        int h = (int) PlateLayout.HEIGHT_MM;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color ink = ink(colour);
        paintBackground(g, colour, w, h);
        g.setColor(ink);
        g.setStroke(new BasicStroke(3f + random.nextFloat() * 2f));
        g.draw(new RoundRectangle2D.Double(4, 4, w - 8, h - 8, 18, 18));
        if (chars.size() == 7) {
            g.fillOval(127, 66, 9, 9);
        }
        float stroke = random.nextFloat() * 5f - 1f;
        boolean bold = random.nextInt(4) != 0;
        // Armed-police plates print WJ in red, and the province too on front plates (black on rear).
        int redPrefix = !PlateAlphabet.isArmedPolice(text) ? 0
                : chars.size() == 8 && random.nextBoolean() ? 3 : 2;
        for (int i = 0; i < chars.size(); i++) {
            String c = chars.get(i);
            boolean cjk = c.codePointAt(0) > 0x7f;
            String face = face(cjk);
            // Police plates print 警 in red, embassy plates 使.
            g.setColor("警".equals(c) || PlateAlphabet.EMBASSY.equals(c) || i < redPrefix ? new Color(200, 20,
                    20) : ink);
            if (i > 0 || province) {
                drawGlyph(g, c, new Font(face, bold ? Font.BOLD : Font.PLAIN, 100), layout.leftMm(i),
                        PlateLayout.CHAR_TOP_MM, layout.charWidthMm(i), PlateLayout.CHAR_HEIGHT_MM, stroke);
            }
        }
        g.dispose();
        return img;
    }

    /**
     * A double-row plate (rear of trucks, buses and trailers), 440×220: province and letter 80×60 mm
     * in the top row, the other five characters 65×110 mm below.
     */
    BufferedImage drawDoubleRow(String text, PlateColour colour) {
        List<String> chars = PlateAlphabet.split(text);
        int w = 440;
        int h = 220;
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        Color ink = ink(colour);
        paintBackground(g, colour, w, h);
        g.setColor(ink);
        g.setStroke(new BasicStroke(3f + random.nextFloat() * 2f));
        g.draw(new RoundRectangle2D.Double(4, 4, w - 8, h - 8, 18, 18));
        g.fillOval(216, 41, 9, 9);
        float stroke = random.nextFloat() * 4f - 1f;
        boolean bold = random.nextInt(4) != 0;
        for (int i = 0; i < chars.size(); i++) {
            String c = chars.get(i);
            boolean cjk = c.codePointAt(0) > 0x7f;
            String face = face(cjk);
            Font font = new Font(face, bold ? Font.BOLD : Font.PLAIN, 100);
            if (i < 2) {
                drawGlyph(g, c, font, i == 0 ? 110 : 250, 15, 80, 60, stroke);
            } else {
                drawGlyph(g, c, font, 27.5 + (i - 2) * 80, 90, 65, 110, stroke);
            }
        }
        g.dispose();
        return img;
    }

    private String face(boolean cjk) {
        List<String> from = cjk ? faces.cjk() : faces.latin();
        return from.get(random.nextInt(from.size()));
    }

    private void paintBackground(Graphics2D g, PlateColour colour, int w, int h) {
        int jitter = random.nextInt(30) - 15;
        switch (colour) {
            case GREEN -> g.setPaint(new GradientPaint(0, 0, new Color(235, 250, 235), 0, h,
                    new Color(clamp(60 + jitter), clamp(190 + jitter), clamp(90 + jitter))));
            case YELLOW -> g.setColor(new Color(clamp(235 + jitter), clamp(180 + jitter), clamp(20 + jitter)));
            case WHITE -> g.setColor(new Color(clamp(235 + jitter), clamp(238 + jitter), clamp(238 + jitter)));
            case BLACK -> g.setColor(new Color(clamp(20 + jitter), clamp(20 + jitter), clamp(25 + jitter)));
            default -> g.setColor(new Color(clamp(10 + jitter), clamp(60 + jitter), clamp(170 + jitter)));
        }
        g.fillRect(0, 0, w, h);
    }

    static Color ink(PlateColour colour) {
        return colour == PlateColour.BLUE || colour == PlateColour.BLACK ? new Color(245, 245, 245)
                : new Color(15, 15, 15);
    }

    private void drawGlyph(Graphics2D g, String c, Font font, double x, double y, double w, double h, float stroke) {
        FontRenderContext frc = g.getFontRenderContext();
        Shape glyph = font.createGlyphVector(frc, c).getOutline();
        Rectangle2D b = glyph.getBounds2D();
        if (b.getWidth() <= 0 || b.getHeight() <= 0) {
            return;
        }
        double margin = Math.max(stroke, 0) / 2 + 1;
        double sy = (h - 2 * margin) / b.getHeight();
        double sx = Math.min((w - 2 * margin) / b.getWidth(), sy * (1.0 + random.nextDouble() * 0.4));
        double drawnW = b.getWidth() * sx;
        AffineTransform t = new AffineTransform();
        t.translate(x + (w - drawnW) / 2, y + margin);
        t.scale(sx, sy);
        t.translate(-b.getX(), -b.getY());
        Shape placed = t.createTransformedShape(glyph);
        g.fill(placed);
        if (stroke > 0.3f) {
            g.setStroke(new BasicStroke(stroke, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            g.draw(placed);
        }
    }

    private static int clamp(int v) {
        return Math.max(0, Math.min(255, v));
    }
}
