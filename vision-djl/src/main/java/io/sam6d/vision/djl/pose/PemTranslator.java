package io.sam6d.vision.djl.pose;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.sam6d.vision.djl.ContractViolationException;
import io.sam6d.vision.djl.Tensors;

/** A batch of detections to the module's {@code forward} and their poses back (contract: {@link DjlPoseEstimator}). */
final class PemTranslator implements NoBatchifyTranslator<PemTranslator.Batch, PemTranslator.Poses> {

    /**
     * B detections, concatenated.
     *
     * @param points      {@code [B, Np, 3]} metres
     * @param rgb         {@code [B, 3, S, S]} 0..1
     * @param rgbChoose   {@code [B, Np]}
     * @param modelPoints {@code [B, Nm, 3]} metres
     */
    record Batch(int size, int observed, int modelCount, int crop, float[] points, float[] rgb, long[] rgbChoose,
            float[] modelPoints) {
    }

    /**
     * @param rotation    {@code [B, 9]} row-major, model to camera
     * @param translation {@code [B, 3]} metres
     * @param score       {@code [B]}
     */
    record Poses(float[] rotation, float[] translation, float[] score) {
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Batch b) {
        NDManager m = ctx.getNDManager();
        ctx.setAttachment("batch", b.size());
        return new NDList(m.create(b.points(), new Shape(b.size(), b.observed(), 3)),
                m.create(b.rgb(), new Shape(b.size(), 3, b.crop(), b.crop())),
                m.create(b.rgbChoose(), new Shape(b.size(), b.observed())),
                m.create(b.modelPoints(), new Shape(b.size(), b.modelCount(), 3)));
    }

    @Override
    public Poses processOutput(TranslatorContext ctx, NDList list) {
        String c = DjlPoseEstimator.CONTRACT + " forward";
        int b = (Integer) ctx.getAttachment("batch");
        if (list.size() != 3) {
            throw new ContractViolationException(c + " must return (R [B,3,3], t [B,3], score [B]); got "
                    + list.size() + " tensor(s): " + Tensors.describe(list));
        }
        Tensors.requireShape(c, "R", list.get(0), b, 3, 3);
        Tensors.requireShape(c, "t", list.get(1), b, 3);
        NDArray score = list.get(2);
        if (score.getShape().dimension() == 2) {
            Tensors.requireShape(c, "score", score, b, 1);
        } else {
            Tensors.requireShape(c, "score", score, b);
        }
        return new Poses(Tensors.floats(c, "R", list.get(0)), Tensors.floats(c, "t", list.get(1)),
                Tensors.floats(c, "score", score));
    }
}
