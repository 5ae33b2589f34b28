package io.sam6d.vision.eval;

import org.ddogleg.nn.NearestNeighbor;
import org.ddogleg.nn.NnData;

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
 * the estimated pose (as ADD-S pairs them). MSSD is the largest pair distance; MSPD the largest distance between
 * the projections of the pairs, where a pair farther apart than half the diameter (beyond every MSSD threshold)
 * is replaced by the point and itself. For an object that really has the symmetry, a pose turned by it pairs every
 * point with its symmetric image, so both errors are 0 as with the explicit set; in general MSSD is a lower bound
 * of the MSSD under any symmetry set (the closest point is never farther than the symmetric point).
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

    /**
     * ADD(-S), MSSD and MSPD of one estimate at once, {@code {mm, mm, px}}; for objects with closest-point
     * symmetry the three share one nearest-neighbour search.
     */
    public static double[] all(EvalModel m, RigidTransform est, RigidTransform gt, CameraIntrinsics cam) {
        double inf = Double.POSITIVE_INFINITY;
        return all(m, est, gt, cam, inf, inf, inf);
    }

    static double[] all(EvalModel m, RigidTransform est, RigidTransform gt, CameraIntrinsics cam, double addCapMm,
            double mssdCapMm, double mspdCapPx) {
        if (m.closestPointSymmetry()) {
            return closestPass(m, est, gt, cam, addCapMm, mssdCapMm, mspdCapPx);
        }
        return new double[] {addOrAdi(m, est, gt, addCapMm), mssd(m, est, gt, mssdCapMm),
            mspd(m, est, gt, cam, mspdCapPx)};
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
            return closestPass(m, est, gt, null, 0, capMm, 0)[1];
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
        if (m.closestPointSymmetry()) {
            return closestPass(m, est, gt, cam, 0, 0, capPx)[2];
        }
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

    /**
     * ADD-S, MSSD and MSPD of an object with closest-point symmetry from one pass: every model point in the true
     * pose is paired with the nearest model point in the estimated pose. MSPD uses the pair when it is closer than
     * half the diameter (the largest MSSD threshold) and the point itself otherwise. A cap of 0 marks a figure
     * that is not wanted (returned as infinity); the pass stops once every wanted figure has reached its cap.
     */
    static double[] closestPass(EvalModel m, RigidTransform est, RigidTransform gt, CameraIntrinsics cam,
            double addCap, double mssdCap, double mspdCap) {
        double inf = Double.POSITIVE_INFINITY;
        float[] p = m.points();
        int n = m.pointCount();
        double corrMax = 0.5 * m.diameterMm();
        boolean wantMspd = cam != null && mspdCap > 0;
        // every pair of points, one per pose, is at least this far apart
        double lowerBound = est.translationDistanceTo(gt) - 2 * m.radiusMm();
        boolean addOpen = addCap > 0 && lowerBound < addCap;
        boolean mssdOpen = mssdCap > 0 && lowerBound < mssdCap;
        boolean search = addOpen || mssdOpen || wantMspd && lowerBound < corrMax;
        double addBudget = addCap * n;
        double sum = 0, maxDist = 0, maxPx = 0;
        Affine q = Affine.of(est.inverse().compose(gt));
        Affine g = Affine.of(gt);
        Affine e = Affine.of(est);
        Nn nn = new Nn(m, inf);
        for (int i = 0; i < n; i++) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            int j = i;
            if (search) {
                q.apply(x, y, z);
                nn.find(q.x, q.y, q.z);
                sum += nn.dist;
                maxDist = Math.max(maxDist, nn.dist);
                if (nn.dist < corrMax) {
                    j = nn.index;
                }
                addOpen &= sum < addBudget;
                mssdOpen &= maxDist < mssdCap;
            }
            if (wantMspd) {
                g.apply(x, y, z);
                e.apply(p[3 * j], p[3 * j + 1], p[3 * j + 2]);
                double du = cam.fx() * (g.x / g.z - e.x / e.z), dv = cam.fy() * (g.y / g.z - e.y / e.z);
                maxPx = Math.max(maxPx, Math.sqrt(du * du + dv * dv));
                wantMspd = maxPx < mspdCap;
            }
            if (!addOpen && !mssdOpen && !wantMspd) {
                break;
            }
        }
        return new double[] {addOpen ? sum / n : inf, mssdOpen ? maxDist : inf, wantMspd ? maxPx : inf};
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
     * Nearest model point to a query in the model frame: the 27 fine-grid cells around the query first, then the
     * exact kd-tree. Queries farther than {@code maxDist} from every point report a miss. One per thread.
     */
    static final class Nn {
        private final PointGrid fine;
        private final EvalModel model;
        private final float[] pts;
        private final double fineCell;
        private final double maxDist;
        private final double[] query = new double[3];
        private NearestNeighbor.Search<double[]> search;
        private NnData<double[]> found;
        int index;
        double dist;

        Nn(EvalModel m, double maxDist) {
            this.model = m;
            this.fine = m.fineGrid();
            this.pts = m.points();
            this.fineCell = m.diameterMm() / 40;
            this.maxDist = maxDist;
        }

        /** @return false when no point lies within maxDist */
        boolean find(double x, double y, double z) {
            int idx = fine.nearestWithin(x, y, z, Math.min(fineCell, maxDist));
            if (idx < 0 && maxDist > fineCell) {
                if (search == null) {
                    search = model.kdTree().createSearch();
                    found = new NnData<>();
                }
                query[0] = x;
                query[1] = y;
                query[2] = z;
                // ddogleg's distances are squared here; -1 means unbounded
                double bound = Double.isInfinite(maxDist) ? -1 : maxDist * maxDist;
                idx = search.findNearest(query, bound, found) ? found.index : -1;
            }
            if (idx < 0) {
                return false;
            }
            double dx = pts[3 * idx] - x, dy = pts[3 * idx + 1] - y, dz = pts[3 * idx + 2] - z;
            double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
            if (d > maxDist) {
                return false;
            }
            index = idx;
            dist = d;
            return true;
        }
    }
}
