package io.sam6d.vision.djl.segmentation;

import java.util.Arrays;
import java.util.List;

import io.sam6d.vision.geometry.CameraIntrinsics;

/**
 * SAM-6D's ISM score arithmetic ({@code Instance_Segmentation_Model/model/detector.py}), on plain arrays: the semantic
 * score (class tokens against every template), the geometric score (the best template's rotation placed at the
 * proposal's depth centroid, projected, its box against the proposal's box) and the final score that weighs them with
 * the appearance score and visible ratio (computed on the device by {@code match_patches}).
 */
final class Sam6dScores {

    /**
     * @param object   index of the object the proposal is assigned to, -1 when its score is not above the threshold
     * @param score    the object's aggregated score (mean of its top-k template similarities)
     * @param bestView index of the object's most similar template
     * @param bestViewScore that template's similarity
     */
    record Semantic(int object, double score, int bestView, double bestViewScore) {
    }

    private Sam6dScores() {
    }

    /** L2-normalised copy (zero stays zero), as {@code F.normalize}. */
    static float[] normalized(float[] v) {
        double n = 0;
        for (float f : v) {
            n += (double) f * f;
        }
        double s = 1.0 / Math.max(Math.sqrt(n), 1e-12);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (float) (v[i] * s);
        }
        return out;
    }

    /**
     * SAM-6D's {@code compute_semantic_score} with {@code PairwiseSimilarity} (cosine, clamped to 0..1) and the
     * {@code avg_5} aggregation: each proposal goes to the object whose top-k template similarities have the highest
     * mean, and is kept when that mean is above {@code threshold}.
     *
     * @param query     one class token per proposal, normalised
     * @param templates per object, one normalised class token per template
     */
    static Semantic[] semantic(float[][] query, List<float[][]> templates, int topK, double threshold) {
        Semantic[] out = new Semantic[query.length];
        for (int p = 0; p < query.length; p++) {
            int bestObject = -1, bestView = -1;
            double best = Double.NEGATIVE_INFINITY, bestViewScore = 0;
            for (int o = 0; o < templates.size(); o++) {
                float[][] views = templates.get(o);
                double[] sim = new double[views.length];
                int argmax = 0;
                for (int v = 0; v < views.length; v++) {
                    sim[v] = Math.max(0, Math.min(1, dot(query[p], views[v])));
                    if (sim[v] > sim[argmax]) {
                        argmax = v;
                    }
                }
                double score = topKMean(sim, topK);
                if (score > best) {
                    best = score;
                    bestObject = o;
                    bestView = argmax;
                    bestViewScore = sim[argmax];
                }
            }
            out[p] = best > threshold ? new Semantic(bestObject, best, bestView, bestViewScore)
                    : new Semantic(-1, best, -1, 0);
        }
        return out;
    }

    static double topKMean(double[] values, int k) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = Math.min(k, sorted.length);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sorted[sorted.length - 1 - i];
        }
        return sum / n;
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /**
     * SAM-6D's {@code Calculate_the_query_translation}: the mean of the mask's back-projected pixels that have depth,
     * metres; null when none has.
     */
    static double[] translationM(boolean[] mask, float[] depthMm, CameraIntrinsics k, int w, int h) {
        double sx = 0, sy = 0, sz = 0;
        long n = 0;
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                int i = v * w + u;
                float d = depthMm[i];
                if (!mask[i] || !(d > 0) || !Float.isFinite(d)) {
                    continue;
                }
                double z = d * 0.001;
                sx += (u - k.cx()) * z / k.fx();
                sy += (v - k.cy()) * z / k.fy();
                sz += z;
                n++;
            }
        }
        return n == 0 ? null : new double[] {sx / n, sy / n, sz / n};
    }

    /**
     * SAM-6D's {@code project_template_to_image}: model points (metres) rotated by {@code r} (row-major, model to
     * camera) and moved by {@code t} (metres), projected with {@code k}, pixel coordinates truncated to integers and
     * clamped to the image; their box {@code [x0, y0, x1, y1]}.
     */
    static int[] projectedBox(float[] modelPointsM, double[] r, double[] t, CameraIntrinsics k, int w, int h) {
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = Integer.MIN_VALUE, y1 = Integer.MIN_VALUE;
        for (int i = 0; i < modelPointsM.length; i += 3) {
            double px = modelPointsM[i], py = modelPointsM[i + 1], pz = modelPointsM[i + 2];
            double x = r[0] * px + r[1] * py + r[2] * pz + t[0];
            double y = r[3] * px + r[4] * py + r[5] * pz + t[1];
            double z = r[6] * px + r[7] * py + r[8] * pz + t[2];
            int u = Math.max(0, Math.min(w - 1, (int) ((k.fx() * x + k.cx() * z) / z)));
            int v = Math.max(0, Math.min(h - 1, (int) ((k.fy() * y + k.cy() * z) / z)));
            x0 = Math.min(x0, u);
            y0 = Math.min(y0, v);
            x1 = Math.max(x1, u);
            y1 = Math.max(y1, v);
        }
        return new int[] {x0, y0, x1, y1};
    }

    /** {@code (semantic + appearance + geometric × visible) / (1 + 1 + visible)}. */
    static double finalScore(double semantic, double appearance, double geometric, double visible) {
        return (semantic + appearance + geometric * visible) / (2 + visible);
    }

    /**
     * SAM-6D's {@code remove_very_small_detections}: box area above {@code minBoxSize²} and mask area above
     * {@code minMaskSize}, both relative to the image's area.
     */
    static boolean bigEnough(SamMaskGenerator.Proposal p, int w, int h, double minBoxSize, double minMaskSize) {
        double image = (double) w * h;
        return BoxOps.area(p.box()) / image > minBoxSize * minBoxSize && p.area() / image > minMaskSize;
    }
}
