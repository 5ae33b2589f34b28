package io.sam6d.vision.eval;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;

import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;

/**
 * A picture of what went wrong on one frame, so that a person can see why: the colour image darkened, the
 * outline of every ground-truth instance that was missed or wrongly posed in red with its object id, every
 * detection that found an instance in green with its score, every false detection in yellow with its object id and
 * score, and the silhouette of every wrong pose as estimated in orange (thin, over the red). A caption at the bottom
 * sums the frame up.
 */
final class MissPicture {

    static final Color MISSED = new Color(0xFF, 0x30, 0x30);
    static final Color FOUND = new Color(0x30, 0xE0, 0x40);
    static final Color FALSE = new Color(0xFF, 0xE0, 0x20);
    static final Color WRONG_POSE = new Color(0xFF, 0x90, 0x20);

    /** An outline to draw: a mask, its colour, its caption (or null) and its width (1 or 2 pixels). */
    record Outline(Mask mask, Color colour, String label, int widthPx) {
    }

    private MissPicture() {
    }

    /**
     * @param outlines drawn in order (later ones on top)
     * @param caption  one line at the top left
     */
    static BufferedImage draw(RgbImage image, List<Outline> outlines, String caption) {
        int w = image.width(), h = image.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[w * h];
        byte[] rgb = image.rgb();
        for (int i = 0; i < px.length; i++) {
            // darkened so that the outlines stand out
            int r = (rgb[3 * i] & 0xFF) * 3 / 5, g = (rgb[3 * i + 1] & 0xFF) * 3 / 5, b = (rgb[3 * i + 2] & 0xFF) * 3 / 5;
            px[i] = r << 16 | g << 8 | b;
        }
        for (Outline o : outlines) {
            if (o.mask() != null && o.mask().width() == w && o.mask().height() == h) {
                outline(px, o.mask(), w, h, o.colour().getRGB() & 0xFFFFFF, o.widthPx() > 1);
            }
        }
        out.setRGB(0, 0, w, h, px, 0, w);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(10, h / 42)));
        List<java.awt.Rectangle> taken = new java.util.ArrayList<>();
        // at the bottom, where it hides fewer labels
        label(g, w, h, caption, 4, h - 4, Color.WHITE, taken);
        for (Outline o : outlines) {
            if (o.label() != null && o.mask() != null && o.mask().area() > 0) {
                int[] bb = o.mask().bbox();
                label(g, w, h, o.label(), bb[0], bb[1] - 3, o.colour(), taken);
            }
        }
        g.dispose();
        return out;
    }

    /** Paints the mask's boundary (pixels with a 4-neighbour outside), one or two pixels wide. */
    private static void outline(int[] px, Mask m, int w, int h, int colour, boolean thick) {
        boolean[] bits = m.bits();
        boolean[] edge = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (bits[i] && (x == 0 || y == 0 || x == w - 1 || y == h - 1 || !bits[i - 1] || !bits[i + 1]
                        || !bits[i - w] || !bits[i + w])) {
                    edge[i] = true;
                }
            }
        }
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (edge[i] || thick && (x + 1 < w && edge[i + 1] || y + 1 < h && edge[i + w])) {
                    px[i] = colour;
                }
            }
        }
    }

    /** Draws a caption at (x, y) (baseline), moved down past the captions already drawn ({@code taken}). */
    private static void label(Graphics2D g, int w, int h, String text, int x, int y, Color c,
            List<java.awt.Rectangle> taken) {
        int tw = g.getFontMetrics().stringWidth(text);
        int th = g.getFontMetrics().getHeight();
        x = Math.max(2, Math.min(x, w - tw - 2));
        y = Math.max(th - 2, Math.min(y, h - 2));
        for (int tries = 0; tries < 20; tries++) {
            java.awt.Rectangle box = new java.awt.Rectangle(x - 2, y - th + 4, tw + 4, th);
            if (taken.stream().noneMatch(box::intersects)) {
                break;
            }
            y = y + th <= h - 2 ? y + th : Math.max(th - 2, y - 3 * th);
        }
        taken.add(new java.awt.Rectangle(x - 2, y - th + 4, tw + 4, th));
        g.setColor(new Color(0, 0, 0, 170));
        g.fillRect(x - 2, y - th + 4, tw + 4, th);
        g.setColor(c);
        g.drawString(text, x, y);
    }
}
