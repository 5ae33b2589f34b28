package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import io.sam6d.vision.geometry.PlaneFit;
import io.sam6d.vision.image.RgbdFrame;

/**
 * What the weight-free engine computes once per frame and shares between objects: the back-projected points,
 * surface normals, the support plane, concave folds and the class-agnostic proposals (connected surfaces). Camera
 * frame, mm. Read-only after construction, so scoring threads may share it.
 */
final class DepthScene {

    /** Pixel kinds. */
    static final byte INVALID = 0;
    static final byte FREE = 1;
    static final byte PLANE = 2;
    static final byte BEYOND = 3;

    final int width;
    final int height;
    final double fx;
    final double fy;
    final double cx;
    final double cy;
    /** Camera-frame coordinates per pixel, mm; z = 0 where depth is unknown. */
    final float[] x;
    final float[] y;
    final float[] z;
    /** Unit normals per pixel pointing towards the camera; (0, 0, 0) where unknown. */
    final float[] nx;
    final float[] ny;
    final float[] nz;
    /** {@link #INVALID}, {@link #FREE}, {@link #PLANE} or {@link #BEYOND} per pixel. */
    final byte[] kind;
    /** Pixels where a concave fold between two surfaces runs. */
    final boolean[] crease;
    /** Planes taken out, {@code {a, b, c, d}} with {@code a x + b y + c z + d} the signed distance (mm), camera side positive. */
    final List<double[]> planes;
    /** Proposals: coarse surfaces first, then the finer pieces split at concave folds (deduplicated). */
    final List<Segment> segments;
    /** Segment id per pixel of the coarse level, -1 for none. */
    final int[] coarseLabel;
    /** The colour image, interleaved r, g, b bytes (shared with the frame). */
    final byte[] rgb;

    private final ConfigWeightFreeSegmentation config;

    /**
     * @param largestDiameterMm the largest diameter among the objects asked for; a support plane must be bigger
     */
    DepthScene(RgbdFrame frame, ConfigWeightFreeSegmentation config, double largestDiameterMm) {
        this.config = config;
        width = frame.width();
        height = frame.height();
        fx = frame.camera().fx();
        fy = frame.camera().fy();
        cx = frame.camera().cx();
        cy = frame.camera().cy();
        int n = width * height;
        float[] depth = frame.depth().mm();
        x = new float[n];
        y = new float[n];
        z = new float[n];
        for (int v = 0, i = 0; v < height; v++) {
            for (int u = 0; u < width; u++, i++) {
                float d = depth[i];
                if (d > 0 && Float.isFinite(d)) {
                    z[i] = d;
                    x[i] = (float) ((u - cx) * d / fx);
                    y[i] = (float) ((v - cy) * d / fy);
                }
            }
        }
        nx = new float[n];
        ny = new float[n];
        nz = new float[n];
        computeNormals();
        kind = new byte[n];
        for (int i = 0; i < n; i++) {
            kind[i] = z[i] > 0 ? FREE : INVALID;
        }
        planes = new ArrayList<>();
        if (config.removeSupportPlane) {
            Random rnd = new Random(config.seed);
            for (int p = 0; p <= config.extraPlanes; p++) {
                double[] plane = findPlane(rnd, largestDiameterMm);
                if (plane == null) {
                    break;
                }
                planes.add(plane);
                markPlane(plane, p == 0 && config.removeBeyondPlane);
            }
        }
        crease = new boolean[n];
        markCreases();
        coarseLabel = new int[n];
        segments = new ArrayList<>();
        buildSegments();
        rgb = frame.rgb().rgb();
    }

