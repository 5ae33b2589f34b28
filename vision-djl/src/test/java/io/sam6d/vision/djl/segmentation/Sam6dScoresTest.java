package io.sam6d.vision.djl.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;

import io.sam6d.vision.geometry.CameraIntrinsics;
import org.junit.jupiter.api.Test;

/** SAM-6D's ISM arithmetic on hand-made numbers (no libtorch). */
class Sam6dScoresTest {

    static final CameraIntrinsics K = new CameraIntrinsics(500, 500, 320, 240);

    static float[] unit(double... v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return Sam6dScores.normalized(f);
    }

    @Test
    void semanticScoreIsTheMeanOfTheTopTemplatesOfTheBestObject() {
        // object 0: templates at 0, 60 and 90 degrees from the query; object 1: one at 30 degrees, one opposite
        float[] q = unit(1, 0);
        List<float[][]> objects = List.of(
                new float[][] {unit(1, 0), unit(Math.cos(Math.PI / 3), Math.sin(Math.PI / 3)), unit(0, 1)},
                new float[][] {unit(Math.cos(Math.PI / 6), Math.sin(Math.PI / 6)), unit(-1, 0)});

        Sam6dScores.Semantic top2 = Sam6dScores.semantic(new float[][] {q}, objects, 2, 0.2)[0];
        // object 0: (1 + 0.5) / 2 = 0.75; object 1: (0.866 + clamp(-1) = 0) / 2 = 0.433
        assertThat(top2.object()).isZero();
        assertThat(top2.score()).isCloseTo(0.75, within(1e-6));
        assertThat(top2.bestView()).isZero();
        assertThat(top2.bestViewScore()).isCloseTo(1.0, within(1e-6));

        Sam6dScores.Semantic top5 = Sam6dScores.semantic(new float[][] {q}, objects, 5, 0.2)[0];
        // fewer templates than k: the mean of all of them; object 0: 1.5 / 3 = 0.5 > object 1: 0.433
        assertThat(top5.score()).isCloseTo(0.5, within(1e-6));

        Sam6dScores.Semantic rejected = Sam6dScores.semantic(new float[][] {q}, objects, 2, 0.8)[0];
        assertThat(rejected.object()).isEqualTo(-1);
    }

    @Test
    void translationIsTheMeanOfTheMaskedPointsWithDepth() {
        int w = 640, h = 480;
        boolean[] mask = new boolean[w * h];
        float[] depth = new float[w * h];
        mask[240 * w + 320] = true;
        depth[240 * w + 320] = 1000;
        mask[240 * w + 820 - 320] = true; // u = 500: x = (500 - 320) * 2 / 500 = 0.72 m at 2 m
        depth[240 * w + 500] = 2000;
        mask[0] = true; // no depth: not counted
        double[] t = Sam6dScores.translationM(mask, depth, K, w, h);
        assertThat(t).containsExactly(new double[] {0.36, 0, 1.5}, within(1e-9));
        assertThat(Sam6dScores.translationM(new boolean[w * h], depth, K, w, h)).isNull();
    }

    @Test
    void geometricScoreComparesTheProjectedTemplateWithTheProposalBox() {
        // a 0.25 m square at 1 m in front of the camera, identity rotation: 125 px wide about the principal point,
        // pixel coordinates truncated (257.5 -> 257)
        float[] pts = {-0.125f, -0.125f, 0, 0.125f, -0.125f, 0, -0.125f, 0.125f, 0, 0.125f, 0.125f, 0};
        double[] identity = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        int[] box = Sam6dScores.projectedBox(pts, identity, new double[] {0, 0, 1}, K, 640, 480);
        assertThat(box).containsExactly(257, 177, 382, 302);
        assertThat(BoxOps.iou(box, new int[] {257, 177, 382, 302})).isEqualTo(1.0);
        assertThat(BoxOps.iou(box, new int[] {320, 177, 445, 302})).isCloseTo(62 / 188.0, within(1e-9));
        // off the image: clamped to its border
        assertThat(Sam6dScores.projectedBox(pts, identity, new double[] {1, 0, 1}, K, 640, 480)[2]).isEqualTo(639);
    }

    @Test
    void finalScoreWeighsTheGeometricScoreByTheVisibleRatio() {
        assertThat(Sam6dScores.finalScore(0.6, 0.9, 0.3, 0)).isCloseTo(0.75, within(1e-12));
        assertThat(Sam6dScores.finalScore(0.6, 0.9, 0.3, 1)).isCloseTo(0.6, within(1e-12));
        assertThat(Sam6dScores.finalScore(1, 1, 1, 0.5)).isCloseTo(1, within(1e-12));
    }

    @Test
    void verySmallProposalsAreDropped() {
        int w = 100, h = 100;
        assertThat(Sam6dScores.bigEnough(proposal(w, h, 10, 10, 20, 20), w, h, 0.05, 3e-4)).isTrue();
        // box side 4 px of 100: 0.0016 of the area, not above 0.05^2
        assertThat(Sam6dScores.bigEnough(proposal(w, h, 10, 10, 14, 14), w, h, 0.05, 3e-4)).isFalse();
    }

