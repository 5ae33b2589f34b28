package io.sam6d.vision.pose;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sam6d.vision.geometry.RigidTransform;

/**
 * Point-pair-feature voting (Drost et al. 2010) with the refinements of Vidal et al. 2018: features spread to the
 * neighbouring bins they lie close to, each model feature bin votes at most once per scene reference point and
 * rotation bin, several peaks per reference point, and pose clustering that treats poses equal under the object's
 * symmetries as one (so symmetry does not split votes).
 *
 * <p>Holds scratch buffers: one instance per thread. Camera frame and model frame in mm.
 */
public final class PpfMatcher {

    private final ConfigPpf config;
    private int[] accumulator = new int[0];
    private int[] flags = new int[0];
    private int[] touched = new int[1024];
    private PpfModel.AngleBins angleBins;

    /** @param config matching settings (the model's own sampling settings are used for the features) */
    public PpfMatcher(ConfigPpf config) {
        config.checkValidity();
        this.config = new ConfigPpf().setTo(config);
    }

    public PpfMatcher() {
        this(new ConfigPpf());
    }

    /**
     * Votes for poses of {@code model} that explain the pairs (reference point, scene point).
     *
     * @param scene      scene points with normals, subsampled at the model's {@link PpfModel#samplingStepMm()}
     *                   (see {@link SceneCloud#voxelSubsample}); pair partners come from here
     * @param references the reference points (typically the scene points that surely lie on the object); at most
     *                   {@link ConfigPpf#maxReferencePoints} of them are used, evenly spread
     * @return pose clusters, most votes first, at most {@link ConfigPpf#maxClusters}
     */
    public List<PoseCandidate> match(PpfModel model, SceneCloud scene, SceneCloud references) {
        int nA = model.angleBins();
        int m = model.ppfCount();
        double step = model.samplingStepMm();
        double maxDist = model.diameterMm();
        int keys = model.binStart().length - 1;
        if (accumulator.length < m * nA) {
            accumulator = new int[m * nA];
        }
        if (flags.length < keys) {
            flags = new int[keys];
        }
        int[] binStart = model.binStart();
        int[] entrySlot = model.entrySlot();
        float[] entryAngle = model.entryAngle();
        float[] sp = scene.points();
        float[] sn = scene.normals();
        int ns = scene.size();
        SceneCloud refs = references.atMost(config.maxReferencePoints);
        float[] rp = refs.points();
        float[] rn = refs.normals();
        double twoPi = 2 * Math.PI;
        double[] sFrame = new double[12];
        int[] qd = new int[2], q1 = new int[2], q2 = new int[2], q3 = new int[2];
        int[] keyBuf = new int[16];
        int[] wrap = wrapTable(nA);
        int distBins = model.distBins();
        if (angleBins == null || angleBins.bins != nA) {
            angleBins = new PpfModel.AngleBins(nA);
        }
        PpfModel.AngleBins bins = angleBins;

        List<double[]> poses = new ArrayList<>();
        for (int r = 0; r < refs.size(); r++) {
            double px = rp[3 * r], py = rp[3 * r + 1], pz = rp[3 * r + 2];
            double nx = rn[3 * r], ny = rn[3 * r + 1], nz = rn[3 * r + 2];
            CloudOps.referenceFrame(px, py, pz, nx, ny, nz, sFrame, 0);
            Arrays.fill(accumulator, 0, m * nA, 0);
            int touchedCount = 0;
            for (int j = 0; j < ns; j++) {
                double dx = sp[3 * j] - px, dy = sp[3 * j + 1] - py, dz = sp[3 * j + 2] - pz;
                double d = Math.sqrt(dx * dx + dy * dy + dz * dz);
                if (d > maxDist || d < 0.5 * step) {
                    continue;
                }
                dx /= d;
                dy /= d;
                dz /= d;
                double mx = sn[3 * j], my = sn[3 * j + 1], mz = sn[3 * j + 2];
                int cd = spread(d / step, distBins, qd);
                int c1 = bins.spread(nx * dx + ny * dy + nz * dz, config.spreadBins, q1);
                int c2 = bins.spread(mx * dx + my * dy + mz * dz, config.spreadBins, q2);
                int c3 = bins.spread(nx * mx + ny * my + nz * mz, config.spreadBins, q3);
                // the table keys this pair votes with that hold model pairs; when none does, the pair's angle (an
                // arc tangent) is not needed
                int nKeys = 0;
                for (int a = 0; a < cd; a++) {
                    for (int b = 0; b < c1; b++) {
                        for (int c = 0; c < c2; c++) {
                            for (int e = 0; e < c3; e++) {
                                int key = ((qd[a] * nA + q1[b]) * nA + q2[c]) * nA + q3[e];
                                if (binStart[key + 1] > binStart[key]) {
                                    keyBuf[nKeys++] = key;
                                }
                            }
                        }
                    }
                }
                if (nKeys == 0) {
                    continue;
                }
                double sAngle = PpfModel.planeAngle(sFrame, 0, sp[3 * j], sp[3 * j + 1], sp[3 * j + 2]);
                int sBin = (int) ((sAngle + Math.PI) / twoPi * nA);
                float sUnits = (float) (sAngle * nA / twoPi);
                if (sBin >= nA) {
                    sBin = nA - 1;
                }
                int bit = 1 << sBin;
                for (int q = 0; q < nKeys; q++) {
                    int key = keyBuf[q];
                    if ((flags[key] & bit) != 0) {
                        continue;
                    }
                    if (flags[key] == 0) {
                        if (touchedCount == touched.length) {
                            touched = Arrays.copyOf(touched, 2 * touched.length);
                        }
                        touched[touchedCount++] = key;
                    }
                    flags[key] |= bit;
                    for (int k = binStart[key], end = binStart[key + 1]; k < end; k++) {
                        // alpha = scene angle - model angle (both within half a turn of 0), in bin units, wrapped
                        // to [0, nA) by a table instead of a branch the processor cannot predict
                        accumulator[entrySlot[k] + wrap[(int) (sUnits - entryAngle[k] + nA)]]++;
                    }
                }
            }
            for (int t = 0; t < touchedCount; t++) {
                flags[touched[t]] = 0;
            }
            collectPeaks(model, sFrame, px, py, pz, m, nA, poses);
        }
        return cluster(model, poses);
    }