    /**
     * Every surface point with a normal that is not the support plane or beyond it (camera frame, mm): what an
     * object can be made of.
     */
    io.sam6d.vision.pose.SceneCloud surfaceCloud() {
        int n = 0;
        for (int i = 0; i < kind.length; i++) {
            if (kind[i] == FREE && (nx[i] != 0 || ny[i] != 0 || nz[i] != 0)) {
                n++;
            }
        }
        float[] xyz = new float[3 * n], nrm = new float[3 * n];
        int[] pix = new int[n];
        for (int i = 0, k = 0; i < kind.length; i++) {
            if (kind[i] == FREE && (nx[i] != 0 || ny[i] != 0 || nz[i] != 0)) {
                xyz[3 * k] = x[i];
                xyz[3 * k + 1] = y[i];
                xyz[3 * k + 2] = z[i];
                nrm[3 * k] = nx[i];
                nrm[3 * k + 1] = ny[i];
                nrm[3 * k + 2] = nz[i];
                pix[k++] = i;
            }
        }
        return new io.sam6d.vision.pose.SceneCloud(xyz, nrm, pix, width);
    }

    /** Depth tolerance between neighbouring pixels, mm. */
    double jumpMm(double depthMm) {
        return Math.max(config.jumpMinMm, config.jumpRelative * depthMm);
    }

    double planeTolMm(double depthMm) {
        return Math.max(config.planeDistanceMinMm, config.planeDistanceRelative * depthMm);
    }

    /** Normal support half-width in pixels at this depth. */
    int normalRadiusPx(double depthMm) {
        int r = (int) Math.round(0.5 * config.normalSupportMm * fx / depthMm);
        return Math.max(1, Math.min(12, r));
    }

    // ---------------------------------------------------------------------------------------------------------

