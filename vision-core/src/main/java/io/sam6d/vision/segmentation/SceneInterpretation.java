package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The objects of a frame compete for its pixels: verified poses of all asked objects are taken best first, and a
 * pose whose mask is mostly explained already by poses taken before it (another object, or the same object found
 * twice) is dropped, so one region is one object while touching and overlapping instances each keep their own
 * visible part. A last pass drops a taken pose whose mask lies mostly inside bigger ones taken after it (a small
 * object fitted onto the face of a bigger one can verify well, but the bigger one explains that surface too).
 */
final class SceneInterpretation {

    private SceneInterpretation() {
    }

    /**
     * @param candidates   verified poses with their scores, of any objects
     * @param minScore     poses scoring below are not considered
     * @param maxPerObject most poses kept per object
     * @param maxShared    a pose is dropped when more than this share of its mask is explained by poses kept
     *                     before it
     */
    static List<WeightFreeSegmenter.Found> select(List<WeightFreeSegmenter.Found> candidates, int width, int height,
            double minScore, int maxPerObject, double maxShared) {
        List<WeightFreeSegmenter.Found> sorted = new ArrayList<>();
        for (WeightFreeSegmenter.Found f : candidates) {
            if (f.result().score >= minScore && f.result().maskArea > 0) {
                sorted.add(f);
            }
        }
        sorted.sort(Comparator.comparingDouble((WeightFreeSegmenter.Found f) -> -f.result().score));
        int[] owner = new int[width * height];
        List<WeightFreeSegmenter.Found> kept = new ArrayList<>();
        for (WeightFreeSegmenter.Found f : sorted) {
            int sameObject = 0;
            for (WeightFreeSegmenter.Found k : kept) {
                if (k.model() == f.model()) {
                    sameObject++;
                }
            }
            if (sameObject >= maxPerObject) {
                continue;
            }
            if (shared(f.result(), owner, width, -1) > maxShared * f.result().maskArea) {
                continue;
            }
            kept.add(f);
            claim(f.result(), owner, width, kept.size());
        }
        // small poses swallowed by bigger ones kept later: weakest first
        for (int k = kept.size() - 1; k >= 0; k--) {
            Verification.Result r = kept.get(k).result();
            int[] others = new int[width * height];
            for (int j = 0; j < kept.size(); j++) {
                Verification.Result o = kept.get(j).result();
                if (j != k && o.maskArea > r.maskArea) {
                    claim(o, others, width, 1);
                }
            }
            if (shared(r, others, width, -1) > maxShared * r.maskArea) {
                kept.remove(k);
            }
        }
        return kept;
    }

    /** Mask pixels of {@code r} that another pose owns (any owner but {@code except}). */
    private static int shared(Verification.Result r, int[] owner, int width, int except) {
        int n = 0;
        for (int v = 0; v < r.h; v++) {
            for (int u = 0; u < r.w; u++) {
                if (r.mask[v * r.w + u]) {
                    int o = owner[(r.v0 + v) * width + r.u0 + u];
                    if (o != 0 && o != except) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static void claim(Verification.Result r, int[] owner, int width, int id) {
        for (int v = 0; v < r.h; v++) {
            for (int u = 0; u < r.w; u++) {
                if (r.mask[v * r.w + u] && owner[(r.v0 + v) * width + r.u0 + u] == 0) {
                    owner[(r.v0 + v) * width + r.u0 + u] = id;
                }
            }
        }
    }
}