    /** Bin in [0, nA) of an angle given in bin units shifted by a full turn, (int) (alpha + nA) in [0, 2 nA]. */
    private static int[] wrapTable(int nA) {
        int[] wrap = new int[2 * nA + 1];
        for (int i = 0; i < wrap.length; i++) {
            wrap[i] = i % nA;
        }
        return wrap;
    }

    /**
     * Bin of {@code v} (in bin units) and, when spreading, the neighbouring bin it lies close to. Returns how many
     * bins were written to {@code out}.
     */
    private int spread(double v, int bins, int[] out) {
        int b = (int) v;
        if (b >= bins) {
            b = bins - 1;
        }
        out[0] = b;
        if (!config.spreadBins) {
            return 1;
        }
        double frac = v - b;
        if (frac < 0.3 && b > 0) {
            out[1] = b - 1;
            return 2;
        }
        if (frac > 0.7 && b < bins - 1) {
            out[1] = b + 1;
            return 2;
        }
        return 1;
    }

    private void collectPeaks(PpfModel model, double[] sFrame, double px, double py, double pz, int m, int nA,
            List<double[]> poses) {
        int k = config.peaksPerReference;
        int[] bestIdx = new int[k];
        int[] bestVal = new int[k];
        int total = m * nA;
        for (int i = 0; i < total; i++) {
            int v = accumulator[i];
            if (v <= bestVal[k - 1]) {
                continue;
            }
            int pos = k - 1;
            while (pos > 0 && bestVal[pos - 1] < v) {
                bestVal[pos] = bestVal[pos - 1];
                bestIdx[pos] = bestIdx[pos - 1];
                pos--;
            }
            bestVal[pos] = v;
            bestIdx[pos] = i;
        }
        if (bestVal[0] == 0) {
            return;
        }
        double[] mFrames = model.refFrames();
        for (int p = 0; p < k; p++) {
            if (bestVal[p] == 0 || bestVal[p] < config.peakFraction * bestVal[0]) {
                break;
            }
            int mi = bestIdx[p] / nA;
            double alpha = (bestIdx[p] % nA + 0.5) * 2 * Math.PI / nA;
            poses.add(poseOf(mFrames, 12 * mi, sFrame, px, py, pz, alpha, bestVal[p]));
        }
    }

