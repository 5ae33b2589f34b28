package io.sam6d.vision.djl.segmentation;

import java.util.ArrayList;
import java.util.List;

/**
 * SAM's automatic mask generator ({@code SamAutomaticMaskGenerator} with one crop layer, as SAM-6D runs it) around a
 * prompted decoder: a regular grid of point prompts over the frame, decoded in batches, each point giving three
 * masks; masks with a predicted IoU at or below {@link ConfigIsmTorchScript#predIouThresh} or a stability score
 * below {@link ConfigIsmTorchScript#stabilityScoreThresh} are dropped batch by batch (a threshold of 0 turns its
 * filter off), then duplicates are removed by box non-maximum suppression on the predicted IoU
 * ({@link ConfigIsmTorchScript#boxNmsThresh}). Only the masks that pass the filters are copied from the device.
 */
final class SamMaskGenerator {

    /**
     * @param mask         frame-sized
     * @param box          SAM's box of the mask, {@code [x0, y0, x1, y1]} with x1, y1 inclusive
     * @param predictedIou the decoder's IoU prediction
     * @param stability    SAM's stability score
     */
    record Proposal(boolean[] mask, int[] box, float predictedIou, float stability) {
        int area() {
            int n = 0;
            for (boolean b : mask) {
                if (b) {
                    n++;
                }
            }
            return n;
        }
    }

    /** One batch of point prompts decoded on the device; closing it frees its masks there. */
    interface DecodedBatch extends AutoCloseable {
        /** {@code [B × 3]}: mask k of point i at {@code 3 i + k}. */
        float[] predictedIou();

        float[] stability();

        /** The masks at these indices (ascending), copied from the device. */
        List<boolean[]> masks(int[] indices);

        @Override
        void close();
    }

    interface PromptDecoder {
        /** @param pointsXy {@code [B, 2]} x, y in frame pixels */
        DecodedBatch decode(float[] pointsXy);
    }

    private SamMaskGenerator() {
    }

    /** SAM's {@code build_point_grid} scaled to the frame: n × n points at the centres of an n × n tiling, x first. */
    static float[] pointGrid(int perSide, int width, int height) {
        float[] xy = new float[2 * perSide * perSide];
        double offset = 1.0 / (2 * perSide);
        for (int r = 0; r < perSide; r++) {
            for (int c = 0; c < perSide; c++) {
                double fx = perSide == 1 ? 0.5 : offset + c * (1 - 2 * offset) / (perSide - 1);
                double fy = perSide == 1 ? 0.5 : offset + r * (1 - 2 * offset) / (perSide - 1);
                int i = r * perSide + c;
                xy[2 * i] = (float) (fx * width);
                xy[2 * i + 1] = (float) (fy * height);
            }
        }
        return xy;
    }

    static List<Proposal> generate(ConfigIsmTorchScript cfg, int width, int height, PromptDecoder decoder) {
        float[] grid = pointGrid(cfg.pointsPerSide, width, height);
        int points = grid.length / 2;
        List<Proposal> all = new ArrayList<>();
        for (int from = 0; from < points; from += cfg.pointsPerBatch) {
            int to = Math.min(points, from + cfg.pointsPerBatch);
            try (DecodedBatch batch = decoder.decode(java.util.Arrays.copyOfRange(grid, 2 * from, 2 * to))) {
                float[] iou = batch.predictedIou();
                float[] stability = batch.stability();
                int[] keep = new int[iou.length];
                int n = 0;
                for (int i = 0; i < iou.length; i++) {
                    boolean iouOk = cfg.predIouThresh <= 0 || iou[i] > cfg.predIouThresh;
                    boolean stableOk = cfg.stabilityScoreThresh <= 0 || stability[i] >= cfg.stabilityScoreThresh;
                    if (iouOk && stableOk) {
                        keep[n++] = i;
                    }
                }
                if (n == 0) {
                    continue;
                }
                keep = java.util.Arrays.copyOf(keep, n);
                List<boolean[]> masks = batch.masks(keep);
                for (int k = 0; k < n; k++) {
                    boolean[] m = masks.get(k);
                    all.add(new Proposal(m, BoxOps.maskBox(m, width, height), iou[keep[k]], stability[keep[k]]));
                }
            }
        }
        double[] scores = all.stream().mapToDouble(Proposal::predictedIou).toArray();
        List<Proposal> kept = new ArrayList<>();
        for (int i : BoxOps.nms(all.stream().map(Proposal::box).toList(), scores, cfg.boxNmsThresh)) {
            kept.add(all.get(i));
        }
        return kept;
    }
}
