package io.sam6d.vision.pose;

import java.util.ArrayList;
import java.util.List;

import io.sam6d.vision.geometry.Covariance3;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.geometry.Vec3;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The rotations that map a model's surface onto itself, exactly (given with the object) or approximately (found
 * from the shape): half turns about the principal axes through the surface centroid, quarter turns about an axis
 * whose cross-section is about as wide one way as the other, and continuous rotation about an axis. Depth alone
 * cannot tell such poses apart: an untextured box turned half round, a can about its axis. The estimator uses them
 * to try the symmetric variants of its best pose and break the tie with other cues (colour, the object standing
 * upright on its support).
 *
 * <p><b>Tolerance.</b> A candidate rotation is first refined by a point-to-plane ICP of the model against itself
 * (scan models are not exactly symmetric, and their principal axes are a little off); it is a symmetry when the
 * mean distance from surface samples mapped by it to the nearest dense model sample exceeds the same mean for the
 * identity (the sampling floor) by at most {@link ConfigPpf#symmetryToleranceRel} × diameter. The default, 0.006,
 * comes from the YCB-Video scans: the cracker box's half turns measure 0.7-1.0 mm (0.004 of its 269 mm diameter), the
 * cans' turns about their axis 0.04-0.4 mm, while the mug turned about its body's axis measures 0.98 mm (0.008 of
 * 125 mm: the handle) and the mustard bottle turned upside down 4.7 mm. Found symmetries are closed under composition
 * (a box's three half turns); continuous symmetry is tested at 30° steps.
 *
 * <p>Immutable, model frame, mm.
 */
public final class ApproximateSymmetries {

    /**
     * A rotation of the model onto itself.
     *
     * @param modelToModel x' = R x + t in the model frame, mm
     * @param label        how it was found: {@code "given"}, {@code "half-turn"}, {@code "quarter-turn"},
     *                     {@code "composed"}; with the axis, e.g. {@code "half-turn (0.00, 0.00, 1.00)"}
     * @param excessMm     mean surface distance beyond the sampling floor, mm (0 for given symmetries)
     */
    public record Symmetry(RigidTransform modelToModel, String label, double excessMm) {
    }

    /**
     * Continuous rotational symmetry.
     *
     * @param direction unit axis, model frame
     * @param pointMm   a point on the axis, mm
     * @param excessMm  largest mean surface distance beyond the sampling floor over the tested angles, mm
     */
    public record Axis(double[] direction, double[] pointMm, double excessMm) {

        /** The rotation by {@code angleRad} about this axis. */
        public RigidTransform rotation(double angleRad) {
            return aboutPoint(direction, angleRad, pointMm);
        }
    }

    private static final ApproximateSymmetries NONE = new ApproximateSymmetries(List.of(), List.of(), 0, 0);
    private static final int MAX_DISCRETE = 24;
    private static final int QUERY_SAMPLES = 2000;

    private final List<Symmetry> discrete;
    private final List<Axis> continuous;
    private final double floorMm;
    private final double toleranceMm;

    private ApproximateSymmetries(List<Symmetry> discrete, List<Axis> continuous, double floorMm,
            double toleranceMm) {
        this.discrete = List.copyOf(discrete);
        this.continuous = List.copyOf(continuous);
        this.floorMm = floorMm;
        this.toleranceMm = toleranceMm;
    }

    /** No symmetry at all. */
    public static ApproximateSymmetries none() {
        return NONE;
    }

    /**
     * Rotations of the model onto itself, without the identity and without rotations about a {@link #continuous()}
     * axis: the half and quarter turns found from the shape (and their compositions) first, then the given exact
     * ones.
     */
    public List<Symmetry> discrete() {
        return discrete;
    }

    /** Axes of continuous rotational symmetry (a can, a bowl). */
    public List<Axis> continuous() {
        return continuous;
    }

    /** Mean distance from fresh surface samples to the dense samples, the floor the tolerance is added to, mm. */
    public double floorMm() {
        return floorMm;
    }

    /** The tolerance on the mean distance beyond the floor, mm. */
    public double toleranceMm() {
        return toleranceMm;
    }

    public boolean isEmpty() {
        return discrete.isEmpty() && continuous.isEmpty();
    }

    /**
     * Finds the symmetries of a model.
     *
     * @param mesh         the model (surface samples are drawn from it)
     * @param denseXyz     evenly spread surface samples, mm (what {@code field} indexes)
     * @param denseNormals their unit normals
     * @param denseSpacingMm typical distance between neighbouring dense samples
     * @param field        closest-point table over {@code denseXyz}
     * @param diameterMm   object diameter
     * @param given        exact symmetries that come with the object (identity not included)
     * @param toleranceRel the tolerance relative to the diameter; 0 = find none (given ones are still kept)
     */
    static ApproximateSymmetries find(Mesh mesh, float[] denseXyz, float[] denseNormals, double denseSpacingMm,
            ClosestPointField field, double diameterMm, List<RigidTransform> given, double toleranceRel) {
        List<Symmetry> givenSyms = new ArrayList<>();
        for (RigidTransform g : given) {
            if (Math.toDegrees(g.rotationAngleTo(RigidTransform.identity())) > 1) {
                givenSyms.add(new Symmetry(g, "given", 0));
            }
        }
        if (!(toleranceRel > 0)) {
            return givenSyms.isEmpty() ? NONE : new ApproximateSymmetries(givenSyms, List.of(), 0, 0);
        }
        Finder f = new Finder(mesh, denseXyz, denseNormals, denseSpacingMm, field, diameterMm, toleranceRel);
        return f.run(givenSyms);
    }

    /** Rotation by {@code angleRad} about the line through {@code p} along {@code axis}. */
    static RigidTransform aboutPoint(double[] axis, double angleRad, double[] p) {
        RigidTransform r = RigidTransform.fromAxisAngle(axis[0], axis[1], axis[2], angleRad, new double[3]);
        double[] rp = r.rotate(p[0], p[1], p[2]);
        return new RigidTransform(r.rotation(), new double[] {p[0] - rp[0], p[1] - rp[1], p[2] - rp[2]});
    }

    /** The search, with its samples and scratch state. */
    private static final class Finder {
        final float[] qXyz;
        final float[] qNrm;
        final float[] dXyz;
        final float[] dNrm;
        final ClosestPointField field;
        final double diameter;
        final double floor;
        final double tolerance;
        final double[] centre;
        final double[][] eigVec = new double[3][];

        Finder(Mesh mesh, float[] denseXyz, float[] denseNormals, double denseSpacingMm, ClosestPointField field,
                double diameterMm, double toleranceRel) {
            float[][] q = MeshOps.samplePoints(mesh, QUERY_SAMPLES, 11);
            qXyz = q[0];
            qNrm = q[1];
            dXyz = denseXyz;
            dNrm = denseNormals;
            this.field = field;
            diameter = diameterMm;
            tolerance = toleranceRel * diameterMm;
            // a point set's samples are its own points, which the identity maps onto themselves: its floor is what
            // a surface point between them would measure
            double identity = meanDistance(RigidTransform.identity());
            floor = mesh.hasTriangles() ? identity : Math.max(identity, 0.5 * denseSpacingMm);
            centre = MeshOps.centroid(denseXyz);
            principalAxes();
        }

        ApproximateSymmetries run(List<Symmetry> given) {
            List<double[]> axes = new ArrayList<>();
            for (double[] e : eigVec) {
                addAxis(axes, e);
            }
            addAxis(axes, new double[] {1, 0, 0});
            addAxis(axes, new double[] {0, 1, 0});
            addAxis(axes, new double[] {0, 0, 1});
            List<Symmetry> found = new ArrayList<>();
            List<Axis> cont = new ArrayList<>();
            for (double[] axis : axes) {
                Symmetry half = test(axis, Math.PI, "half-turn");
                if (half != null) {
                    found.add(half);
                }
                if (!roundCrossSection(axis)) {
                    continue;
                }
                Symmetry quarter = test(axis, Math.PI / 2, "quarter-turn");
                if (quarter == null) {
                    continue;
                }
                double[] refinedAxis = refinedAxis(quarter.modelToModel(), axis);
                double[] point = fixedPoint(quarter.modelToModel());
                double worst = Math.max(quarter.excessMm(), worstAbout(refinedAxis, point));
                if (worst <= tolerance) {
                    boolean known = false;
                    for (Axis a : cont) {
                        known |= Math.abs(Vec3.dot(a.direction(), refinedAxis)) > Math.cos(Math.toRadians(10));
                    }
                    if (!known) {
                        cont.add(new Axis(refinedAxis, point, worst));
                    }
                } else {
                    found.add(quarter);
                    Symmetry threeQuarter = test(axis, -Math.PI / 2, "quarter-turn");
                    if (threeQuarter != null) {
                        found.add(threeQuarter);
                    }
                }
            }
            // rotations about a continuous axis are the axis's business
            found.removeIf(s -> aboutAnyAxis(s.modelToModel(), cont));
            List<Symmetry> closed = close(found, cont);
            for (Symmetry g : given) {
                if (closed.size() < MAX_DISCRETE && !contains(closed, g.modelToModel(), cont)) {
                    closed.add(g);
                }
            }
            if (closed.isEmpty() && cont.isEmpty()) {
                return new ApproximateSymmetries(List.of(), List.of(), floor, tolerance);
            }
            return new ApproximateSymmetries(closed, cont, floor, tolerance);
        }

        /** Compositions of the found symmetries, each checked again (approximations add up). */
        private List<Symmetry> close(List<Symmetry> found, List<Axis> cont) {
            List<Symmetry> out = new ArrayList<>();
            for (Symmetry s : found) {
                if (!contains(out, s.modelToModel(), cont)) {
                    out.add(s);
                }
            }
            boolean grew = true;
            while (grew && out.size() < MAX_DISCRETE) {
                grew = false;
                int n = out.size();
                for (int i = 0; i < n && out.size() < MAX_DISCRETE; i++) {
                    for (int j = 0; j < n && out.size() < MAX_DISCRETE; j++) {
                        RigidTransform c = out.get(i).modelToModel().compose(out.get(j).modelToModel());
                        if (Math.toDegrees(c.rotationAngleTo(RigidTransform.identity())) < 10
                                || contains(out, c, cont) || aboutAnyAxis(c, cont)) {
                            continue;
                        }
                        RigidTransform r = refine(c);
                        double excess = meanDistance(r) - floor;
                        if (excess <= tolerance) {
                            out.add(new Symmetry(r, "composed " + axisLabel(r), excess));
                            grew = true;
                        }
                    }
                }
            }
            return out;
        }

        /**
         * The symmetry nearest to the rotation by {@code angle} about {@code axis} through the centroid, or null. The
         * refinement may slide to a neighbouring symmetry (where the shape is round about an axis, say): that is
         * one too, unless it slid back to the identity.
         */
        private Symmetry test(double[] axis, double angle, String kind) {
            RigidTransform start = aboutPoint(axis, angle, centre);
            RigidTransform r = refine(start);
            boolean turned = Math.toDegrees(r.rotationAngleTo(RigidTransform.identity())) > 20;
            double excess = turned ? meanDistance(r) - floor : Double.POSITIVE_INFINITY;
            return excess <= tolerance ? new Symmetry(r, kind + " " + axisLabel(r), excess) : null;
        }

        /**
         * Largest excess over rotations about the line through {@code p} along {@code axis} at 30° steps (not
         * refined: the axis comes from a refined quarter turn).
         */
        private double worstAbout(double[] axis, double[] p) {
            double worst = 0;
            for (int k = 1; k < 12 && worst <= tolerance; k++) {
                worst = Math.max(worst, meanDistance(aboutPoint(axis, k * Math.PI / 6, p)) - floor);
            }
            return worst;
        }

        /** Whether the surface is about as wide in every direction across {@code axis} (a quarter turn may fit). */
        private boolean roundCrossSection(double[] axis) {
            // second moments across the axis: covariance projected onto the plane normal to it
            double[] c = covariance();
            double[] u = Vec3.perpendicular(axis);
            double[] v = Vec3.cross(axis, u);
            double uu = quad(c, u, u), vv = quad(c, v, v), uv = quad(c, u, v);
            double mean = (uu + vv) / 2, diff = Math.sqrt((uu - vv) * (uu - vv) / 4 + uv * uv);
            double lo = mean - diff, hi = mean + diff;
            return hi > 0 && Math.sqrt(Math.max(0, lo) / hi) > 0.85;
        }

        private double[] cov;

        private double[] covariance() {
            if (cov == null) {
                cov = new double[9];
                int n = dXyz.length / 3;
                for (int i = 0; i < n; i++) {
                    double x = dXyz[3 * i] - centre[0], y = dXyz[3 * i + 1] - centre[1], z = dXyz[3 * i + 2] - centre[2];
                    Covariance3.addUpper(cov, 0, x, y, z);
                }
                Covariance3.divideAndMirror(cov, 0, Math.max(1, n));
            }
            return cov;
        }

        private void principalAxes() {
            DMatrixRMaj m = new DMatrixRMaj(3, 3, true, covariance());
            EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(3, true, true);
            if (!eig.decompose(m)) {
                eigVec[0] = new double[] {1, 0, 0};
                eigVec[1] = new double[] {0, 1, 0};
                eigVec[2] = new double[] {0, 0, 1};
                return;
            }
            for (int k = 0; k < 3; k++) {
                DMatrixRMaj v = eig.getEigenVector(k);
                eigVec[k] = Vec3.normalize(new double[] {v.get(0), v.get(1), v.get(2)});
            }
        }

        /** Mean distance from the query samples mapped by {@code s} to the nearest dense sample, mm. */
        double meanDistance(RigidTransform s) {
            double[] r = s.rotation(), t = s.translation();
            int n = qXyz.length / 3;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double x = qXyz[3 * i], y = qXyz[3 * i + 1], z = qXyz[3 * i + 2];
                double px = r[0] * x + r[1] * y + r[2] * z + t[0];
                double py = r[3] * x + r[4] * y + r[5] * z + t[1];
                double pz = r[6] * x + r[7] * y + r[8] * z + t[2];
                int j = field.nearest(px, py, pz);
                double dx = px - dXyz[3 * j], dy = py - dXyz[3 * j + 1], dz = pz - dXyz[3 * j + 2];
                sum += Math.sqrt(dx * dx + dy * dy + dz * dz);
            }
            return sum / n;
        }

        /**
         * Point-to-plane ICP of the mapped query samples onto the dense samples, starting from {@code s}: the
         * approximate symmetry nearest to it.
         */
        RigidTransform refine(RigidTransform s) {
            double[] a = new double[12];
            System.arraycopy(s.rotation(), 0, a, 0, 9);
            System.arraycopy(s.translation(), 0, a, 9, 3);
            double[] h = new double[36], g = new double[6], delta = new double[6];
            int n = qXyz.length / 3;
            double[] gates = {0.08 * diameter, 0.04 * diameter, 0.02 * diameter};
            for (double gate : gates) {
                double gate2 = gate * gate;
                for (int it = 0; it < 8; it++) {
                    java.util.Arrays.fill(h, 0);
                    java.util.Arrays.fill(g, 0);
                    int count = 0;
                    for (int i = 0; i < n; i++) {
                        double x = qXyz[3 * i], y = qXyz[3 * i + 1], z = qXyz[3 * i + 2];
                        double px = a[0] * x + a[1] * y + a[2] * z + a[9];
                        double py = a[3] * x + a[4] * y + a[5] * z + a[10];
                        double pz = a[6] * x + a[7] * y + a[8] * z + a[11];
                        int j = field.nearest(px, py, pz);
                        double ex = px - dXyz[3 * j], ey = py - dXyz[3 * j + 1], ez = pz - dXyz[3 * j + 2];
                        if (ex * ex + ey * ey + ez * ez > gate2) {
                            continue;
                        }
                        double nx = dNrm[3 * j], ny = dNrm[3 * j + 1], nz = dNrm[3 * j + 2];
                        double mx = qNrm[3 * i], my = qNrm[3 * i + 1], mz = qNrm[3 * i + 2];
                        double dot = nx * (a[0] * mx + a[1] * my + a[2] * mz) + ny * (a[3] * mx + a[4] * my + a[5] * mz)
                                + nz * (a[6] * mx + a[7] * my + a[8] * mz);
                        if (dot < 0.5) {
                            continue;
                        }
                        double res = nx * ex + ny * ey + nz * ez;
                        double j0 = py * nz - pz * ny, j1 = pz * nx - px * nz, j2 = px * ny - py * nx;
                        double[] jr = {j0, j1, j2, nx, ny, nz};
                        for (int p = 0; p < 6; p++) {
                            g[p] += jr[p] * res;
                            for (int q = p; q < 6; q++) {
                                h[6 * p + q] += jr[p] * jr[q];
                            }
                        }
                        count++;
                    }
                    if (count < 12) {
                        break;
                    }
                    for (int p = 0; p < 6; p++) {
                        for (int q = 0; q < p; q++) {
                            h[6 * p + q] = h[6 * q + p];
                        }
                    }
                    if (!PointToPlaneIcp.solveDamped(h, g, delta)) {
                        break;
                    }
                    PointToPlaneIcp.applyUpdate(a, delta);
                    double rot = Math.sqrt(delta[0] * delta[0] + delta[1] * delta[1] + delta[2] * delta[2]);
                    double tr = Math.sqrt(delta[3] * delta[3] + delta[4] * delta[4] + delta[5] * delta[5]);
                    if (rot < 1e-5 && tr < 1e-3) {
                        break;
                    }
                }
            }
            return new RigidTransform(java.util.Arrays.copyOf(a, 9), java.util.Arrays.copyOfRange(a, 9, 12))
                    .orthonormalized();
        }

        private static void addAxis(List<double[]> axes, double[] a) {
            for (double[] b : axes) {
                if (Math.abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) > Math.cos(Math.toRadians(10))) {
                    return;
                }
            }
            axes.add(a);
        }
    }

    /** Whether the list holds {@code t}, or {@code t} up to a rotation about one of the continuous axes. */
    private static boolean contains(List<Symmetry> list, RigidTransform t, List<Axis> cont) {
        for (Symmetry s : list) {
            RigidTransform rel = s.modelToModel().inverse().compose(t);
            if (Math.toDegrees(rel.rotationAngleTo(RigidTransform.identity())) < 10 || aboutAnyAxis(rel, cont)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code t} is a rotation about one of the continuous axes. */
    private static boolean aboutAnyAxis(RigidTransform t, List<Axis> axes) {
        double[] r = t.rotation();
        for (Axis a : axes) {
            double[] d = a.direction();
            double[] rd = {r[0] * d[0] + r[1] * d[1] + r[2] * d[2], r[3] * d[0] + r[4] * d[1] + r[5] * d[2],
                r[6] * d[0] + r[7] * d[1] + r[8] * d[2]};
            if (rd[0] * d[0] + rd[1] * d[1] + rd[2] * d[2] > Math.cos(Math.toRadians(10))) {
                return true;
            }
        }
        return false;
    }

    /** The rotation axis of {@code t}, signed to agree with {@code hint}. */
    static double[] refinedAxis(RigidTransform t, double[] hint) {
        double[] ax = rotationAxis(t);
        if (ax[0] * hint[0] + ax[1] * hint[1] + ax[2] * hint[2] < 0) {
            ax = new double[] {-ax[0], -ax[1], -ax[2]};
        }
        return ax;
    }

    /** Unit rotation axis of a rotation (any sign; also for half turns). */
    static double[] rotationAxis(RigidTransform t) {
        double[] r = t.rotation();
        double x = r[7] - r[5], y = r[2] - r[6], z = r[3] - r[1];
        double n = Math.sqrt(x * x + y * y + z * z);
        if (n > 1e-3) {
            return new double[] {x / n, y / n, z / n};
        }
        // near a half turn: R + I = 2 a a^T; take its largest column
        double[] m = {r[0] + 1, r[1], r[2], r[3], r[4] + 1, r[5], r[6], r[7], r[8] + 1};
        int best = 0;
        for (int c = 1; c < 3; c++) {
            if (m[4 * c] > m[4 * best]) {
                best = c;
            }
        }
        return Vec3.normalize(new double[] {m[best], m[3 + best], m[6 + best]});
    }

    /** The point of the rotation axis of {@code t} nearest to the origin (least squares of (I - R) p = t). */
    static double[] fixedPoint(RigidTransform t) {
        double[] ax = rotationAxis(t);
        double[] r = t.rotation(), tr = t.translation();
        // (I - R) is singular along the axis: add a a^T to fix the component along it to 0
        double[] m = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                m[3 * i + j] = (i == j ? 1 : 0) - r[3 * i + j] + ax[i] * ax[j];
            }
        }
        DMatrixRMaj a = new DMatrixRMaj(3, 3, true, m);
        DMatrixRMaj b = new DMatrixRMaj(3, 1, true, tr);
        DMatrixRMaj x = new DMatrixRMaj(3, 1);
        if (!org.ejml.dense.row.CommonOps_DDRM.solve(a, b, x)) {
            return new double[3];
        }
        return new double[] {x.get(0), x.get(1), x.get(2)};
    }

    static String axisLabel(RigidTransform t) {
        double[] a = rotationAxis(t);
        // the sign of a half turn's axis is arbitrary: show it with its largest component positive
        int m = Math.abs(a[0]) >= Math.abs(a[1]) && Math.abs(a[0]) >= Math.abs(a[2]) ? 0
                : Math.abs(a[1]) >= Math.abs(a[2]) ? 1 : 2;
        double s = a[m] < 0 ? -1 : 1;
        return String.format(java.util.Locale.ROOT, "%.0f deg about (%.2f, %.2f, %.2f)",
                Math.toDegrees(t.rotationAngleTo(RigidTransform.identity())), s * a[0], s * a[1], s * a[2]);
    }

    private static double quad(double[] m, double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                s += u[i] * m[3 * i + j] * v[j];
            }
        }
        return s;
    }
}
