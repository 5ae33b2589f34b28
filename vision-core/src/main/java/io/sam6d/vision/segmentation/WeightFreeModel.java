package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.geometry.Covariance3;
import io.sam6d.vision.geometry.Eigen3;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.PointGrid;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PpfModel;
import io.sam6d.vision.render.PointSplatRenderer;
import io.sam6d.vision.render.TemplateSet;
import io.sam6d.vision.render.TemplateView;
import io.sam6d.vision.render.ViewSphere;

/**
 * What {@link WeightFreeSegmenter#prepare} computes for one object, in the model frame (mm): a dense surface sample
 * for rendering silhouettes and depth, and templates, one per viewing direction, each holding the visible surface
 * points (with normals) spread over the view, their centroid and the silhouette area. Immutable; shared between
 * threads.
 */
final class WeightFreeModel implements PreparedModel {

    /** Points per template kept for the fine comparison; the first {@code featuresPerView} serve the coarse one. */
    static final int REFINE_FEATURES = 160;

    /** Surface points the templates are cut from (visibility, centroid, silhouette area, features). */
    static final int TEMPLATE_POINTS = 8000;

    final ObjectModel model;
    /** Dense surface sample: xyz and unit normals, 3 floats per point, mm. */
    final float[] points;
    final float[] normals;
    /** Vertex colour of each dense point, rgb 0..255, or null when the mesh has none. */
    final byte[] colors;
    /** 1 / sqrt(points per mm² of surface): the side of the square each dense point stands for, mm. */
    final double spacingMm;
    /** Draws the dense sample for {@link PoseRender}: covering squares, faces turned away by more than 0.1 skipped. */
    final PointSplatRenderer splats;
    /** Centre of the bounding box, mm. */
    final double[] center;
    final double diameterMm;
    /**
     * The object's middle extent along its principal axes, mm: no flat face of it is wider than that (a box's
     * largest face is as wide as its middle side), so a plane that spreads wider is no face of it.
     */
    final double widestFaceMm;
    /** Mean silhouette area over the views, mm². */
    final double meanSilhouetteMm2;
    final View[] views;
    /** In-plane angles per view in {@link #viewRotations}. */
    final int inPlaneSteps;
    /** Every view rotation composed with every in-plane rotation, {@code Rz(2 pi k / inPlaneSteps) * Rv}, row-major. */
    final double[][] viewRotations;
    /**
     * The views reported in {@link Detection#templateViews()}: ids and unit viewing directions (model frame, from
     * the object's centre towards the camera), 3 per view. They are the object's rendered template set when its
     * {@code templateDir} holds a complete one, otherwise this engine's own template views.
     */
    final int[] reportedViewIds;
    final double[] reportedViewDirs;
    /** True when {@link #reportedViewIds} come from the object's template directory. */
    final boolean reportsTemplateDir;
    /** Point-pair-feature table, dense samples and closest-point field for voting and ICP. */
    final PpfModel ppf;

    /**
     * One template: the model seen along {@code -direction} (orthographic).
     *
     * @param rotation        model to view-camera rotation, row-major (camera z looks at the object)
     * @param features        visible surface points in farthest-point order, xyz in the model frame
     * @param featureNormals  their unit normals, model frame
     * @param visibleCentroid centroid of all visible points, model frame
     * @param silhouetteMm2   silhouette area, mm²
     */
    record View(int id, double[] rotation, float[] features, float[] featureNormals, double[] visibleCentroid,
            double silhouetteMm2) {

        int featureCount() {
            return features.length / 3;
        }
    }