    private void computeNormals() {
        int w1 = width + 1;
        int n1 = w1 * (height + 1);
        double[] sx = new double[n1], sy = new double[n1], sz = new double[n1];
        int[] sc = new int[n1];
        for (int v = 0; v < height; v++) {
            double rx = 0, ry = 0, rz = 0;
            int rc = 0;
            for (int u = 0; u < width; u++) {
                int i = v * width + u;
                if (z[i] > 0) {
                    rx += x[i];
                    ry += y[i];
                    rz += z[i];
                    rc++;
                }
                int o = (v + 1) * w1 + u + 1;
                sx[o] = sx[o - w1] + rx;
                sy[o] = sy[o - w1] + ry;
                sz[o] = sz[o - w1] + rz;
                sc[o] = sc[o - w1] + rc;
            }
        }
        double[] a = new double[4], b = new double[4];
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                int i = v * width + u;
                if (z[i] <= 0) {
                    continue;
                }
                int r = normalRadiusPx(z[i]);
                int h = Math.max(1, r / 2);
                if (u - r < 0 || u + r >= width || v - r < 0 || v + r >= height) {
                    continue;
                }
                // horizontal tangent: right box minus left box (each r wide, 2h+1 tall)
                if (!boxMean(sx, sy, sz, sc, w1, u + 1, v - h, u + r, v + h, a)
                        || !boxMean(sx, sy, sz, sc, w1, u - r, v - h, u - 1, v + h, b)) {
                    continue;
                }
                double jump = jumpMm(z[i]) * r * 0.5;
                if (Math.abs(a[2] - z[i]) > jump || Math.abs(b[2] - z[i]) > jump) {
                    continue;
                }
                double tx = a[0] - b[0], ty = a[1] - b[1], tz = a[2] - b[2];
                if (!boxMean(sx, sy, sz, sc, w1, u - h, v + 1, u + h, v + r, a)
                        || !boxMean(sx, sy, sz, sc, w1, u - h, v - r, u + h, v - 1, b)) {
                    continue;
                }
                if (Math.abs(a[2] - z[i]) > jump || Math.abs(b[2] - z[i]) > jump) {
                    continue;
                }
                double qx = a[0] - b[0], qy = a[1] - b[1], qz = a[2] - b[2];
                double cxn = qy * tz - qz * ty, cyn = qz * tx - qx * tz, czn = qx * ty - qy * tx;
                double len = Math.sqrt(cxn * cxn + cyn * cyn + czn * czn);
                if (len == 0) {
                    continue;
                }
                if (cxn * x[i] + cyn * y[i] + czn * z[i] > 0) {
                    len = -len;
                }
                nx[i] = (float) (cxn / len);
                ny[i] = (float) (cyn / len);
                nz[i] = (float) (czn / len);
            }
        }
    }

    /** Mean of the valid points in the pixel box [u0..u1] x [v0..v1]; false when fewer than half are valid. */
    private static boolean boxMean(double[] sx, double[] sy, double[] sz, int[] sc, int w1, int u0, int v0, int u1,
            int v1, double[] out) {
        int a = v0 * w1 + u0, b = v0 * w1 + u1 + 1, c = (v1 + 1) * w1 + u0, d = (v1 + 1) * w1 + u1 + 1;
        int cnt = sc[d] - sc[b] - sc[c] + sc[a];
        int area = (u1 - u0 + 1) * (v1 - v0 + 1);
        if (cnt * 2 < area || cnt == 0) {
            return false;
        }
        out[0] = (sx[d] - sx[b] - sx[c] + sx[a]) / cnt;
        out[1] = (sy[d] - sy[b] - sy[c] + sy[a]) / cnt;
        out[2] = (sz[d] - sz[b] - sz[c] + sz[a]) / cnt;
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------

    /**
     * RANSAC over a sample of the free pixels; the plane is kept only if its inliers spread wider than the objects
     * asked for (a table, a floor, a wall), so that a large object face is never mistaken for support.
     */
    private double[] findPlane(Random rnd, double largestDiameterMm) {
        int n = width * height;
        int[] sample = new int[3000];
        int count = 0;
        int free = 0;
        for (int i = 0; i < n; i++) {
            if (kind[i] == FREE) {
                free++;
            }
        }
        if (free < 500) {
            return null;
        }
        // reservoir-free: stride sampling with a random phase keeps it repeatable and spread over the image
        double stride = free / (double) sample.length;
        double next = rnd.nextDouble() * stride;
        int seen = 0;
        for (int i = 0; i < n && count < sample.length; i++) {
            if (kind[i] == FREE) {
                if (seen >= next) {
                    sample[count++] = i;
                    next += stride;
                }
                seen++;
            }
        }
        double[] best = null;
        int bestInliers = 0;
        for (int it = 0; it < config.planeIterations; it++) {
            int i0 = sample[rnd.nextInt(count)], i1 = sample[rnd.nextInt(count)], i2 = sample[rnd.nextInt(count)];
            double ux = x[i1] - x[i0], uy = y[i1] - y[i0], uz = z[i1] - z[i0];
            double vx = x[i2] - x[i0], vy = y[i2] - y[i0], vz = z[i2] - z[i0];
            double a = uy * vz - uz * vy, b = uz * vx - ux * vz, c = ux * vy - uy * vx;
            double len = Math.sqrt(a * a + b * b + c * c);
            if (len < 1e-6 || len < 1e-3 * Math.sqrt((ux * ux + uy * uy + uz * uz) * (vx * vx + vy * vy + vz * vz))) {
                continue;
            }
            a /= len;
            b /= len;
            c /= len;
            double d = -(a * x[i0] + b * y[i0] + c * z[i0]);
            int inliers = 0;
            for (int k = 0; k < count; k++) {
                int i = sample[k];
                double dist = a * x[i] + b * y[i] + c * z[i] + d;
                if (Math.abs(dist) < planeTolMm(z[i])) {
                    inliers++;
                }
            }
            if (inliers > bestInliers) {
                bestInliers = inliers;
                best = new double[] {a, b, c, d};
            }
        }
        if (best == null || bestInliers < 0.08 * count) {
            return null;
        }
        // least-squares refit on the inliers of the whole image, twice
        for (int round = 0; round < 2; round++) {
            best = refit(best);
            if (best == null) {
                return null;
            }
        }
        if (best[3] < 0) {
            // camera (origin) on the positive side
            for (int k = 0; k < 4; k++) {
                best[k] = -best[k];
            }
        }
        if (!wideEnough(best, largestDiameterMm)) {
            return null;
        }
        return best;
    }

    private double[] refit(double[] plane) {
        double[] m = inlierMoments(plane, 1, 100);
        if (m == null) {
            return null;
        }
        double[] nrm = PlaneFit.smallestEigenvector(java.util.Arrays.copyOfRange(m, 3, 12));
        return new double[] {nrm[0], nrm[1], nrm[2], -(nrm[0] * m[0] + nrm[1] * m[1] + nrm[2] * m[2])};
    }

    /**
     * Mean (3) and covariance (9, row-major, divided by the count) of the free points within the plane's tolerance,
     * every {@code stride}-th pixel; null when fewer than {@code minCount} lie on it.
     */
    private double[] inlierMoments(double[] plane, int stride, int minCount) {
        int n = width * height;
        double mx = 0, my = 0, mz = 0;
        int cnt = 0;
        for (int i = 0; i < n; i += stride) {
            if (kind[i] == FREE && Math.abs(dist(plane, i)) < planeTolMm(z[i])) {
                mx += x[i];
                my += y[i];
                mz += z[i];
                cnt++;
            }
        }
        if (cnt < minCount) {
            return null;
        }
        mx /= cnt;
        my /= cnt;
        mz /= cnt;
        double[] out = new double[12];
        out[0] = mx;
        out[1] = my;
        out[2] = mz;
        for (int i = 0; i < n; i += stride) {
            if (kind[i] == FREE && Math.abs(dist(plane, i)) < planeTolMm(z[i])) {
                double dx = x[i] - mx, dy = y[i] - my, dz = z[i] - mz;
                out[3] += dx * dx;
                out[4] += dx * dy;
                out[5] += dx * dz;
                out[7] += dy * dy;
                out[8] += dy * dz;
                out[11] += dz * dz;
            }
        }
        for (int k = 3; k < 12; k++) {
            out[k] /= cnt;
        }
        out[6] = out[4];
        out[9] = out[5];
        out[10] = out[8];
        return out;
    }

    private boolean wideEnough(double[] plane, double largestDiameterMm) {
        double[] m = inlierMoments(plane, 3, 50);
        if (m == null) {
            return false;
        }
        double[] cov = java.util.Arrays.copyOfRange(m, 3, 12);
        // the second largest spread of the inliers: trace minus largest minus smallest eigenvalue
        double[] ev = eigenvalues(cov);
        double secondStd = Math.sqrt(Math.max(0, ev[1]));
        // a uniform spread over length L has std L / sqrt(12)
        return secondStd * Math.sqrt(12) >= config.planeMinExtentDiameters * largestDiameterMm;
    }

    /** Eigenvalues of a symmetric 3x3 matrix, descending (closed form). */
    static double[] eigenvalues(double[] m) {
        double p1 = m[1] * m[1] + m[2] * m[2] + m[5] * m[5];
        double q = (m[0] + m[4] + m[8]) / 3;
        double p2 = (m[0] - q) * (m[0] - q) + (m[4] - q) * (m[4] - q) + (m[8] - q) * (m[8] - q) + 2 * p1;
        double p = Math.sqrt(p2 / 6);
        if (p < 1e-12) {
            return new double[] {q, q, q};
        }
        double[] b = new double[9];
        for (int k = 0; k < 9; k++) {
            b[k] = (m[k] - (k % 4 == 0 ? q : 0)) / p;
        }
        double detB = b[0] * (b[4] * b[8] - b[5] * b[7]) - b[1] * (b[3] * b[8] - b[5] * b[6])
                + b[2] * (b[3] * b[7] - b[4] * b[6]);
        double r = Math.max(-1, Math.min(1, detB / 2));
        double phi = Math.acos(r) / 3;
        double e1 = q + 2 * p * Math.cos(phi);
        double e3 = q + 2 * p * Math.cos(phi + 2 * Math.PI / 3);
        return new double[] {e1, 3 * q - e1 - e3, e3};
    }

    double dist(double[] plane, int i) {
        return plane[0] * x[i] + plane[1] * y[i] + plane[2] * z[i] + plane[3];
    }

    private void markPlane(double[] plane, boolean beyond) {
        int n = width * height;
        double cosMax = Math.cos(Math.toRadians(30));
        for (int i = 0; i < n; i++) {
            if (kind[i] != FREE) {
                continue;
            }
            double d = dist(plane, i);
            double tol = planeTolMm(z[i]);
            if (Math.abs(d) < tol) {
                boolean normalOk = nz[i] == 0 && nx[i] == 0 && ny[i] == 0
                        || Math.abs(nx[i] * plane[0] + ny[i] * plane[1] + nz[i] * plane[2]) > cosMax;
                // a point very close to the plane is plane whatever its normal (noise at the contact line)
                if (normalOk || Math.abs(d) < 0.5 * tol) {
                    kind[i] = PLANE;
                }
            } else if (beyond && d < -tol) {
                kind[i] = BEYOND;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    private void markCreases() {
        double cosMax = Math.cos(Math.toRadians(config.creaseAngleDeg));
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                int i = v * width + u;
                if (kind[i] != FREE) {
                    continue;
                }
                int k = Math.max(1, normalRadiusPx(z[i]) / 2 + 1);
                if (u - k >= 0 && u + k < width && concaveFold(i - k, i + k, cosMax)
                        || v - k >= 0 && v + k < height && concaveFold(i - k * width, i + k * width, cosMax)) {
                    crease[i] = true;
                }
            }
        }
    }

    private boolean concaveFold(int a, int b, double cosMax) {
        if (nz[a] == 0 && nx[a] == 0 && ny[a] == 0 || nz[b] == 0 && nx[b] == 0 && ny[b] == 0) {
            return false;
        }
        double dot = nx[a] * nx[b] + ny[a] * ny[b] + nz[a] * nz[b];
        if (dot > cosMax) {
            return false;
        }
        double conv = (nx[b] - nx[a]) * (x[b] - x[a]) + (ny[b] - ny[a]) * (y[b] - y[a]) + (nz[b] - nz[a]) * (z[b] - z[a]);
        return conv < 0;
    }

    // ---------------------------------------------------------------------------------------------------------

    /** True when pixels i and j (4-neighbours) lie on one continuous surface. */
    boolean continuous(int i, int j) {
        return Math.abs(z[i] - z[j]) <= jumpMm(Math.min(z[i], z[j]));
    }

    private void buildSegments() {
        int n = width * height;
        int minPixels = 40;
        int[] parent = new int[n];
        // coarse level: depth continuity only
        labelComponents(parent, false);
        int[] ids = collect(parent, coarseLabel, minPixels, 0);
        int coarseCount = ids[0];
        // fine level: also cut at concave folds
        int[] fineLabel = new int[n];
        labelComponents(parent, true);
        collect(parent, fineLabel, minPixels, 1);
        // keep the fine pieces only of the coarse surfaces that really split (two or more sizeable pieces)
        int[] bigChildren = new int[coarseCount];
        for (Segment s : segments.subList(coarseCount, segments.size())) {
            int coarse = coarseLabel[s.pixels[0]];
            if (coarse >= 0 && s.pixels.length >= 0.15 * segments.get(coarse).pixels.length) {
                bigChildren[coarse]++;
            }
        }
        List<Segment> kept = new ArrayList<>(segments.subList(0, coarseCount));
        for (Segment s : segments.subList(coarseCount, segments.size())) {
            int coarse = coarseLabel[s.pixels[0]];
            if (coarse >= 0 && bigChildren[coarse] >= 2) {
                kept.add(s);
            }
        }
        segments.clear();
        for (Segment s : kept) {
            s.id = segments.size();
            segments.add(s);
        }
    }

    private void labelComponents(int[] parent, boolean cutCreases) {
        int n = width * height;
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                int i = v * width + u;
                if (!usable(i, cutCreases)) {
                    continue;
                }
                if (u + 1 < width && usable(i + 1, cutCreases) && continuous(i, i + 1)) {
                    union(parent, i, i + 1);
                }
                if (v + 1 < height && usable(i + width, cutCreases) && continuous(i, i + width)) {
                    union(parent, i, i + width);
                }
            }
        }
    }

    /** At the fine level, folds and pixels without a normal (next to depth steps) separate surfaces too. */
    private boolean usable(int i, boolean cutCreases) {
        return kind[i] == FREE && !(cutCreases && (crease[i] || nx[i] == 0 && ny[i] == 0 && nz[i] == 0));
    }

    /** Writes component ids to {@code label} and appends the segments; returns {count}. */
    private int[] collect(int[] parent, int[] label, int minPixels, int level) {
        int n = width * height;
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            if (kind[i] == FREE) {
                size[find(parent, i)]++;
            }
        }
        int[] rootId = new int[n];
        Arrays.fill(rootId, -1);
        int first = segments.size();
        List<int[]> members = new ArrayList<>();
        Arrays.fill(label, -1);
        for (int i = 0; i < n; i++) {
            if (kind[i] != FREE) {
                continue;
            }
            int r = find(parent, i);
            if (size[r] >= minPixels && rootId[r] < 0) {
                rootId[r] = members.size();
                members.add(new int[size[r]]);
            }
        }
        int[] fill = new int[members.size()];
        for (int i = 0; i < n; i++) {
            if (kind[i] != FREE) {
                continue;
            }
            int r = find(parent, i);
            int id = rootId[r];
            if (id < 0) {
                continue;
            }
            // at the fine level, crease pixels are singletons of size 1 and never reach here
            members.get(id)[fill[id]++] = i;
            label[i] = first + id;
        }
        for (int id = 0; id < members.size(); id++) {
            segments.add(new Segment(this, first + id, level, members.get(id)));
        }
        return new int[] {members.size()};
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) {
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A connected surface: a class-agnostic proposal. */
    static final class Segment {
        int id;
        /** 0: depth-continuous surface; 1: a piece of one split at concave folds. */
        final int level;
        /** Pixel indices, ascending. */
        final int[] pixels;
        final int[] bbox;
        /** Centroid of the points, mm. */
        final double[] centroid;
        /** Covariance of the points (row-major 3x3), mm². */
        final double[] covariance;

        Segment(DepthScene s, int id, int level, int[] pixels) {
            this.id = id;
            this.level = level;
            this.pixels = pixels;
            int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
            double mx = 0, my = 0, mz = 0;
            for (int i : pixels) {
                int u = i % s.width, v = i / s.width;
                x0 = Math.min(x0, u);
                x1 = Math.max(x1, u);
                y0 = Math.min(y0, v);
                y1 = Math.max(y1, v);
                mx += s.x[i];
                my += s.y[i];
                mz += s.z[i];
            }
            int n = pixels.length;
            mx /= n;
            my /= n;
            mz /= n;
            double[] cov = new double[9];
            for (int i : pixels) {
                double dx = s.x[i] - mx, dy = s.y[i] - my, dz = s.z[i] - mz;
                cov[0] += dx * dx;
                cov[1] += dx * dy;
                cov[2] += dx * dz;
                cov[4] += dy * dy;
                cov[5] += dy * dz;
                cov[8] += dz * dz;
            }
            for (int k = 0; k < 9; k++) {
                cov[k] /= n;
            }
            cov[3] = cov[1];
            cov[6] = cov[2];
            cov[7] = cov[5];
            bbox = new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
            centroid = new double[] {mx, my, mz};
            covariance = cov;
        }

        /** Extent along the principal axes, largest first: 4 standard deviations (mm). */
        double[] extents() {
            double[] ev = eigenvalues(covariance);
            return new double[] {4 * Math.sqrt(Math.max(0, ev[0])), 4 * Math.sqrt(Math.max(0, ev[1])),
                4 * Math.sqrt(Math.max(0, ev[2]))};
        }
    }
}
