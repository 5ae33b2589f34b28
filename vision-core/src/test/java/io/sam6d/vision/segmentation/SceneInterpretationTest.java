package io.sam6d.vision.segmentation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.model.ObjectModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** How verified poses of several objects compete for the pixels of a frame. */
class SceneInterpretationTest {

    private static final int W = 100;
    private static final int H = 100;
    private static WeightFreeModel small;
    private static WeightFreeModel big;

    @BeforeAll
    static void models() {
        ConfigWeightFreeSegmentation c = new ConfigWeightFreeSegmentation();
        c.viewCount = 4;
        c.densePoints = 1000;
        small = WeightFreeModel.build(new ObjectModel("small", cube(40), 69, List.of(), null), c);
        big = WeightFreeModel.build(new ObjectModel("big", cube(80), 139, List.of(), null), c);
    }

    @Test
    void disjointPosesAreAllKept() {
        List<WeightFreeSegmenter.Found> kept = select(found(small, 0.9, 0, 0, 20, 20), found(big, 0.8, 50, 50, 30, 30));
        assertThat(kept).hasSize(2);
    }

    @Test
    void aPoseMostlyExplainedByABetterOneIsDropped() {
        List<WeightFreeSegmenter.Found> kept = select(found(big, 0.9, 10, 10, 40, 40), found(big, 0.7, 15, 15, 40, 40));
        assertThat(kept).extracting(f -> f.result().score).containsExactly(0.9);
    }

    @Test
    void aBiggerPoseThatCoversABetterScoringSmallOneReplacesIt() {
        // a small object fitted onto the face of a bigger one: it verifies well, the bigger one explains more
        WeightFreeSegmenter.Found onFace = found(small, 0.85, 20, 20, 20, 20);
        WeightFreeSegmenter.Found whole = found(big, 0.75, 10, 10, 40, 40);
        assertThat(select(onFace, whole)).containsExactly(whole);
    }

    @Test
    void aBigPoseSpanningTwoBetterOnesDoesNotReplaceThem() {
        WeightFreeSegmenter.Found left = found(small, 0.9, 10, 10, 20, 30);
        WeightFreeSegmenter.Found right = found(small, 0.9, 30, 10, 20, 30);
        WeightFreeSegmenter.Found across = found(big, 0.6, 10, 10, 42, 30);
        assertThat(select(left, right, across)).containsExactlyInAnyOrder(left, right);
    }

    @Test
    void touchingInstancesOfOneObjectAreBothKept() {
        assertThat(select(found(small, 0.9, 10, 10, 20, 20), found(small, 0.8, 30, 10, 20, 20))).hasSize(2);
    }

    @Test
    void thresholdAndPerObjectCapApply() {
        List<WeightFreeSegmenter.Found> all = List.of(found(small, 0.9, 0, 0, 10, 10), found(small, 0.8, 20, 0, 10, 10),
                found(small, 0.7, 40, 0, 10, 10), found(small, 0.3, 60, 0, 10, 10));
        assertThat(SceneInterpretation.select(all, W, H, 0.5, 2, 0.5)).extracting(f -> f.result().score)
                .containsExactly(0.9, 0.8);
        assertThat(SceneInterpretation.select(all, W, H, 0.2, 10, 0.5)).hasSize(4);
    }

    private static List<WeightFreeSegmenter.Found> select(WeightFreeSegmenter.Found... found) {
        return SceneInterpretation.select(List.of(found), W, H, 0.5, 10, 0.5);
    }

    /** A verified pose whose mask is the rectangle [u0, u0 + w) x [v0, v0 + h). */
    private static WeightFreeSegmenter.Found found(WeightFreeModel m, double score, int u0, int v0, int w, int h) {
        Verification.Result r = new Verification.Result();
        r.score = score;
        r.u0 = u0;
        r.v0 = v0;
        r.w = w;
        r.h = h;
        r.mask = new boolean[w * h];
        java.util.Arrays.fill(r.mask, true);
        r.maskArea = w * h;
        r.support = r.mask.clone();
        r.match = w * h;
        return new WeightFreeSegmenter.Found(m, r);
    }

    /** Points on the surface of a cube of side {@code side} mm with outward normals (a point-set model). */
    private static Mesh cube(double side) {
        List<float[]> pts = new ArrayList<>();
        int n = 12;
        for (int axis = 0; axis < 3; axis++) {
            for (int sign = -1; sign <= 1; sign += 2) {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        float[] p = new float[6];
                        double a = side * ((i + 0.5) / n - 0.5), b = side * ((j + 0.5) / n - 0.5);
                        p[axis] = (float) (sign * side / 2);
                        p[(axis + 1) % 3] = (float) a;
                        p[(axis + 2) % 3] = (float) b;
                        p[3 + axis] = sign;
                        pts.add(p);
                    }
                }
            }
        }
        float[] pos = new float[3 * pts.size()], nrm = new float[3 * pts.size()];
        for (int k = 0; k < pts.size(); k++) {
            System.arraycopy(pts.get(k), 0, pos, 3 * k, 3);
            System.arraycopy(pts.get(k), 3, nrm, 3 * k, 3);
        }
        return new Mesh(pos, nrm, null, null);
    }
}
