package io.sam6d.vision.djl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.render.TemplateFormatException;
import io.sam6d.vision.render.TemplateSet;
import io.sam6d.vision.render.TemplateView;

/** What the TorchScript engines take from an object's files: surface points and template views. */
public final class ObjectInputs {

    private ObjectInputs() {
    }

    /**
     * {@code count} points on the model's surface, metres, {@code [count, 3]} (seeded, by area; a point set with
     * fewer vertices repeats them).
     */
    public static float[] modelPointsM(Mesh mesh, int count, long seed) {
        float[] xyz = MeshOps.samplePoints(mesh, count, seed)[0];
        int n = xyz.length / 3;
        float[] out = new float[3 * count];
        for (int i = 0; i < count; i++) {
            int k = 3 * (i % n);
            out[3 * i] = xyz[k] * 0.001f;
            out[3 * i + 1] = xyz[k + 1] * 0.001f;
            out[3 * i + 2] = xyz[k + 2] * 0.001f;
        }
        return out;
    }

    /** Largest distance of the points ({@code [N, 3]}) from the origin. */
    public static float radius(float[] xyz) {
        double r = 0;
        for (int i = 0; i < xyz.length; i += 3) {
            r = Math.max(r, Math.sqrt(xyz[i] * xyz[i] + xyz[i + 1] * xyz[i + 1] + xyz[i + 2] * xyz[i + 2]));
        }
        return (float) r;
    }

    /**
     * The views of a complete template set ({@code views.json} with poses, as render-server writes it), at most
     * {@code max} of them evenly spread over the set (0: all), as SAM-6D picks {@code int(42 / n * v)}.
     *
     * @throws ObjectNotUsableException when the object has no complete template set
     */
    public static List<TemplateView> templateViews(String objectName, Path dir, int max) {
        if (dir == null || !Files.isDirectory(dir)) {
            throw new ObjectNotUsableException("the SAM-6D engines need the rendered templates of '" + objectName
                    + "' (views.json, rgb_<i>.png, mask_<i>.png, xyz_<i>.npy in static/templates/<class>/"
                    + objectName + "/): render them with render-server first");
        }
        List<TemplateView> all;
        try {
            all = TemplateSet.read(dir).views();
        } catch (TemplateFormatException e) {
            throw new ObjectNotUsableException("the templates of '" + objectName + "' cannot be used (render them"
                    + " again with render-server): " + e.getMessage());
        }
        if (all.isEmpty()) {
            throw new ObjectNotUsableException("the template set of '" + objectName + "' has no views");
        }
        if (max <= 0 || all.size() <= max) {
            return all;
        }
        List<TemplateView> picked = new ArrayList<>();
        for (int v = 0; v < max; v++) {
            picked.add(all.get((int) ((long) all.size() * v / max)));
        }
        return picked;
    }
}
