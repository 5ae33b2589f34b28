package io.sam6d.vision.synthetic;

import java.util.List;

import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.render.RenderModel;
import io.sam6d.vision.render.ViewSphere;

/**
 * A solid placed in a synthetic scene (world frame: the table is z = 0, z up; mm), with what keeps solids apart:
 * its convex hull, known through its extent along a fixed set of directions. Two hulls are apart by at least the
 * largest gap between their extents along any direction (the separating axis theorem: a gap along one direction
 * proves it), so every check here errs on the side of "too close", and accepted solids never interpenetrate.
 * Concave objects are kept apart by their hulls: they may look a little further apart than the gap asked for.
 *
 * @param name      the model's name ({@code obj_000005}, {@code lmo_models/obj_000005}, {@code box}, {@code wall})
 * @param objId     the dataset object id of a target, else 0
 * @param role      what the scene files say about it
 * @param placement how it was placed ({@code free}, {@code touching}, {@code stacked}, {@code leaning}, ...)
 * @param on        what it stands on or leans against, or null (the table)
 * @param top       where another solid can stand on it, in the world, or null
 */
record Body(String name, int objId, Role role, RenderModel render, RigidTransform modelToWorld, Hull hull,
        String placement, Body on, StablePoses.Top top) {

    /** What a solid is to the ground truth. */
    enum Role {
        /** asked for: in {@code scene_gt.json} and the masks */
        TARGET,
        /** an object that is not asked for: drawn, never in the ground truth */
        DISTRACTOR,
        /** walls, shelves, bins, large boxes */
        BACKGROUND
    }

    /** Directions along which every hull's extent is kept: an icosphere (every 17 degrees or so) and the axes. */
    static final double[][] DIRECTIONS;

    static {
        List<double[]> sphere = ViewSphere.icosphere(2);
        DIRECTIONS = new double[sphere.size() + 3][];
        for (int i = 0; i < sphere.size(); i++) {
            DIRECTIONS[i] = sphere.get(i);
        }
        DIRECTIONS[sphere.size()] = new double[] {1, 0, 0};
        DIRECTIONS[sphere.size() + 1] = new double[] {0, 1, 0};
        DIRECTIONS[sphere.size() + 2] = new double[] {0, 0, 1};
    }

    private static final int UP = DIRECTIONS.length - 1;

    double[] translation() {
        return modelToWorld.translation();
    }

    /** Lowest point above the table, mm. */
    double zMin() {
        return hull.lo[UP] + modelToWorld.t(2);
    }

    /** Highest point above the table, mm. */
    double zMax() {
        return hull.hi[UP] + modelToWorld.t(2);
    }

    /** Centre of the hull's bounding sphere in the world. */
    double[] centre() {
        double[] t = modelToWorld.translation();
        return new double[] {hull.centre[0] + t[0], hull.centre[1] + t[1], hull.centre[2] + t[2]};
    }

    double radius() {
        return hull.radius;
    }

    /**
     * A lower bound of the distance between the hulls of two solids, mm; negative when they may overlap. Checks the
     * fixed directions, both solids' axes and the line between their centres.
     */
    static double gap(Body a, Body b) {
        double[] ta = a.translation(), tb = b.translation();
        double best = Double.NEGATIVE_INFINITY;
        for (int d = 0; d < DIRECTIONS.length; d++) {
            double[] u = DIRECTIONS[d];
            double oa = u[0] * ta[0] + u[1] * ta[1] + u[2] * ta[2];
            double ob = u[0] * tb[0] + u[1] * tb[1] + u[2] * tb[2];
            best = Math.max(best, Math.max(a.hull.lo[d] + oa - b.hull.hi[d] - ob, b.hull.lo[d] + ob - a.hull.hi[d] - oa));
        }
        for (double[] u : extraDirections(a.hull, ta, b.hull, tb, null)) {
            double[] ea = a.hull.extent(u, ta), eb = b.hull.extent(u, tb);
            best = Math.max(best, Math.max(ea[0] - eb[1], eb[0] - ea[1]));
        }
        return best;
    }

    /**
     * How far a hull at {@code start} can move along the unit direction {@code v} before it comes within
     * {@code clearanceMm} of a solid: the contact distance in mm, 0 when it is that close already, or infinity when
     * it never comes that close. Exact for the directions {@link #gap} checks at the start (each one's gap changes
     * linearly with the distance moved).
     */
    static double contactDistance(Hull moving, double[] start, double[] v, Body other, double clearanceMm) {
        double[] tb = other.translation();
        double lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
        for (int d = 0; d < DIRECTIONS.length; d++) {
            double[] u = DIRECTIONS[d];
            double om = u[0] * start[0] + u[1] * start[1] + u[2] * start[2];
            double ob = u[0] * tb[0] + u[1] * tb[1] + u[2] * tb[2];
            double k = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
            double[] range = limit(moving.lo[d] + om - other.hull.hi[d] - ob, k, clearanceMm, lo, hi);
            range = limit(other.hull.lo[d] + ob - moving.hi[d] - om, -k, clearanceMm, range[0], range[1]);
            lo = range[0];
            hi = range[1];
            if (lo > hi) {
                return Double.POSITIVE_INFINITY;
            }
        }
        for (double[] u : extraDirections(moving, start, other.hull, tb, v)) {
            double[] em = moving.extent(u, start), eb = other.hull.extent(u, tb);
            double k = u[0] * v[0] + u[1] * v[1] + u[2] * v[2];
            double[] range = limit(em[0] - eb[1], k, clearanceMm, lo, hi);
            range = limit(eb[0] - em[1], -k, clearanceMm, range[0], range[1]);
            lo = range[0];
            hi = range[1];
            if (lo > hi) {
                return Double.POSITIVE_INFINITY;
            }
        }
        if (hi < 0) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.max(0, lo);
    }

    /** Narrows [lo, hi], the distances s at which gap + slope s <= clearance, by one direction's gap. */
    private static double[] limit(double gap, double slope, double clearance, double lo, double hi) {
        if (slope > 1e-12) {
            hi = Math.min(hi, (clearance - gap) / slope);
        } else if (slope < -1e-12) {
            lo = Math.max(lo, (clearance - gap) / slope);
        } else if (gap > clearance) {
            lo = Double.POSITIVE_INFINITY;
        }
        return new double[] {lo, hi};
    }

    /** Both hulls' axes, the line between their centres, its horizontal part and the direction of motion. */
    private static double[][] extraDirections(Hull a, double[] ta, Hull b, double[] tb, double[] motion) {
        double[][] out = new double[9][];
        int n = 0;
        for (int k = 0; k < 3; k++) {
            out[n++] = new double[] {a.axes[k], a.axes[3 + k], a.axes[6 + k]};
            out[n++] = new double[] {b.axes[k], b.axes[3 + k], b.axes[6 + k]};
        }
        double dx = b.centre[0] + tb[0] - a.centre[0] - ta[0], dy = b.centre[1] + tb[1] - a.centre[1] - ta[1];
        double dz = b.centre[2] + tb[2] - a.centre[2] - ta[2];
        double len = Math.sqrt(dx * dx + dy * dy + dz * dz), flat = Math.hypot(dx, dy);
        if (len > 1e-9) {
            out[n++] = new double[] {dx / len, dy / len, dz / len};
        }
        if (flat > 1e-9) {
            out[n++] = new double[] {dx / flat, dy / flat, 0};
        }
        if (motion != null) {
            out[n++] = motion;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    /**
     * The points of a solid's convex hull turned into the world's orientation (not moved), with their extent along
     * {@link #DIRECTIONS}. Immutable.
     */
    static final class Hull {
        final float[] points;
        final double[] lo = new double[DIRECTIONS.length];
        final double[] hi = new double[DIRECTIONS.length];
        /** the model's axes in the world, as the columns of a row-major rotation */
        final double[] axes;
        final double[] centre = new double[3];
        final double radius;

        /**
         * @param modelPoints points whose hull is the solid's (mm, model frame)
         * @param rotation    model-to-world rotation, row-major
         */
        Hull(float[] modelPoints, double[] rotation) {
            axes = rotation.clone();
            int n = modelPoints.length / 3;
            points = new float[modelPoints.length];
            double[] min = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
            double[] max = {-Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
            for (int i = 0; i < n; i++) {
                double x = modelPoints[3 * i], y = modelPoints[3 * i + 1], z = modelPoints[3 * i + 2];
                for (int r = 0; r < 3; r++) {
                    double v = rotation[3 * r] * x + rotation[3 * r + 1] * y + rotation[3 * r + 2] * z;
                    points[3 * i + r] = (float) v;
                    min[r] = Math.min(min[r], v);
                    max[r] = Math.max(max[r], v);
                }
            }
            for (int r = 0; r < 3; r++) {
                centre[r] = (min[r] + max[r]) / 2;
            }
            double r2 = 0;
            for (int i = 0; i < n; i++) {
                double dx = points[3 * i] - centre[0], dy = points[3 * i + 1] - centre[1];
                double dz = points[3 * i + 2] - centre[2];
                r2 = Math.max(r2, dx * dx + dy * dy + dz * dz);
            }
            radius = Math.sqrt(r2);
            for (int d = 0; d < DIRECTIONS.length; d++) {
                double[] e = extent(DIRECTIONS[d], new double[3]);
                lo[d] = e[0];
                hi[d] = e[1];
            }
        }

        /** {min, max} of u . p over the points moved by {@code t}. */
        double[] extent(double[] u, double[] t) {
            double min = Double.MAX_VALUE, max = -Double.MAX_VALUE;
            for (int i = 0; i < points.length; i += 3) {
                double v = u[0] * points[i] + u[1] * points[i + 1] + u[2] * points[i + 2];
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double o = u[0] * t[0] + u[1] * t[1] + u[2] * t[2];
            return new double[] {min + o, max + o};
        }

        /** Lowest point, relative to the hull's own origin, mm. */
        double zLo() {
            return lo[UP];
        }
    }
}
