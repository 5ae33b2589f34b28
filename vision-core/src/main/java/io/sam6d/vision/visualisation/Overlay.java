package io.sam6d.vision.visualisation;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;

/**
 * Pictures of what the engines found: instance masks tinted over the colour image with their outline, and posed
 * models drawn as their projected points and their projected 3D bounding box. Ground-truth poses, when given,
 * are drawn as a thin white box for comparison.
 */
public final class Overlay {

    private static final Color[] PALETTE = {
        new Color(0x2E, 0xCC, 0x40), new Color(0xFF, 0x41, 0x36), new Color(0x00, 0x74, 0xD9),
        new Color(0xFF, 0xDC, 0x00), new Color(0xB1, 0x0D, 0xC9), new Color(0xFF, 0x85, 0x1B),
        new Color(0x39, 0xCC, 0xCC), new Color(0xF0, 0x12, 0xBE), new Color(0x01, 0xFF, 0x70),
        new Color(0x7F, 0xDB, 0xFF)};
    private static final int MAX_POINTS = 3000;
    private static final int[][] BOX_EDGES = {
        {0, 1}, {1, 3}, {3, 2}, {2, 0}, {4, 5}, {5, 7}, {7, 6}, {6, 4}, {0, 4}, {1, 5}, {2, 6}, {3, 7}};

    /** A mask to tint, with its caption. */
    public record MaskDrawing(String label, Mask mask) {
    }

    /** A posed model to draw, with its caption. */
    public record PoseDrawing(String label, Mesh mesh, RigidTransform modelToCamera) {
    }

    private Overlay() {
    }

    public static Color color(int index) {
        return PALETTE[Math.floorMod(index, PALETTE.length)];
    }

    /**
     * @param masks  tinted in palette order
     * @param poses  drawn in palette order (so a pose drawn at the index of its detection shares its colour);
     *               null entries are skipped
     * @param truth  ground-truth poses, drawn as white boxes; may be empty
     */
    public static BufferedImage draw(RgbImage image, CameraIntrinsics cam, List<MaskDrawing> masks,
            List<PoseDrawing> poses, List<PoseDrawing> truth) {
        int w = image.width(), h = image.height();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] px = new int[w * h];
        byte[] rgb = image.rgb();
        for (int i = 0; i < px.length; i++) {
            px[i] = (rgb[3 * i] & 0xFF) << 16 | (rgb[3 * i + 1] & 0xFF) << 8 | rgb[3 * i + 2] & 0xFF;
        }
        for (int k = 0; k < masks.size(); k++) {
            Mask m = masks.get(k).mask();
            if (m == null || m.width() != w || m.height() != h) {
                continue;
            }
            tint(px, m, w, h, color(k));
        }
        out.setRGB(0, 0, w, h, px, 0, w);

        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, Math.max(11, h / 40)));
        for (PoseDrawing t : truth) {
            g.setColor(Color.WHITE);
            g.setStroke(new BasicStroke(1f));
            drawBox(g, cam, t);
        }
        for (int k = 0; k < poses.size(); k++) {
            PoseDrawing p = poses.get(k);
            if (p == null) {
                continue;
            }
            Color c = color(k);
            drawPoints(out, cam, p, c);
            g.setColor(c);
            g.setStroke(new BasicStroke(2f));
            double[] labelAt = drawBox(g, cam, p);
            if (labelAt != null && p.label() != null) {
                caption(g, w, p.label(), (int) labelAt[0], (int) labelAt[1] - 4, c);
            }
        }
        for (int k = 0; k < masks.size(); k++) {
            Mask m = masks.get(k).mask();
            if (m != null && masks.get(k).label() != null && (k >= poses.size() || poses.get(k) == null)) {
                int[] bb = m.bbox();
                caption(g, w, masks.get(k).label(), bb[0], Math.max(12, bb[1] - 4), color(k));
            }
        }
        g.dispose();
        return out;
    }

    public static void writePng(BufferedImage image, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void tint(int[] px, Mask m, int w, int h, Color c) {
        int cr = c.getRed(), cg = c.getGreen(), cb = c.getBlue();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (!m.get(x, y)) {
                    continue;
                }
                int i = y * w + x;
                boolean edge = x == 0 || y == 0 || x == w - 1 || y == h - 1 || !m.get(x - 1, y) || !m.get(x + 1, y)
                        || !m.get(x, y - 1) || !m.get(x, y + 1);
                if (edge) {
                    px[i] = c.getRGB() & 0xFFFFFF;
                } else {
                    int p = px[i];
                    int r = ((p >> 16 & 0xFF) + cr) / 2, gg = ((p >> 8 & 0xFF) + cg) / 2, b = ((p & 0xFF) + cb) / 2;
                    px[i] = r << 16 | gg << 8 | b;
                }
            }
        }
    }

    private static void drawPoints(BufferedImage out, CameraIntrinsics cam, PoseDrawing p, Color c) {
        float[] v = p.mesh().positions();
        int n = v.length / 3;
        int step = Math.max(1, (n + MAX_POINTS - 1) / MAX_POINTS);
        int w = out.getWidth(), h = out.getHeight();
        double[] q = new double[3];
        int rgb = c.getRGB();
        for (int i = 0; i < n; i += step) {
            p.modelToCamera().apply(v[3 * i], v[3 * i + 1], v[3 * i + 2], q, 0);
            if (q[2] <= 0) {
                continue;
            }
            int u = (int) Math.round(cam.fx() * q[0] / q[2] + cam.cx());
            int vv = (int) Math.round(cam.fy() * q[1] / q[2] + cam.cy());
            if (u >= 0 && vv >= 0 && u < w && vv < h) {
                out.setRGB(u, vv, rgb);
            }
        }
    }

    /** Draws the projected bounding box; returns its top-left image corner, or null when it is behind the camera. */
    private static double[] drawBox(Graphics2D g, CameraIntrinsics cam, PoseDrawing p) {
        double[] b = MeshOps.bounds(p.mesh());
        double[][] uv = new double[8][];
        double minU = Double.MAX_VALUE, minV = Double.MAX_VALUE;
        for (int k = 0; k < 8; k++) {
            double[] q = p.modelToCamera().apply((k & 1) == 0 ? b[0] : b[3], (k & 2) == 0 ? b[1] : b[4],
                    (k & 4) == 0 ? b[2] : b[5]);
            if (q[2] <= 0) {
                return null;
            }
            uv[k] = new double[] {cam.fx() * q[0] / q[2] + cam.cx(), cam.fy() * q[1] / q[2] + cam.cy()};
            minU = Math.min(minU, uv[k][0]);
            minV = Math.min(minV, uv[k][1]);
        }
        for (int[] e : BOX_EDGES) {
            g.drawLine((int) Math.round(uv[e[0]][0]), (int) Math.round(uv[e[0]][1]), (int) Math.round(uv[e[1]][0]),
                    (int) Math.round(uv[e[1]][1]));
        }
        return new double[] {minU, minV};
    }

    private static void caption(Graphics2D g, int imageWidth, String text, int x, int y, Color c) {
        int tw = g.getFontMetrics().stringWidth(text);
        int th = g.getFontMetrics().getHeight();
        // keep the caption inside the picture when the box reaches past its edge
        x = Math.max(2, Math.min(x, imageWidth - tw - 2));
        y = Math.max(th - 2, y);
        g.setColor(new Color(0, 0, 0, 160));
        g.fillRect(x - 2, y - th + 4, tw + 4, th);
        g.setColor(c);
        g.drawString(text, x, y);
    }
}
