package io.sam6d.vision.pose;

import java.util.List;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.PointGrid;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.render.ModelDepthRenderer;
import io.sam6d.vision.render.PointSplatRenderer;
import io.sam6d.vision.render.RasterDepthRenderer;

/**
 * An object prepared for weight-free pose estimation: the point-pair-feature table of Drost et al. over a
 * normal-aware subsampling of the surface, dense surface samples for ICP and verification, a model-frame
 * closest-point table for ICP and a depth renderer. Build once per object ({@link #build}), share between threads.
 * Model frame, mm.
 */
public final class PpfModel implements PreparedModel {

    private final ObjectModel model;
    private final double diameterMm;
    private final double stepMm;
    private final int angleBins;
    private final int distBins;
    private final float[] ppfXyz;
    private final float[] ppfNormals;
    private final double[] refFrames;
    private final int[] binStart;
    /** Per table entry: the model reference point's first accumulator slot (reference index × angle bins). */
    private final int[] entrySlot;
    /** Per table entry: the model pair's angle about the reference normal, in angle-bin units (2 pi = bins). */
    private final float[] entryAngle;
    private final float[] denseXyz;
    private final float[] denseNormals;
    private final float[] denseColors;
    private final double denseSpacingMm;
    private final ClosestPointField closest;
    private final ModelDepthRenderer renderer;
    private final double[] bounds;
    private final ConfigPpf config;
    private final ApproximateSymmetries approximateSymmetries;

    private PpfModel(ObjectModel model, ConfigPpf config, float[][] ppf, float[][] dense, double denseSpacingMm,
            double[] refFrames, int[] binStart, int[] entrySlot, float[] entryAngle, int distBins,
            ClosestPointField closest) {
        this.model = model;
        this.config = new ConfigPpf().setTo(config);
        this.diameterMm = model.diameterMm();
        this.stepMm = config.samplingStepRel * diameterMm;
        this.angleBins = config.angleBins;
        this.distBins = distBins;
        this.ppfXyz = ppf[0];
        this.ppfNormals = ppf[1];
        this.refFrames = refFrames;
        this.binStart = binStart;
        this.entrySlot = entrySlot;
        this.entryAngle = entryAngle;
        this.denseXyz = dense[0];
        this.denseNormals = dense[1];
        this.denseColors = dense.length > 2 ? dense[2] : null;
        this.denseSpacingMm = denseSpacingMm;
        this.closest = closest;
        this.renderer = config.exactRendering && model.mesh().hasTriangles() ? new RasterDepthRenderer(model.mesh())
                : new PointSplatRenderer(denseXyz, denseNormals, denseColors, denseSpacingMm);
        this.bounds = MeshOps.bounds(new Mesh(denseXyz, null, null, null));
        this.approximateSymmetries = ApproximateSymmetries.find(model.mesh(), denseXyz, denseNormals, denseSpacingMm, closest,
                diameterMm, model.symmetries(), config.symmetryToleranceRel);
    }

