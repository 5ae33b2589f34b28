package io.sam6d.vision.render;

import java.util.Set;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;

/**
 * {@link ModelDepthRenderer} over the exact triangle rasteriser {@link MeshRenderer}: pixel-exact silhouettes and
 * depth, at some cost in speed against {@link PointSplatRenderer}. Thread-safe: each thread gets its own
 * {@link MeshRenderer}. Colours, when the mesh has them, come Lambert-shaded (pose scoring's colour agreement
 * ignores brightness).
 */
public final class RasterDepthRenderer implements ModelDepthRenderer {

    private static final Set<RenderOutput> DEPTH_RGB = Set.of(RenderOutput.DEPTH, RenderOutput.RGB);

    private final RenderModel model;
    private final boolean colored;
    private final ThreadLocal<MeshRenderer> renderers = ThreadLocal.withInitial(MeshRenderer::new);

    public RasterDepthRenderer(Mesh mesh) {
        this.model = RenderModel.of(mesh);
        this.colored = mesh.hasColors();
    }

    @Override
    public void renderDepth(RigidTransform modelToCamera, CameraIntrinsics camera, int x0, int y0, int w, int h,
            float[] depthOut) {
        RenderResult r = draw(modelToCamera, camera, x0, y0, w, h, RenderOutput.DEPTH_MASK);
        copyDepth(r, x0, y0, w, h, depthOut);
    }

    @Override
    public boolean renderColor(RigidTransform modelToCamera, CameraIntrinsics camera, int x0, int y0, int w, int h,
            float[] depthOut, float[] rgbOut) {
        if (!colored) {
            return false;
        }
        RenderResult r = draw(modelToCamera, camera, x0, y0, w, h, DEPTH_RGB);
        copyDepth(r, x0, y0, w, h, depthOut);
        byte[] rgb = r.rgb();
        int rw = r.width();
        for (int y = 0; y < h; y++) {
            int ry = y + y0 - r.regionY();
            if (ry < 0 || ry >= r.height()) {
                continue;
            }
            for (int x = 0; x < w; x++) {
                int rx = x + x0 - r.regionX();
                if (rx < 0 || rx >= rw || depthOut[y * w + x] == 0) {
                    continue;
                }
                int s = 3 * (ry * rw + rx), o = 3 * (y * w + x);
                rgbOut[o] = (rgb[s] & 0xFF) / 255f;
                rgbOut[o + 1] = (rgb[s + 1] & 0xFF) / 255f;
                rgbOut[o + 2] = (rgb[s + 2] & 0xFF) / 255f;
            }
        }
        return true;
    }

    private RenderResult draw(RigidTransform modelToCamera, CameraIntrinsics camera, int x0, int y0, int w, int h,
            Set<RenderOutput> outputs) {
        // the image only needs to contain the window: the rasteriser clips to the region it is given
        return renderers.get().render(model, modelToCamera, camera, x0 + w, y0 + h, new PixelRegion(x0, y0, w, h),
                outputs);
    }

    private static void copyDepth(RenderResult r, int x0, int y0, int w, int h, float[] depthOut) {
        java.util.Arrays.fill(depthOut, 0, w * h, 0f);
        float[] d = r.depthMm();
        int rw = r.width();
        for (int y = 0; y < h; y++) {
            int ry = y + y0 - r.regionY();
            if (ry < 0 || ry >= r.height()) {
                continue;
            }
            int rx0 = x0 - r.regionX();
            int from = Math.max(0, -rx0), to = Math.min(w, rw - rx0);
            if (to > from) {
                System.arraycopy(d, ry * rw + rx0 + from, depthOut, y * w + from, to - from);
            }
        }
    }
}
