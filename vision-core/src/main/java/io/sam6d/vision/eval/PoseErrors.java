package io.sam6d.vision.eval;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.PointGrid;
import io.sam6d.vision.geometry.RigidTransform;

/**
 * The BOP pose error functions ({@code bop_toolkit_lib/pose_error.py}) over an {@link EvalModel}'s points. Poses
 * map model points into the camera frame, t in mm. Errors are in mm (ADD, ADD-S, MSSD) or pixels (MSPD), not yet
 * normalised by the diameter or the image width; {@link PoseEvaluator} does that.
 *
 * <p>Every function has a variant with a cap: the error is exact when it is below the cap and
 * {@link Double#POSITIVE_INFINITY} otherwise, which lets the loops stop early. Scoring only asks whether an error is
 * below a threshold, so a cap at the largest threshold changes no score.
 *
 * <p>Objects flagged symmetric without any symmetry transform ({@link EvalModel#closestPointSymmetry()}, e.g.
 * YCB-Video's {@code symmetric_adds} objects here) get closest-point correspondences in MSSD and MSPD in place of
 * BOP's explicit symmetry set: each model point in the ground-truth pose is paired with the nearest model point in
 * the estimated pose. For an object that really has the symmetry, a pose rotated by it pairs every point with its
 * symmetric image, so both errors are 0 as with the explicit set; otherwise they are lower bounds of the errors
 * under any symmetry set (the closest point is never farther than the symmetric point).
 */
public final class PoseErrors {

    private PoseErrors() {
    }

    /** ADD: mean distance between each model point in the estimated pose and the same point in the true pose. */
    public static double add(EvalModel m, RigidTransform est, RigidTransform gt) {
        return add(m, est, gt, Double.POSITIVE_INFINITY);
    }

    /** ADD-S (BOP's {@code adi}): mean distance from each model point in the true pose to the nearest point of the model in the estimated pose. */
    public static double adi(EvalModel m, RigidTransform est, RigidTransform gt) {
        return adi(m, est, gt, Double.POSITIVE_INFINITY);
    }

    /** ADD for objects scored without symmetry, ADD-S for the others. */
    public static double addOrAdi(EvalModel m, RigidTransform est, RigidTransform gt) {
        return m.scoredWithAddS() ? adi(m, est, gt) : add(m, est, gt);
    }

    /**
     * MSSD: the smallest, over the object's symmetries S, of the largest distance between a model point in the
     * estimated pose and the point in the true pose composed with S. Closest-point correspondences when the
     * object is symmetric without known transforms (see the class comment).
     */
    public static double mssd(EvalModel m, RigidTransform est, RigidTransform gt) {
        return mssd(m, est, gt, Double.POSITIVE_INFINITY);
    }

    /**
     * MSPD: as {@link #mssd} with the distances measured between the points' projections into the image, pixels.
     */
    public static double mspd(EvalModel m, RigidTransform est, RigidTransform gt, CameraIntrinsics cam) {
        return mspd(m, est, gt, cam, Double.POSITIVE_INFINITY);
    }

