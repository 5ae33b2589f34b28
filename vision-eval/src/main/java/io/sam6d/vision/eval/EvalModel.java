package io.sam6d.vision.eval;

import java.util.ArrayList;
import java.util.List;

import org.ddogleg.nn.FactoryNearestNeighbor;
import org.ddogleg.nn.NearestNeighbor;
import org.ddogleg.nn.alg.distance.KdTreeEuclideanSq_F64;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.PointGrid;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.io.bop.ModelInfo;

/**
 * An object as the pose metrics see it: its points (the model's vertices, as BOP uses the vertices of its
 * evaluation models; the points of a point-set model), diameter, symmetries and a nearest-neighbour grid over the
 * points. Lengths in mm, model frame. Immutable and safe to share between threads.
 */
public final class EvalModel {

    private final int objId;
    private final float[] points;
    private final double diameterMm;
    private final double radiusMm;
    private final List<RigidTransform> symmetries;
    private final boolean scoredWithAddS;
    private final PointGrid fineGrid;
    private volatile NearestNeighbor<double[]> kdTree;

    /**
     * @param points         xyz per point, mm, model frame; not copied
     * @param diameterMm     the object's diameter (BOP's {@code diameter}), the unit of the ADD(-S) and MSSD
     *                       thresholds
     * @param symmetries     BOP's symmetry set, identity included (see {@link Symmetries#bop}); an empty list means
     *                       just the identity
     * @param scoredWithAddS whether ADD(-S) uses the closest-point ADD-S for this object
     */
    public EvalModel(int objId, float[] points, double diameterMm, List<RigidTransform> symmetries,
            boolean scoredWithAddS) {
        if (points.length < 3 || points.length % 3 != 0) {
            throw new IllegalArgumentException("an evaluation model needs at least one point");
        }
        if (!(diameterMm > 0)) {
            throw new IllegalArgumentException("diameter must be > 0 mm");
        }
        this.objId = objId;
        this.points = points;
        this.diameterMm = diameterMm;
        this.symmetries = symmetries.isEmpty() ? List.of(RigidTransform.identity()) : List.copyOf(symmetries);
        this.scoredWithAddS = scoredWithAddS;
        double r2 = 0;
        for (int i = 0; i < points.length; i += 3) {
            r2 = Math.max(r2, points[i] * points[i] + points[i + 1] * points[i + 1] + points[i + 2] * points[i + 2]);
        }
        this.radiusMm = Math.sqrt(r2);
        // Closest points: a query near the surface (a good pose) finds its neighbour among the 27 cells around it
        // in a fine grid (a few points per cell); a query that misses them (a wrong pose) goes to an exact kd-tree,
        // whose cost grows gently with the distance where a grid's grows with its cube. Measured on YCB-Video
        // models (7,900 points): about as fast as the kd-tree alone near the surface, and far from it (0.3
        // diameter) on a par with a coarse grid's ring search, which becomes hopeless farther out.
        this.fineGrid = PointGrid.build(points, diameterMm / 40);
    }

    /**
     * From a dataset entry: BOP's symmetry set (continuous symmetries sampled with BOP's default step); ADD-S when
     * the object is flagged {@code symmetric_adds} or has symmetries listed.
     */
    public static EvalModel of(int objId, Mesh mesh, ModelInfo info) {
        List<RigidTransform> syms = Symmetries.bop(info, Symmetries.BOP_MAX_SYM_DISC_STEP);
        double diameter = info.diameter() > 0 ? info.diameter()
                : io.sam6d.vision.geometry.MeshOps.diameter(mesh);
        return new EvalModel(objId, mesh.positions(), diameter, syms, info.hasSymmetries());
    }

    public int objId() {
        return objId;
    }

    /** The points, xyz per point, mm; shared, do not modify. */
    public float[] points() {
        return points;
    }

    public int pointCount() {
        return points.length / 3;
    }

    public double diameterMm() {
        return diameterMm;
    }

    /** Largest distance of a point from the model origin, mm. */
    public double radiusMm() {
        return radiusMm;
    }

    /** The symmetry set, identity first. */
    public List<RigidTransform> symmetries() {
        return symmetries;
    }

    /** ADD(-S) uses ADD-S (closest point) for this object. */
    public boolean scoredWithAddS() {
        return scoredWithAddS;
    }

    /**
     * The object is symmetric ({@code symmetric_adds}) but no symmetry transform is known, so MSSD and MSPD fall
     * back to closest-point correspondences (see {@link PoseErrors#mssd}).
     */
    public boolean closestPointSymmetry() {
        return scoredWithAddS && symmetries.size() == 1;
    }

    /** Grid with cells of diameter / 40. */
    PointGrid fineGrid() {
        return fineGrid;
    }

    /** Exact kd-tree over the points (ddogleg), built on first use; make one search per thread. */
    NearestNeighbor<double[]> kdTree() {
        NearestNeighbor<double[]> t = kdTree;
        if (t == null) {
            synchronized (this) {
                t = kdTree;
                if (t == null) {
                    List<double[]> pts = new ArrayList<>(pointCount());
                    for (int i = 0; i < points.length; i += 3) {
                        pts.add(new double[] {points[i], points[i + 1], points[i + 2]});
                    }
                    t = FactoryNearestNeighbor.kdtree(new KdTreeEuclideanSq_F64(3));
                    t.setPoints(pts, true); // true: results carry the point index
                    kdTree = t;
                }
            }
        }
        return t;
    }
}
