package io.sam6d.vision.djl.segmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.sam6d.vision.djl.ContractViolationException;
import io.sam6d.vision.djl.Tensors;

/**
 * One frame and one object's template descriptors to the module's {@code forward}, and its proposals back (see
 * {@link DjlSegmenter} for the contract). Masks are thresholded on the device so only bits come back.
 */
final class FrameTranslator implements NoBatchifyTranslator<FrameTranslator.Input, FrameTranslator.Output> {

    /** A frame and the descriptors ({@code [V, D]}) of the object looked for. */
    record Input(IsmInputs.Frame frame, float[][] descriptors) {
    }

    /**
     * @param masks  N masks of H×W bits each, row-major, concatenated
     * @param scores N scores
     * @param views  N indices into the descriptors' views, or null when the module gave none
     */
    record Output(int count, boolean[] masks, float[] scores, long[] views) {
    }

    private final float maskThreshold;

    FrameTranslator(double maskThreshold) {
        this.maskThreshold = (float) maskThreshold;
    }

    @Override
    public NDList processInput(TranslatorContext ctx, Input in) {
        NDManager m = ctx.getNDManager();
        IsmInputs.Frame f = in.frame();
        int v = in.descriptors().length, d = in.descriptors()[0].length;
        float[] desc = new float[v * d];
        for (int i = 0; i < v; i++) {
            System.arraycopy(in.descriptors()[i], 0, desc, i * d, d);
        }
        ctx.setAttachment("size", new int[] {f.height(), f.width(), v});
        return new NDList(m.create(f.rgb(), new Shape(1, 3, f.height(), f.width())),
                m.create(f.depthM(), new Shape(1, 1, f.height(), f.width())),
                m.create(f.camK(), new Shape(1, 3, 3)),
                m.create(desc, new Shape(v, d)));
    }

    @Override
    public Output processOutput(TranslatorContext ctx, NDList list) {
        String c = DjlSegmenter.CONTRACT + " forward";
        int[] size = (int[]) ctx.getAttachment("size");
        int h = size[0], w = size[1], views = size[2];
        if (list.size() != 2 && list.size() != 3) {
            throw new ContractViolationException(c + " must return (masks [N,H,W], scores [N]) or (masks, scores,"
                    + " view_ids [N]); got " + list.size() + " tensor(s): " + Tensors.describe(list));
        }
        NDArray masks = list.get(0);
        if (masks.getShape().dimension() == 4) {
            Tensors.requireShape(c, "masks", masks, -1, 1, h, w);
            masks = masks.squeeze(1);
        }
        Tensors.requireShape(c, "masks", masks, -1, h, w);
        int n = (int) masks.getShape().get(0);
        NDArray scores = list.get(1);
        Tensors.requireShape(c, "scores", scores, n);
        float[] s = Tensors.floats(c, "scores", scores);
        long[] ids = null;
        if (list.size() == 3) {
            Tensors.requireShape(c, "view_ids", list.get(2), n);
            ids = Tensors.longs(c, "view_ids", list.get(2));
            for (long id : ids) {
                if (id < 0 || id >= views) {
                    throw new ContractViolationException(c + ": view_ids must index the " + views
                            + " template views given, got " + id);
                }
            }
        }
        boolean[] bits;
        DataType t = masks.getDataType();
        if (t == DataType.BOOLEAN) {
            bits = masks.toBooleanArray();
        } else if (t.isFloating() || t.isInteger()) {
            bits = masks.toType(DataType.FLOAT32, false).gte(maskThreshold).toBooleanArray();
        } else {
            throw new ContractViolationException(c + ": masks must be float, integer or bool, got " + t);
        }
        return new Output(n, bits, s, ids);
    }
}