    static SamMaskGenerator.Proposal proposal(int w, int h, int x0, int y0, int x1, int y1) {
        boolean[] m = new boolean[w * h];
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                m[y * w + x] = true;
            }
        }
        return new SamMaskGenerator.Proposal(m, new int[] {x0, y0, x1, y1}, 0.9f, 0.9f);
    }

    @Test
    void nmsKeepsTheBestOfOverlappingBoxes() {
        List<int[]> boxes = List.of(new int[] {0, 0, 10, 10}, new int[] {1, 1, 11, 11}, new int[] {20, 20, 30, 30});
        assertThat(BoxOps.nms(boxes, new double[] {0.5, 0.9, 0.7}, 0.5)).containsExactly(1, 2);
        assertThat(BoxOps.nms(boxes, new double[] {0.5, 0.9, 0.7}, 0.9)).containsExactly(1, 2, 0);
    }

    @Test
    void pointGridIsSamsGridScaledToTheFrame() {
        float[] g = SamMaskGenerator.pointGrid(2, 640, 480);
        assertThat(g).containsExactly(160, 120, 480, 120, 160, 360, 480, 360);
        assertThat(SamMaskGenerator.pointGrid(32, 640, 480)).hasSize(2 * 1024);
    }

    @Test
    void generatorFiltersEachBatchSuppressesDuplicatesAndCopiesOnlyTheSurvivors() {
        int w = 40, h = 30;
        ConfigIsmTorchScript cfg = new ConfigIsmTorchScript();
        cfg.pointsPerSide = 3;
        cfg.pointsPerBatch = 4;
        List<Integer> batchSizes = new ArrayList<>();
        List<int[]> retained = new ArrayList<>();
        List<int[]> fetched = new ArrayList<>();
        int[] closed = {0, 0};
        SamMaskGenerator.PromptDecoder decoder = points -> {
            int b = points.length / 2;
            batchSizes.add(b);
            int batch = batchSizes.size();
            float[] iou = new float[3 * b];
            float[] stability = new float[3 * b];
            int[] boxes = new int[12 * b];
            for (int i = 0; i < 3 * b; i++) {
                // mask 0 of each point passes, mask 1 fails the IoU filter, mask 2 fails the stability filter
                iou[i] = i % 3 == 1 ? 0.5f : 0.95f - 0.001f * batch - 0.0001f * i;
                stability[i] = i % 3 == 2 ? 0.5f : 0.9f;
                // every point finds the same object, except the last point of the first batch
                int x0 = batch == 1 && i / 3 == b - 1 ? 30 : 5;
                System.arraycopy(new int[] {x0, 5, x0 + 7, 14}, 0, boxes, 4 * i, 4);
            }
            return new SamMaskGenerator.DecodedBatch() {
                public float[] predictedIou() {
                    return iou;
                }

                public float[] stability() {
                    return stability;
                }

                public int[] boxes() {
                    return boxes;
                }

                public SamMaskGenerator.RetainedMasks retain(int[] indices) {
                    retained.add(indices);
                    return new SamMaskGenerator.RetainedMasks() {
                        public List<boolean[]> fetch(int[] positions) {
                            fetched.add(positions);
                            List<boolean[]> out = new ArrayList<>();
                            for (int p : positions) {
                                int[] box = java.util.Arrays.copyOfRange(boxes, 4 * indices[p], 4 * indices[p] + 4);
                                boolean[] m = new boolean[w * h];
                                for (int y = box[1]; y <= box[3]; y++) {
                                    for (int x = box[0]; x <= box[2]; x++) {
                                        m[y * w + x] = true;
                                    }
                                }
                                out.add(m);
                            }
                            return out;
                        }

                        public void close() {
                            closed[1]++;
                        }
                    };
                }

                public void close() {
                    closed[0]++;
                }
            };
        };

        List<SamMaskGenerator.Proposal> proposals = SamMaskGenerator.generate(cfg, w, h, decoder);

        assertThat(batchSizes).containsExactly(4, 4, 1);
        assertThat(closed).containsExactly(3, 3);
        assertThat(retained.get(0)).containsExactly(0, 3, 6, 9);
        // the best mask of the shared object is the first of batch 1; the other object is the last of batch 1
        assertThat(fetched).hasSize(1);
        assertThat(fetched.get(0)).containsExactly(0, 3);
        assertThat(proposals).hasSize(2);
        assertThat(proposals.get(0).predictedIou()).isEqualTo(0.95f - 0.001f);
        assertThat(proposals.get(0).box()).containsExactly(5, 5, 12, 14);
        assertThat(new io.sam6d.vision.image.Mask(w, h, proposals.get(0).mask()).bbox()).containsExactly(5, 5, 8, 10);
        assertThat(proposals.get(1).box()).containsExactly(30, 5, 37, 14);
    }

    @Test
    void descriptorCropsScaleTheLongerSideAndCentreTheShorter() {
        int w = 8, h = 4;
        byte[] rgb = new byte[3 * w * h];
        boolean[] mask = new boolean[w * h];
        for (int i = 0; i < w * h; i++) {
            rgb[3 * i] = (byte) 255;
            mask[i] = i % w < 4; // left half
        }
        float[] out = new float[3 * 8 * 8];
        float[] m = new float[8 * 8];
        // box 4 wide, 2 high: scaled by 2 to 8 x 4, centred vertically (2 rows of padding above)
        DescriptorCrops.cropResizePad(rgb, mask, w, h, new int[] {2, 1, 6, 3}, 8, out, 0, m, 0);
        assertThat(m[0]).isZero();
        assertThat(m[2 * 8]).isEqualTo(1f);
        assertThat(m[2 * 8 + 3]).isEqualTo(1f);
        assertThat(m[2 * 8 + 4]).isZero(); // the right half of the box is off the mask
        assertThat(m[6 * 8]).isZero();
        assertThat(out[2 * 8]).isEqualTo(1f);
        assertThat(out[64 + 2 * 8]).isZero();
    }
}