    /** Prepares {@code model} (a few hundred milliseconds for a typical object). */
    public static PpfModel build(ObjectModel model, ConfigPpf config) {
        config.checkValidity();
        Mesh mesh = model.mesh();
        if (mesh.vertexCount() < 3) {
            throw new IllegalArgumentException("model " + model.name() + " has fewer than 3 points");
        }
        double diam = model.diameterMm();
        double step = config.samplingStepRel * diam;

        float[][] surface = MeshOps.samplePoints(mesh, config.modelSurfaceSamples, 1);
        float[][] ppf = CloudOps.mergeGroups(surface[0], surface[1],
                CloudOps.voxelNormalGroups(surface[0], surface[1], step, config.normalClusterAngleDeg));

        float[][] dense;
        double area = 0;
        if (mesh.hasTriangles()) {
            area = surfaceArea(mesh);
            double spacing = Math.sqrt(area / config.denseSamples);
            float[][] many = MeshOps.sampleSurface(mesh, 4 * config.denseSamples, 2, mesh.hasColors());
            // voxel grouping spreads the samples evenly (random samples clump and leave holes)
            int[] groups = CloudOps.voxelNormalGroups(many[0], many[1], spacing, 60);
            dense = CloudOps.mergeGroups(many[0], many[1], groups);
            if (mesh.hasColors()) {
                dense = new float[][] {dense[0], dense[1], CloudOps.mergeColors(many[2], groups)};
            }
        } else {
            dense = MeshOps.samplePoints(mesh, config.denseSamples, 2);
            if (mesh.hasColors()) {
                dense = new float[][] {dense[0], dense[1], nearestVertexColors(mesh, dense[0], diam)};
            }
        }
        // splat size: the area each sample stands for (nearest-neighbour distances of evenly spread samples are
        // shorter than that and would leave holes)
        double spacing = Math.max(medianNeighbourDistance(dense[0]),
                area > 0 ? Math.sqrt(area / (dense[0].length / 3)) : 0);

        int m = ppf[0].length / 3;
        double[] frames = new double[12 * m];
        for (int i = 0; i < m; i++) {
            CloudOps.referenceFrame(ppf[0][3 * i], ppf[0][3 * i + 1], ppf[0][3 * i + 2],
                    ppf[1][3 * i], ppf[1][3 * i + 1], ppf[1][3 * i + 2], frames, 12 * i);
        }
        int nA = config.angleBins;
        int distBins = (int) Math.floor(diam / step) + 2;
        int keys = distBins * nA * nA * nA;
        int[] count = new int[keys + 1];
        double maxDist = diam;
        AngleBins angleBins = new AngleBins(nA);
        // count, then fill; the keys of the first pass are kept when that takes at most 64 MB
        int[] keyCache = (long) m * m <= 16_000_000L ? new int[m * m] : null;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                int key = i == j ? -1 : featureKey(ppf[0], ppf[1], i, ppf[0], ppf[1], j, step, angleBins, maxDist);
                if (keyCache != null) {
                    keyCache[i * m + j] = key;
                }
                if (key >= 0) {
                    count[key + 1]++;
                }
            }
        }
        int[] binSize = new int[keys];
        for (int k = 0; k < keys; k++) {
            binSize[k] = count[k + 1];
        }
        // cap crowded bins (pairs on one plane or cylinder): keep an evenly spread subset of their pairs
        int cap = config.maxEntriesPerBin > 0 ? config.maxEntriesPerBin : Integer.MAX_VALUE;
        count[0] = 0;
        for (int k = 0; k < keys; k++) {
            count[k + 1] = count[k] + Math.min(cap, binSize[k]);
        }
        int entries = count[keys];
        int[] refs = new int[entries];
        float[] angles = new float[entries];
        int[] seen = new int[keys];
        int[] fill = new int[keys];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                int key = keyCache != null ? keyCache[i * m + j]
                        : i == j ? -1 : featureKey(ppf[0], ppf[1], i, ppf[0], ppf[1], j, step, angleBins, maxDist);
                if (key < 0) {
                    continue;
                }
                int size = binSize[key];
                int kept = Math.min(cap, size);
                int nth = seen[key]++;
                // keep the pair when it is the next of the kept ones spread evenly over the bin's pairs
                if (kept < size && (long) fill[key] * size / kept != nth) {
                    continue;
                }
                if (fill[key] >= kept) {
                    continue;
                }
                int pos = count[key] + fill[key]++;
                // stored as the voting loop uses them: no multiply or divide per vote
                refs[pos] = i * nA;
                angles[pos] = (float) (planeAngle(frames, 12 * i, ppf[0][3 * j], ppf[0][3 * j + 1], ppf[0][3 * j + 2])
                        * nA / (2 * Math.PI));
            }
        }
        ClosestPointField field = ClosestPointField.build(dense[0], config.closestPointVoxelRel * diam, 0.12 * diam);
        return new PpfModel(model, config, ppf, dense, spacing, frames, count, refs, angles, distBins, field);
    }

    /**
     * The quantised feature (Drost: distance, angle(n1, d), angle(n2, d), angle(n1, n2)) of the pair (i of a, j of
     * b) as one table key, or -1 when the points are farther apart than {@code maxDist} or coincide.
     */
    static int featureKey(float[] pa, float[] na, int i, float[] pb, float[] nb, int j, double step, AngleBins ab,
            double maxDist) {
        double dx = pb[3 * j] - pa[3 * i], dy = pb[3 * j + 1] - pa[3 * i + 1], dz = pb[3 * j + 2] - pa[3 * i + 2];
        double d2 = dx * dx + dy * dy + dz * dz;
        if (d2 > maxDist * maxDist || d2 < 1e-18) {
            return -1;
        }
        double d = Math.sqrt(d2);
        dx /= d;
        dy /= d;
        dz /= d;
        double n1x = na[3 * i], n1y = na[3 * i + 1], n1z = na[3 * i + 2];
        double n2x = nb[3 * j], n2y = nb[3 * j + 1], n2z = nb[3 * j + 2];
        int nA = ab.bins;
        int q0 = (int) (d / step);
        int q1 = ab.bin(n1x * dx + n1y * dy + n1z * dz);
        int q2 = ab.bin(n2x * dx + n2y * dy + n2z * dz);
        int q3 = ab.bin(n1x * n2x + n1y * n2y + n1z * n2z);
        return ((q0 * nA + q1) * nA + q2) * nA + q3;
    }

    /** Bin of an angle in [0, pi] from its cosine, without acos: a lookup table refined by the exact bin edges. */
    static final class AngleBins {
        private static final int LUT = 4096;
        final int bins;
        private final double[] edges;
        /** Cosines of the angles 30 % and 70 % into each bin: where a value lies close to a neighbouring bin. */
        private final double[] lowThird;
        private final double[] highThird;
        private final byte[] guess;

        AngleBins(int bins) {
            this.bins = bins;
            edges = new double[bins + 1];
            lowThird = new double[bins];
            highThird = new double[bins];
            for (int b = 0; b <= bins; b++) {
                edges[b] = Math.cos(b * Math.PI / bins);
                if (b < bins) {
                    lowThird[b] = Math.cos((b + 0.3) * Math.PI / bins);
                    highThird[b] = Math.cos((b + 0.7) * Math.PI / bins);
                }
            }
            guess = new byte[LUT + 1];
            for (int k = 0; k <= LUT; k++) {
                guess[k] = (byte) angleBin(Math.acos(Math.max(-1, Math.min(1, 2.0 * k / LUT - 1))), bins);
            }
        }

        /** Bin b with edges[b + 1] &lt; cos &lt;= edges[b], i.e. angle in [b, b + 1) × pi / bins. */
        int bin(double cos) {
            if (cos > 1) {
                cos = 1;
            } else if (cos < -1) {
                cos = -1;
            }
            int b = guess[(int) ((cos + 1) * (LUT / 2))];
            while (b > 0 && cos > edges[b]) {
                b--;
            }
            while (b < bins - 1 && cos <= edges[b + 1]) {
                b++;
            }
            return b;
        }

        /**
         * The bin of the angle whose cosine is {@code cos} in {@code out[0]} and, when {@code spread} and the angle
         * lies within 30 % of a bin edge, the neighbouring bin in {@code out[1]} (Vidal et al.'s voting into
         * neighbouring bins). Returns how many bins were written. No arc cosine: the edges are compared as cosines.
         */
        int spread(double cos, boolean spread, int[] out) {
            int b = bin(cos);
            out[0] = b;
            if (!spread) {
                return 1;
            }
            if (b > 0 && cos > lowThird[b]) {
                out[1] = b - 1;
                return 2;
            }
            if (b < bins - 1 && cos < highThird[b]) {
                out[1] = b + 1;
                return 2;
            }
            return 1;
        }
    }

    static int angleBin(double angleRad, int nA) {
        int b = (int) (angleRad / Math.PI * nA);
        return b >= nA ? nA - 1 : b;
    }

    /** Angle of point (x, y, z) about the x axis of a reference frame (frames[off..off+11]), radians in (-pi, pi]. */
    static double planeAngle(double[] frames, int off, double x, double y, double z) {
        double py = frames[off + 3] * x + frames[off + 4] * y + frames[off + 5] * z + frames[off + 10];
        double pz = frames[off + 6] * x + frames[off + 7] * y + frames[off + 8] * z + frames[off + 11];
        return Math.atan2(pz, py);
    }

    private static double surfaceArea(Mesh mesh) {
        float[] p = mesh.positions();
        int[] tri = mesh.triangles();
        double total = 0;
        for (int k = 0; k < tri.length; k += 3) {
            int a = 3 * tri[k], b = 3 * tri[k + 1], c = 3 * tri[k + 2];
            double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            total += 0.5 * Math.sqrt(nx * nx + ny * ny + nz * nz);
        }
        return total;
    }

    /** Colour of the mesh vertex nearest to each point (rgb 0..1). */
    static float[] nearestVertexColors(Mesh mesh, float[] xyz, double diameterMm) {
        PointGrid grid = PointGrid.build(mesh.positions(), Math.max(1e-3, diameterMm / 50));
        float[] c = mesh.colors();
        float[] out = new float[xyz.length];
        int[] nn = new int[1];
        for (int i = 0; i < xyz.length / 3; i++) {
            if (grid.nearest(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], 1, nn) == 1) {
                System.arraycopy(c, 3 * nn[0], out, 3 * i, 3);
            }
        }
        return out;
    }

    /** Median distance from a sample to its nearest other sample (over at most 500 samples), mm. */
    private static double medianNeighbourDistance(float[] xyz) {
        int n = xyz.length / 3;
        if (n < 2) {
            return 1;
        }
        double[] b = MeshOps.bounds(new Mesh(xyz, null, null, null));
        double extent = Math.max(b[3] - b[0], Math.max(b[4] - b[1], b[5] - b[2]));
        PointGrid grid = PointGrid.build(xyz, Math.max(1e-3, extent / 50));
        int probes = Math.min(n, 500);
        double[] d = new double[probes];
        int[] nn = new int[2];
        for (int k = 0; k < probes; k++) {
            int i = (int) ((long) k * n / probes);
            grid.nearest(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], 2, nn);
            int j = nn[0] == i ? nn[1] : nn[0];
            double dx = xyz[3 * i] - xyz[3 * j], dy = xyz[3 * i + 1] - xyz[3 * j + 1], dz = xyz[3 * i + 2] - xyz[3 * j + 2];
            d[k] = Math.sqrt(dx * dx + dy * dy + dz * dz);
        }
        java.util.Arrays.sort(d);
        return Math.max(1e-3, d[probes / 2]);
    }

    @Override
    public ObjectModel model() {
        return model;
    }

    @Override
    public long memoryBytes() {
        return 4L * (binStart.length + entrySlot.length + entryAngle.length + ppfXyz.length + ppfNormals.length
                + denseXyz.length + denseNormals.length + (denseColors != null ? denseColors.length : 0)) + 8L * refFrames.length + closest.memoryBytes();
    }

    public String name() {
        return model.name();
    }

    /** Object diameter, mm. */
    public double diameterMm() {
        return diameterMm;
    }

    /** Subsampling step of the PPF model (and of the scene clouds matched against it), mm. */
    public double samplingStepMm() {
        return stepMm;
    }

    /** The settings the model was built with (a copy). */
    public ConfigPpf config() {
        return new ConfigPpf().setTo(config);
    }

    /** Symmetries of the object (without the identity), model frame. */
    public List<RigidTransform> symmetries() {
        return model.symmetries();
    }

    /**
     * The rotations that map the model's shape onto itself within {@link ConfigPpf#symmetryToleranceRel}, found when
     * the model was built, with the exact {@link #symmetries()} that came with the object.
     */
    public ApproximateSymmetries approximateSymmetries() {
        return approximateSymmetries;
    }

    /** Subsampled model points used by the voting, 3 floats each, mm (shared, read-only). */
    public float[] ppfPoints() {
        return ppfXyz;
    }

    /** Their unit normals (shared, read-only). */
    public float[] ppfNormals() {
        return ppfNormals;
    }

    /** Dense, evenly spread surface samples, 3 floats each, mm (shared, read-only). */
    public float[] densePoints() {
        return denseXyz;
    }

    /** Their outward unit normals (shared, read-only). */
    public float[] denseNormals() {
        return denseNormals;
    }

    /** Their colours (rgb 0..1, from the nearest mesh vertex), or null when the mesh has no colours (shared). */
    public float[] denseColors() {
        return denseColors;
    }

    /** Typical distance between neighbouring dense samples, mm. */
    public double denseSpacingMm() {
        return denseSpacingMm;
    }

    /** Axis-aligned bounds of the dense samples {@code {minX, minY, minZ, maxX, maxY, maxZ}}, mm (a copy). */
    public double[] bounds() {
        return bounds.clone();
    }

    /** Renders this model's depth; thread-safe. */
    public ModelDepthRenderer renderer() {
        return renderer;
    }

    // package-private access for the matcher and ICP

    int angleBins() {
        return angleBins;
    }

    int distBins() {
        return distBins;
    }

    int ppfCount() {
        return ppfXyz.length / 3;
    }

    double[] refFrames() {
        return refFrames;
    }

    int[] binStart() {
        return binStart;
    }

    /** @see #entrySlot */
    int[] entrySlot() {
        return entrySlot;
    }

    /** @see #entryAngle */
    float[] entryAngle() {
        return entryAngle;
    }

    ClosestPointField closest() {
        return closest;
    }
}
