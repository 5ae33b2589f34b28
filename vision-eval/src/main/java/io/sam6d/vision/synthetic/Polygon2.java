package io.sam6d.vision.synthetic;

import java.util.Arrays;

/** Small helpers on 2D convex polygons (counter-clockwise, {@code x0, y0, x1, y1, ...}), lengths in mm. */
final class Polygon2 {

    private Polygon2() {
    }

    /** Convex hull of the points {@code xy} (Andrew's monotone chain), counter-clockwise, no repeated end point. */
    static double[] hull(double[] xy) {
        int n = xy.length / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> xy[2 * a] != xy[2 * b] ? Double.compare(xy[2 * a], xy[2 * b])
                : Double.compare(xy[2 * a + 1], xy[2 * b + 1]));
        int[] h = new int[2 * n + 1];
        int k = 0;
        for (int i = 0; i < n; i++) {
            while (k >= 2 && cross(xy, h[k - 2], h[k - 1], order[i]) <= 0) {
                k--;
            }
            h[k++] = order[i];
        }
        for (int i = n - 2, lower = k + 1; i >= 0; i--) {
            while (k >= lower && cross(xy, h[k - 2], h[k - 1], order[i]) <= 0) {
                k--;
            }
            h[k++] = order[i];
        }
        int m = Math.max(1, k - 1);
        if (n == 1) {
            m = 1;
        }
        double[] out = new double[2 * m];
        for (int i = 0; i < m; i++) {
            out[2 * i] = xy[2 * h[i]];
            out[2 * i + 1] = xy[2 * h[i] + 1];
        }
        return out;
    }

    private static double cross(double[] xy, int o, int a, int b) {
        return (xy[2 * a] - xy[2 * o]) * (xy[2 * b + 1] - xy[2 * o + 1])
                - (xy[2 * a + 1] - xy[2 * o + 1]) * (xy[2 * b] - xy[2 * o]);
    }

    /**
     * Signed distance from (x, y) to the boundary of a convex counter-clockwise polygon: positive inside. A polygon
     * of fewer than 3 vertices has no inside: the distance is minus the distance to it.
     */
    static double insideDistance(double[] poly, double x, double y) {
        int m = poly.length / 2;
        if (m < 3) {
            double best = Double.MAX_VALUE;
            for (int i = 0; i < m; i++) {
                int j = (i + 1) % m;
                best = Math.min(best, segmentDistance(poly, i, j, x, y));
            }
            return -best;
        }
        double inside = Double.MAX_VALUE;
        for (int i = 0; i < m; i++) {
            int j = (i + 1) % m;
            double ex = poly[2 * j] - poly[2 * i], ey = poly[2 * j + 1] - poly[2 * i + 1];
            double len = Math.hypot(ex, ey);
            if (len == 0) {
                continue;
            }
            // left of a counter-clockwise edge is inside
            double d = (ex * (y - poly[2 * i + 1]) - ey * (x - poly[2 * i])) / len;
            inside = Math.min(inside, d);
        }
        return inside;
    }

    private static double segmentDistance(double[] p, int i, int j, double x, double y) {
        double ax = p[2 * i], ay = p[2 * i + 1], bx = p[2 * j], by = p[2 * j + 1];
        double dx = bx - ax, dy = by - ay;
        double len2 = dx * dx + dy * dy;
        double t = len2 == 0 ? 0 : Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / len2));
        return Math.hypot(x - ax - t * dx, y - ay - t * dy);
    }

    /** Area of a simple counter-clockwise polygon. */
    static double area(double[] poly) {
        double a = 0;
        int m = poly.length / 2;
        for (int i = 0; i < m; i++) {
            int j = (i + 1) % m;
            a += poly[2 * i] * poly[2 * j + 1] - poly[2 * j] * poly[2 * i + 1];
        }
        return a / 2;
    }

    /**
     * The intersection of two convex counter-clockwise polygons (Sutherland-Hodgman: {@code subject} clipped by each
     * edge of {@code clip}); empty when they do not overlap or either has fewer than 3 vertices.
     */
    static double[] intersection(double[] subject, double[] clip) {
        if (subject.length < 6 || clip.length < 6) {
            return new double[0];
        }
        double[] out = subject;
        int m = clip.length / 2;
        for (int i = 0; i < m && out.length >= 6; i++) {
            int j = (i + 1) % m;
            double ax = clip[2 * i], ay = clip[2 * i + 1], ex = clip[2 * j] - ax, ey = clip[2 * j + 1] - ay;
            int n = out.length / 2;
            double[] next = new double[4 * n];
            int k = 0;
            for (int p = 0; p < n; p++) {
                int q = (p + 1) % n;
                double px = out[2 * p], py = out[2 * p + 1], qx = out[2 * q], qy = out[2 * q + 1];
                // left of a counter-clockwise edge is inside
                double sp = ex * (py - ay) - ey * (px - ax), sq = ex * (qy - ay) - ey * (qx - ax);
                if (sp >= 0) {
                    next[k++] = px;
                    next[k++] = py;
                }
                if (sp >= 0 != sq >= 0) {
                    double t = sp / (sp - sq);
                    next[k++] = px + t * (qx - px);
                    next[k++] = py + t * (qy - py);
                }
            }
            out = Arrays.copyOf(next, k);
        }
        return out.length >= 6 ? out : new double[0];
    }

    /** The polygon rotated by {@code yaw} (radians, counter-clockwise) and moved by (tx, ty). */
    static double[] transformed(double[] poly, double yaw, double tx, double ty) {
        double c = Math.cos(yaw), s = Math.sin(yaw);
        double[] out = new double[poly.length];
        for (int i = 0; i < poly.length; i += 2) {
            out[i] = c * poly[i] - s * poly[i + 1] + tx;
            out[i + 1] = s * poly[i] + c * poly[i + 1] + ty;
        }
        return out;
    }

    /**
     * A lower bound of the distance between two convex polygons (the widest gap along an edge normal of either,
     * negative when they overlap): at least {@code clearance} apart when this is at least {@code clearance}.
     */
    static double separation(double[] a, double[] b) {
        return Math.max(gapAlongEdges(a, b), gapAlongEdges(b, a));
    }

    private static double gapAlongEdges(double[] a, double[] b) {
        int m = a.length / 2;
        double best = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            int j = (i + 1) % m;
            double nx = a[2 * j + 1] - a[2 * i + 1], ny = -(a[2 * j] - a[2 * i]);
            double len = Math.hypot(nx, ny);
            if (len == 0) {
                continue;
            }
            nx /= len;
            ny /= len;
            double maxA = Double.NEGATIVE_INFINITY, minB = Double.POSITIVE_INFINITY;
            double minA = Double.POSITIVE_INFINITY, maxB = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < a.length; k += 2) {
                double p = a[k] * nx + a[k + 1] * ny;
                maxA = Math.max(maxA, p);
                minA = Math.min(minA, p);
            }
            for (int k = 0; k < b.length; k += 2) {
                double p = b[k] * nx + b[k + 1] * ny;
                minB = Math.min(minB, p);
                maxB = Math.max(maxB, p);
            }
            best = Math.max(best, Math.max(minB - maxA, minA - maxB));
        }
        return best;
    }
}
