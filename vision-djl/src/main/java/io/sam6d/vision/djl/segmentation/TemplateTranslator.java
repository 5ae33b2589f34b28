package io.sam6d.vision.djl.segmentation;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import io.sam6d.vision.djl.ContractViolationException;
import io.sam6d.vision.djl.Tensors;

/**
 * Template crops to the module's {@code encode_templates(rgb [V,3,S,S], mask [V,1,S,S]) -> [V, D]}; returns one
 * descriptor of D floats per view.
 */
final class TemplateTranslator implements NoBatchifyTranslator<IsmInputs.Templates, float[][]> {

    /** DJL runs another method of the module than forward when an input array carries this name. */
    static final String METHOD = "module_method:encode_templates";

    @Override
    public NDList processInput(TranslatorContext ctx, IsmInputs.Templates t) {
        NDManager m = ctx.getNDManager();
        int v = t.count(), s = t.size();
        NDArray marker = m.create(0f);
        marker.setName(METHOD);
        return new NDList(m.create(t.rgb(), new Shape(v, 3, s, s)), m.create(t.mask(), new Shape(v, 1, s, s)),
                marker);
    }

    @Override
    public float[][] processOutput(TranslatorContext ctx, NDList list) {
        String c = DjlSegmenter.CONTRACT + " encode_templates";
        if (list.size() != 1) {
            throw new ContractViolationException(c + " must return one tensor [V, D], got " + list.size() + ": "
                    + Tensors.describe(list));
        }
        NDArray a = list.get(0);
        Tensors.requireShape(c, "the descriptors", a, -1, -1);
        long v = a.getShape().get(0), d = a.getShape().get(1);
        if (d < 1) {
            throw new ContractViolationException(c + ": descriptors must have at least one value per view");
        }
        float[] flat = Tensors.floats(c, "the descriptors", a);
        float[][] out = new float[(int) v][];
        for (int i = 0; i < v; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, (int) (i * d), (int) ((i + 1) * d));
        }
        return out;
    }
}