    private WeightFreeModel(ObjectModel model, float[] points, float[] normals, byte[] colors, double spacingMm,
            View[] views, PpfModel ppf, int inPlaneSteps, TemplateSet templates) {
        this.ppf = ppf;
        this.inPlaneSteps = inPlaneSteps;
        viewRotations = new double[views.length * inPlaneSteps][];
        for (int v = 0; v < views.length; v++) {
            double[] rv = views[v].rotation();
            for (int k = 0; k < inPlaneSteps; k++) {
                double ang = 2 * Math.PI * k / inPlaneSteps;
                double c = Math.cos(ang), sn = Math.sin(ang);
                viewRotations[v * inPlaneSteps + k] = PoseSearch.mul(new double[] {c, -sn, 0, sn, c, 0, 0, 0, 1}, rv);
            }
        }
        this.model = model;
        this.points = points;
        this.normals = normals;
        this.colors = colors;
        this.spacingMm = spacingMm;
        this.splats = new PointSplatRenderer(points, normals, null, spacingMm,
                PointSplatRenderer.Footprint.COVERING_SQUARE, 0.1);
        this.views = views;
        Mesh mesh = model.mesh();
        double[] b = MeshOps.bounds(mesh);
        center = new double[] {(b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2};
        diameterMm = model.diameterMm();
        widestFaceMm = middleExtent(points);
        double area = 0;
        for (View v : views) {
            area += v.silhouetteMm2;
        }
        meanSilhouetteMm2 = area / views.length;
        if (templates != null) {
            List<TemplateView> tv = templates.views();
            reportedViewIds = new int[tv.size()];
            reportedViewDirs = new double[3 * tv.size()];
            for (int i = 0; i < tv.size(); i++) {
                reportedViewIds[i] = tv.get(i).id();
                double[] d = viewingDirection(tv.get(i).modelToCamera().rotation(),
                        tv.get(i).modelToCamera().translation(), center);
                System.arraycopy(d, 0, reportedViewDirs, 3 * i, 3);
            }
            reportsTemplateDir = true;
        } else {
            reportedViewIds = new int[views.length];
            reportedViewDirs = new double[3 * views.length];
            for (int i = 0; i < views.length; i++) {
                reportedViewIds[i] = views[i].id();
                double[] r = views[i].rotation();
                // the view camera looks along its +z: the direction to the camera is -(row 2)
                reportedViewDirs[3 * i] = -r[6];
                reportedViewDirs[3 * i + 1] = -r[7];
                reportedViewDirs[3 * i + 2] = -r[8];
            }
            reportsTemplateDir = false;
        }
    }

    /** Unit direction from the object's centre towards the camera, model frame, for a model-to-camera pose. */
    static double[] viewingDirection(double[] r, double[] t, double[] center) {
        double ox = r[0] * center[0] + r[1] * center[1] + r[2] * center[2] + t[0];
        double oy = r[3] * center[0] + r[4] * center[1] + r[5] * center[2] + t[1];
        double oz = r[6] * center[0] + r[7] * center[1] + r[8] * center[2] + t[2];
        double dx = -(r[0] * ox + r[3] * oy + r[6] * oz);
        double dy = -(r[1] * ox + r[4] * oy + r[7] * oz);
        double dz = -(r[2] * ox + r[5] * oy + r[8] * oz);
        double n = Math.sqrt(dx * dx + dy * dy + dz * dz);
        return n == 0 ? new double[] {0, 0, 1} : new double[] {dx / n, dy / n, dz / n};
    }

    /**
     * The {@code count} reported views whose viewing direction is closest to the one of this pose, best first, with
     * the cosine of the angle between the directions (1 = the same viewpoint).
     */
    List<Detection.TemplateMatch> nearestViews(double[] r, double[] t, int count) {
        double[] d = viewingDirection(r, t, center);
        int n = reportedViewIds.length;
        double[] cos = new double[n];
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            cos[i] = d[0] * reportedViewDirs[3 * i] + d[1] * reportedViewDirs[3 * i + 1]
                    + d[2] * reportedViewDirs[3 * i + 2];
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(cos[b], cos[a]));
        List<Detection.TemplateMatch> out = new ArrayList<>();
        for (int k = 0; k < Math.min(count, n); k++) {
            out.add(new Detection.TemplateMatch(reportedViewIds[order[k]], Math.max(0, cos[order[k]])));
        }
        return out;
    }

    @Override
    public ObjectModel model() {
        return model;
    }

    @Override
    public long memoryBytes() {
        long bytes = 4L * (points.length + normals.length) + (colors == null ? 0 : colors.length) + ppf.memoryBytes();
        for (View v : views) {
            bytes += 4L * (v.features.length + v.featureNormals.length) + 200;
        }
        return bytes;
    }

    static WeightFreeModel build(ObjectModel model, ConfigWeightFreeSegmentation config) {
        Mesh mesh = model.mesh();
        float[][] sample = MeshOps.samplePoints(mesh, config.densePoints, config.seed);
        float[] pts = sample[0];
        float[] nrm = sample[1];
        int n = pts.length / 3;
        double spacing = medianNeighbourDistance(pts);
        byte[] colors = null;
        if (mesh.hasColors()) {
            colors = sampleColors(mesh, pts);
        }
        // the render package's Fibonacci sphere turned so that its poles lie on the model's y axis (the spiral this
        // engine's views were tuned on): (x, y, z) of ViewSphere is (x, z, y) here
        List<double[]> dirs = ViewSphere.fibonacci(config.viewCount);
        View[] views = new View[config.viewCount];
        double[] c = MeshOps.boundsCenter(mesh);
        // templates need far fewer points than silhouettes: the first points of the (random) sample are an even
        // subset of the surface
        int nt = Math.min(n, TEMPLATE_POINTS);
        double cell = Math.max(1e-3, 2.0 * spacing * Math.sqrt(n / (double) nt));
        int featCount = Math.max(config.featuresPerView, REFINE_FEATURES);
        for (int vi = 0; vi < views.length; vi++) {
            double[] d = dirs.get(vi);
            double[] r = lookRotation(d[0], d[2], d[1]);
            views[vi] = buildView(vi, r, pts, nrm, nt, c, cell, featCount, config.seed + vi);
        }
        TemplateSet templates = null;
        if (model.templateDir() != null && TemplateSet.isComplete(model.templateDir())) {
            templates = TemplateSet.read(model.templateDir());
        }
        return new WeightFreeModel(model, pts, nrm, colors, spacing, views, PpfModel.build(model, config.ppf),
                config.inPlaneSteps, templates);
    }