    static double add(EvalModel m, RigidTransform est, RigidTransform gt, double capMm) {
        Affine d = Affine.of(gt.inverse().compose(est));
        float[] p = m.points();
        int n = m.pointCount();
        double budget = capMm * n;
        double sum = 0;
        for (int i = 0; i < p.length; i += 3) {
            sum += d.displacement(p[i], p[i + 1], p[i + 2]);
            if (sum >= budget) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return sum / n;
    }

    static double adi(EvalModel m, RigidTransform est, RigidTransform gt, double capMm) {
        Affine q = Affine.of(est.inverse().compose(gt));
        Nn nn = new Nn(m, Double.POSITIVE_INFINITY);
        float[] p = m.points();
        int n = m.pointCount();
        double budget = capMm * n;
        double sum = 0;
        for (int i = 0; i < p.length; i += 3) {
            q.apply(p[i], p[i + 1], p[i + 2]);
            nn.find(q.x, q.y, q.z);
            sum += nn.dist;
            if (sum >= budget) {
                return Double.POSITIVE_INFINITY;
            }
        }
        return sum / n;
    }

    static double addOrAdi(EvalModel m, RigidTransform est, RigidTransform gt, double capMm) {
        return m.scoredWithAddS() ? adi(m, est, gt, capMm) : add(m, est, gt, capMm);
    }

    static double mssd(EvalModel m, RigidTransform est, RigidTransform gt, double capMm) {
        float[] p = m.points();
        if (m.closestPointSymmetry()) {
            Affine q = Affine.of(est.inverse().compose(gt));
            Nn nn = new Nn(m, capMm);
            double max = 0;
            for (int i = 0; i < p.length; i += 3) {
                q.apply(p[i], p[i + 1], p[i + 2]);
                if (!nn.find(q.x, q.y, q.z) || nn.dist >= capMm) {
                    return Double.POSITIVE_INFINITY;
                }
                max = Math.max(max, nn.dist);
            }
            return max;
        }
        double best = capMm;
        for (RigidTransform s : m.symmetries()) {
            Affine d = Affine.of(gt.compose(s).inverse().compose(est));
            double max = 0;
            for (int i = 0; i < p.length && max < best; i += 3) {
                max = Math.max(max, d.displacement(p[i], p[i + 1], p[i + 2]));
            }
            if (max < best) {
                best = max;
            }
        }
        return best < capMm ? best : Double.POSITIVE_INFINITY;
    }

    static double mspd(EvalModel m, RigidTransform est, RigidTransform gt, CameraIntrinsics cam, double capPx) {
        float[] p = m.points();
        int n = m.pointCount();
        double fx = cam.fx(), fy = cam.fy(), cx = cam.cx(), cy = cam.cy();
        Affine e = Affine.of(est);
        double[] estUv = new double[2 * n];
        for (int i = 0; i < n; i++) {
            e.apply(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
            estUv[2 * i] = fx * e.x / e.z + cx;
            estUv[2 * i + 1] = fy * e.y / e.z + cy;
        }
        if (m.closestPointSymmetry()) {
            Affine q = Affine.of(est.inverse().compose(gt));
            Affine g = Affine.of(gt);
            // correspondences beyond every MSSD threshold are not searched; such a point keeps its own
            Nn nn = new Nn(m, 0.5 * m.diameterMm());
            double max = 0;
            for (int i = 0; i < n; i++) {
                double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
                q.apply(x, y, z);
                int j = nn.find(q.x, q.y, q.z) ? nn.index : i;
                g.apply(x, y, z);
                double du = fx * g.x / g.z + cx - estUv[2 * j];
                double dv = fy * g.y / g.z + cy - estUv[2 * j + 1];
                max = Math.max(max, Math.sqrt(du * du + dv * dv));
                if (max >= capPx) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            return max;
        }
        double best = capPx;
        for (RigidTransform s : m.symmetries()) {
            Affine g = Affine.of(gt.compose(s));
            double max = 0;
            for (int i = 0; i < n && max < best; i++) {
                g.apply(p[3 * i], p[3 * i + 1], p[3 * i + 2]);
                double du = fx * g.x / g.z + cx - estUv[2 * i];
                double dv = fy * g.y / g.z + cy - estUv[2 * i + 1];
                max = Math.max(max, Math.sqrt(du * du + dv * dv));
            }
            if (max < best) {
                best = max;
            }
        }
        return best < capPx ? best : Double.POSITIVE_INFINITY;
    }

    /** A rigid transform unpacked into fields, with the result of the last {@link #apply} in x, y, z. */
    private static final class Affine {
        final double r00, r01, r02, r10, r11, r12, r20, r21, r22, t0, t1, t2;
        double x, y, z;

        private Affine(RigidTransform a) {
            r00 = a.r(0, 0);
            r01 = a.r(0, 1);
            r02 = a.r(0, 2);
            r10 = a.r(1, 0);
            r11 = a.r(1, 1);
            r12 = a.r(1, 2);
            r20 = a.r(2, 0);
            r21 = a.r(2, 1);
            r22 = a.r(2, 2);
            t0 = a.t(0);
            t1 = a.t(1);
            t2 = a.t(2);
        }

        static Affine of(RigidTransform a) {
            return new Affine(a);
        }

        void apply(double px, double py, double pz) {
            x = r00 * px + r01 * py + r02 * pz + t0;
            y = r10 * px + r11 * py + r12 * pz + t1;
            z = r20 * px + r21 * py + r22 * pz + t2;
        }

        /** |A p - p| */
        double displacement(double px, double py, double pz) {
            double dx = r00 * px + r01 * py + r02 * pz + t0 - px;
            double dy = r10 * px + r11 * py + r12 * pz + t1 - py;
            double dz = r20 * px + r21 * py + r22 * pz + t2 - pz;
            return Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
    }

    /**
     * Nearest model point to a query in the model frame: one grid cell around the query first, then up to
     * {@code maxDist} (a bounded search, so far queries stay cheap) or, unbounded, a ring search.
     */
    private static final class Nn {
        private final PointGrid grid;
        private final float[] pts;
        private final double cell;
        private final double maxDist;
        private final int[] buf = new int[1];
        int index;
        double dist;

        Nn(EvalModel m, double maxDist) {
            this.grid = m.grid();
            this.pts = m.points();
            this.cell = m.gridCellMm();
            this.maxDist = maxDist;
        }

        /** @return false when no point lies within maxDist */
        boolean find(double x, double y, double z) {
            int idx = grid.nearestWithin(x, y, z, Math.min(cell, maxDist));
            if (idx < 0 && maxDist > cell) {
                if (Double.isInfinite(maxDist)) {
                    idx = grid.nearest(x, y, z, 1, buf) > 0 ? buf[0] : -1;
                } else {
                    idx = grid.nearestWithin(x, y, z, maxDist);
                }
            }
            if (idx < 0) {
                return false;
            }
            double dx = pts[3 * idx] - x, dy = pts[3 * idx + 1] - y, dz = pts[3 * idx + 2] - z;
            index = idx;
            dist = Math.sqrt(dx * dx + dy * dy + dz * dz);
            return true;
        }
    }
}