    /**
     * x_cam = Rs^T (Rx(alpha) (Rm x + tm)) + p: {R (9), t (3), votes}.
     */
    private static double[] poseOf(double[] mf, int off, double[] sf, double px, double py, double pz, double alpha,
            double votes) {
        double c = Math.cos(alpha), s = Math.sin(alpha);
        // A = Rx(alpha) * [Rm | tm]
        double[] a = new double[12];
        for (int col = 0; col < 3; col++) {
            a[col] = mf[off + col];
            a[3 + col] = c * mf[off + 3 + col] - s * mf[off + 6 + col];
            a[6 + col] = s * mf[off + 3 + col] + c * mf[off + 6 + col];
        }
        a[9] = mf[off + 9];
        a[10] = c * mf[off + 10] - s * mf[off + 11];
        a[11] = s * mf[off + 10] + c * mf[off + 11];
        double[] out = new double[13];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                // (Rs^T A)_ij = sum_k Rs[k][i] A[k][j]
                out[3 * i + j] = sf[i] * a[j] + sf[3 + i] * a[3 + j] + sf[6 + i] * a[6 + j];
            }
            out[9 + i] = sf[i] * a[9] + sf[3 + i] * a[10] + sf[6 + i] * a[11];
        }
        out[9] += px;
        out[10] += py;
        out[11] += pz;
        out[12] = votes;
        return out;
    }

    /** Greedy clustering of the peak poses, most votes first; symmetric poses fall into the same cluster. */
    private List<PoseCandidate> cluster(PpfModel model, List<double[]> poses) {
        poses.sort((x, y) -> Double.compare(y[12], x[12]));
        double cosMax = Math.cos(Math.toRadians(config.clusterRotationDeg));
        double maxT2 = Math.pow(config.clusterTranslationRel * model.diameterMm(), 2);
        List<double[]> symmetries = new ArrayList<>();
        for (RigidTransform s : model.symmetries()) {
            double[] h = new double[12];
            System.arraycopy(s.rotation(), 0, h, 0, 9);
            System.arraycopy(s.translation(), 0, h, 9, 3);
            symmetries.add(h);
        }
        List<double[]> reps = new ArrayList<>();
        List<double[]> sums = new ArrayList<>(); // {votes, members}
        double[] tmp = new double[12];
        for (double[] p : poses) {
            int found = -1;
            for (int c = 0; c < reps.size() && found < 0; c++) {
                double[] q = reps.get(c);
                if (close(q, p, cosMax, maxT2)) {
                    found = c;
                    break;
                }
                for (double[] s : symmetries) {
                    compose(p, s, tmp);
                    if (close(q, tmp, cosMax, maxT2)) {
                        found = c;
                        break;
                    }
                }
            }
            if (found < 0) {
                reps.add(p);
                sums.add(new double[] {p[12], 1});
            } else {
                sums.get(found)[0] += p[12];
                sums.get(found)[1]++;
            }
        }
        Integer[] order = new Integer[reps.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Double.compare(sums.get(y)[0], sums.get(x)[0]));
        List<PoseCandidate> out = new ArrayList<>();
        for (int i = 0; i < Math.min(order.length, config.maxClusters); i++) {
            double[] q = reps.get(order[i]);
            out.add(new PoseCandidate(new RigidTransform(Arrays.copyOf(q, 9), Arrays.copyOfRange(q, 9, 12)),
                    sums.get(order[i])[0], (int) sums.get(order[i])[1]));
        }
        return out;
    }

    private static boolean close(double[] a, double[] b, double cosMax, double maxT2) {
        double dx = a[9] - b[9], dy = a[10] - b[10], dz = a[11] - b[11];
        if (dx * dx + dy * dy + dz * dz > maxT2) {
            return false;
        }
        double trace = 0;
        for (int i = 0; i < 9; i++) {
            trace += a[i] * b[i];
        }
        return (trace - 1) / 2 >= cosMax;
    }

    /** out = a ∘ s (first s, then a), 12-number poses. */
    static void compose(double[] a, double[] s, double[] out) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[3 * i + j] = a[3 * i] * s[j] + a[3 * i + 1] * s[3 + j] + a[3 * i + 2] * s[6 + j];
            }
            out[9 + i] = a[3 * i] * s[9] + a[3 * i + 1] * s[10] + a[3 * i + 2] * s[11] + a[9 + i];
        }
    }
}