    private static View buildView(int id, double[] r, float[] pts, float[] nrm, int n, double[] c, double cell,
            int featCount, long seed) {
        // orthographic z-buffer over the view plane; a point is visible when it faces the camera and is no more
        // than a cell and a half behind the nearest surface in its cell
        double[] a = new double[n], b = new double[n], d = new double[n];
        double amin = Double.MAX_VALUE, bmin = Double.MAX_VALUE, amax = -Double.MAX_VALUE, bmax = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double px = pts[3 * i] - c[0], py = pts[3 * i + 1] - c[1], pz = pts[3 * i + 2] - c[2];
            a[i] = r[0] * px + r[1] * py + r[2] * pz;
            b[i] = r[3] * px + r[4] * py + r[5] * pz;
            d[i] = r[6] * px + r[7] * py + r[8] * pz;
            amin = Math.min(amin, a[i]);
            amax = Math.max(amax, a[i]);
            bmin = Math.min(bmin, b[i]);
            bmax = Math.max(bmax, b[i]);
        }
        int gw = (int) ((amax - amin) / cell) + 1, gh = (int) ((bmax - bmin) / cell) + 1;
        double[] zbuf = new double[gw * gh];
        Arrays.fill(zbuf, Double.MAX_VALUE);
        int[] cellOf = new int[n];
        for (int i = 0; i < n; i++) {
            int k = (int) ((b[i] - bmin) / cell) * gw + (int) ((a[i] - amin) / cell);
            cellOf[i] = k;
            zbuf[k] = Math.min(zbuf[k], d[i]);
        }
        int occupied = 0;
        for (double zb : zbuf) {
            if (zb < Double.MAX_VALUE) {
                occupied++;
            }
        }
        int[] vis = new int[n];
        int nv = 0;
        double vx = 0, vy = 0, vz = 0;
        for (int i = 0; i < n; i++) {
            // the camera looks along +z of the view frame, so a visible normal has a negative z component
            double nzView = r[6] * nrm[3 * i] + r[7] * nrm[3 * i + 1] + r[8] * nrm[3 * i + 2];
            if (nzView < 0.05 && d[i] <= zbuf[cellOf[i]] + 1.5 * cell) {
                vis[nv++] = i;
                vx += pts[3 * i];
                vy += pts[3 * i + 1];
                vz += pts[3 * i + 2];
            }
        }
        if (nv == 0) {
            // degenerate (a flat point set seen edge-on): fall back to the nearest points
            for (int i = 0; i < n; i++) {
                if (d[i] <= zbuf[cellOf[i]] + 1.5 * cell) {
                    vis[nv++] = i;
                    vx += pts[3 * i];
                    vy += pts[3 * i + 1];
                    vz += pts[3 * i + 2];
                }
            }
        }
        double[] centroid = {vx / nv, vy / nv, vz / nv};
        // farthest-point sampling is quadratic: spread it over an even subset of the visible points
        int pool = Math.min(nv, 1000);
        if (pool < nv) {
            for (int k = 0; k < pool; k++) {
                vis[k] = vis[(int) ((long) k * nv / pool)];
            }
        }
        int m = Math.min(featCount, pool);
        int[] order = farthestPoints(pts, vis, pool, m, seed);
        float[] f = new float[3 * m], fn = new float[3 * m];
        for (int k = 0; k < m; k++) {
            System.arraycopy(pts, 3 * order[k], f, 3 * k, 3);
            System.arraycopy(nrm, 3 * order[k], fn, 3 * k, 3);
        }
        return new View(id, r, f, fn, centroid, occupied * cell * cell);
    }

    /** Farthest-point order over the candidates (the first is the candidate nearest their centroid). */
    private static int[] farthestPoints(float[] pts, int[] cand, int nc, int m, long seed) {
        double[] best = new double[nc];
        Arrays.fill(best, Double.MAX_VALUE);
        int[] out = new int[m];
        int cur = cand[(int) Math.floorMod(seed * 2654435761L, (long) nc)];
        for (int k = 0; k < m; k++) {
            out[k] = cur;
            double cx = pts[3 * cur], cy = pts[3 * cur + 1], cz = pts[3 * cur + 2];
            int next = -1;
            double far = -1;
            for (int j = 0; j < nc; j++) {
                int i = cand[j];
                double dx = pts[3 * i] - cx, dy = pts[3 * i + 1] - cy, dz = pts[3 * i + 2] - cz;
                double dd = dx * dx + dy * dy + dz * dz;
                if (dd < best[j]) {
                    best[j] = dd;
                }
                if (best[j] > far) {
                    far = best[j];
                    next = i;
                }
            }
            cur = next;
        }
        return out;
    }

    /**
     * A rotation taking the model frame to a camera frame that looks at the model from direction {@code (dx, dy,
     * dz)} (unit, model frame, pointing from the object to the camera).
     */
    static double[] lookRotation(double dx, double dy, double dz) {
        double fx = -dx, fy = -dy, fz = -dz;
        // any axis not parallel to the viewing direction
        double ax = 0, ay = 0, az = 1;
        if (Math.abs(fz) > 0.9) {
            ax = 0;
            ay = 1;
            az = 0;
        }
        double xx = ay * fz - az * fy, xy = az * fx - ax * fz, xz = ax * fy - ay * fx;
        double xn = Math.sqrt(xx * xx + xy * xy + xz * xz);
        xx /= xn;
        xy /= xn;
        xz /= xn;
        double yx = fy * xz - fz * xy, yy = fz * xx - fx * xz, yz = fx * xy - fy * xx;
        return new double[] {xx, xy, xz, yx, yy, yz, fx, fy, fz};
    }

    private static double medianNeighbourDistance(float[] pts) {
        int n = pts.length / 3;
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE,
            -Double.MAX_VALUE};
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                b[k] = Math.min(b[k], pts[3 * i + k]);
                b[k + 3] = Math.max(b[k + 3], pts[3 * i + k]);
            }
        }
        double ext = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
        PointGrid grid = PointGrid.build(pts, Math.max(1e-3, ext / 50));
        int probes = Math.min(n, 300);
        double[] d = new double[probes];
        int[] nb = new int[2];
        for (int k = 0; k < probes; k++) {
            int i = (int) ((long) k * n / probes);
            int found = grid.nearest(pts[3 * i], pts[3 * i + 1], pts[3 * i + 2], 2, nb);
            if (found < 2) {
                d[k] = ext / 100;
                continue;
            }
            int j = nb[0] == i ? nb[1] : nb[0];
            double dx = pts[3 * j] - pts[3 * i], dy = pts[3 * j + 1] - pts[3 * i + 1], dz = pts[3 * j + 2] - pts[3 * i + 2];
            d[k] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        Arrays.sort(d);
        // in a random (Poisson) sample the mean nearest-neighbour distance is half of 1/sqrt(density)
        return Math.max(1e-3, 2.0 * d[probes / 2]);
    }

    /** The widest face among the models, mm (0 for none). */
    static double widestFace(List<WeightFreeModel> models) {
        return models.stream().mapToDouble(m -> m.widestFaceMm).max().orElse(0);
    }

    /** Extent of the points along the principal axis of middle spread, mm. */
    static double middleExtent(float[] xyz) {
        int n = xyz.length / 3;
        if (n < 3) {
            return 0;
        }
        double[] c = MeshOps.centroid(xyz);
        double[] cov = new double[9];
        for (int i = 0; i < n; i++) {
            Covariance3.addUpper(cov, 0, xyz[3 * i] - c[0], xyz[3 * i + 1] - c[1], xyz[3 * i + 2] - c[2]);
        }
        Covariance3.divideAndMirror(cov, 0, n);
        double[] a = Eigen3.largestEigenvector(cov), b = Eigen3.smallestEigenvector(cov);
        double[] m = {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            double d = xyz[3 * i] * m[0] + xyz[3 * i + 1] * m[1] + xyz[3 * i + 2] * m[2];
            lo = Math.min(lo, d);
            hi = Math.max(hi, d);
        }
        return hi - lo;
    }

    private static byte[] sampleColors(Mesh mesh, float[] pts) {
        float[] vp = mesh.positions();
        float[] vc = mesh.colors();
        double[] b = MeshOps.bounds(mesh);
        double ext = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
        // cells sized to the vertex spacing: a coarse mesh (a box of 8 vertices) must not be searched ring by ring
        PointGrid grid = PointGrid.build(vp, Math.max(1e-3, 2 * ext / Math.cbrt(mesh.vertexCount())));
        int n = pts.length / 3;
        byte[] out = new byte[3 * n];
        int[] nb = new int[1];
        for (int i = 0; i < n; i++) {
            if (grid.nearest(pts[3 * i], pts[3 * i + 1], pts[3 * i + 2], 1, nb) == 1) {
                for (int k = 0; k < 3; k++) {
                    out[3 * i + k] = (byte) Math.round(255 * Math.max(0, Math.min(1, vc[3 * nb[0] + k])));
                }
            }
        }
        return out;
    }
}
