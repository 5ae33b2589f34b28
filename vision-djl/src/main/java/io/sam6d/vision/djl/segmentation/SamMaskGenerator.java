package io.sam6d.vision.djl.segmentation;

import java.util.ArrayList;
import java.util.List;

/**
 * SAM's automatic mask generator ({@code SamAutomaticMaskGenerator} with one crop layer, as SAM-6D runs it) around a
 * prompted decoder: a regular grid of point prompts over the frame, decoded in batches, each point giving three
 * masks; masks with a predicted IoU at or below {@link ConfigIsmTorchScript#predIouThresh} or a stability score
 * below {@link ConfigIsmTorchScript#stabilityScoreThresh} are dropped batch by batch (a threshold of 0 turns its
 * filter off), then duplicates are removed by box non-maximum suppression on the predicted IoU
 * ({@link ConfigIsmTorchScript#boxNmsThresh}). The decoder gives each mask's box with its scores, so masks stay on
 * the device until the suppression is done and only the survivors are copied.
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

    /** One batch of point prompts decoded on the device; closing it frees what was not retained. */
    interface DecodedBatch extends AutoCloseable {
        /** {@code [B × 3]}: mask k of point i at {@code 3 i + k}. */
        float[] predictedIou();

        float[] stability();

        /** {@code [B × 3 × 4]}: each mask's box, x0, y0, x1, y1 inclusive. */
        int[] boxes();

        /** Keeps the masks at these indices (ascending) on the device, beyond {@link #close()}. */
        RetainedMasks retain(int[] indices);

        @Override
        void close();
    }

    /** Masks kept on the device. */
    interface RetainedMasks extends AutoCloseable {
        /** Copies those at these positions (ascending, into the retained ones) from the device. */
        List<boolean[]> fetch(int[] positions);

        @Override
        void close();
    }

    interface PromptDecoder {
        /** @param pointsXy {@code [B, 2]} x, y in frame pixels */
        DecodedBatch decode(float[] pointsXy);
    }

    /** A mask that passed the filters: where it is retained, its box and scores. */
    private record Candidate(int batch, int position, int[] box, float iou, float stability) {
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

    /** The proposals that survive the filters and the suppression, highest predicted IoU first. */
    static List<Proposal> generate(ConfigIsmTorchScript cfg, int width, int height, PromptDecoder decoder) {
        float[] grid = pointGrid(cfg.pointsPerSide, width, height);
        int points = grid.length / 2;
        List<RetainedMasks> retained = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        try {
            for (int from = 0; from < points; from += cfg.pointsPerBatch) {
                int to = Math.min(points, from + cfg.pointsPerBatch);
                try (DecodedBatch batch = decoder.decode(java.util.Arrays.copyOfRange(grid, 2 * from, 2 * to))) {
                    float[] iou = batch.predictedIou();
                    float[] stability = batch.stability();
                    int[] boxes = batch.boxes();
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
                    retained.add(batch.retain(keep));
                    for (int k = 0; k < n; k++) {
                        int i = keep[k];
                        candidates.add(new Candidate(retained.size() - 1, k,
                                java.util.Arrays.copyOfRange(boxes, 4 * i, 4 * i + 4), iou[i], stability[i]));
                    }
                }
            }
            double[] scores = candidates.stream().mapToDouble(Candidate::iou).toArray();
            List<Integer> survivors = BoxOps.nms(candidates.stream().map(Candidate::box).toList(), scores,
                    cfg.boxNmsThresh);
            return fetch(candidates, survivors, retained);
        } finally {
            retained.forEach(RetainedMasks::close);
        }
    }

    /** Copies the survivors' masks, batch by batch, and returns them in the survivors' order. */
    private static List<Proposal> fetch(List<Candidate> candidates, List<Integer> survivors,
            List<RetainedMasks> retained) {
        java.util.Map<Integer, boolean[]> masks = new java.util.HashMap<>();
        for (int b = 0; b < retained.size(); b++) {
            final int batch = b;
            int[] chosen = survivors.stream().filter(i -> candidates.get(i).batch() == batch).sorted()
                    .mapToInt(Integer::intValue).toArray();
            if (chosen.length == 0) {
                continue;
            }
            int[] positions = java.util.Arrays.stream(chosen).map(i -> candidates.get(i).position()).toArray();
            List<boolean[]> fetched = retained.get(b).fetch(positions);
            for (int k = 0; k < chosen.length; k++) {
                masks.put(chosen[k], fetched.get(k));
            }
        }
        List<Proposal> out = new ArrayList<>();
        for (int i : survivors) {
            Candidate c = candidates.get(i);
            out.add(new Proposal(masks.get(i), c.box(), c.iou(), c.stability()));
        }
        return out;
    }
}
