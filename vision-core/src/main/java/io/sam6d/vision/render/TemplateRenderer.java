package io.sam6d.vision.render;

import java.nio.file.Path;

import io.sam6d.vision.geometry.Mesh;

/**
 * Renders the templates of an object: for each viewpoint an RGB image, a mask, model-frame XYZ and depth, plus
 * {@code views.json} with every view's pose and intrinsics (layout: {@link TemplateSet}).
 *
 * <p>The output directory is replaced as a whole: views are rendered into a hidden staging directory beside it,
 * which is moved into place only when complete, so no reader ever sees a half-written set. Implementations are
 * thread-safe; several objects may be rendered at once.
 */
public interface TemplateRenderer {

    /** Told after each finished view; called from rendering threads, one call at a time. */
    @FunctionalInterface
    interface Progress {
        void viewsDone(int done, int total);

        Progress NONE = (done, total) -> {
        };
    }

    /**
     * Renders {@code mesh} (in the units the configuration's unit scale converts to mm) into {@code outputDir},
     * replacing what is there.
     *
     * @return the written set, as {@link TemplateSet#read} reads it
     * @throws io.sam6d.vision.io.MeshFormatException when the mesh cannot be drawn (no extent, only degenerate
     *                                                 triangles, non-finite coordinates)
     * @throws IllegalArgumentException when the settings do not fit the mesh (camera inside its bounding sphere)
     * @throws java.io.UncheckedIOException when the files cannot be written
     */
    TemplateSet render(Mesh mesh, TemplateObject object, Path outputDir, Progress progress);

    /** The CPU rasteriser behind this interface; null settings mean the defaults. */
    static TemplateRenderer cpu(ConfigTemplateRendering config) {
        ConfigTemplateRendering c = config == null ? new ConfigTemplateRendering() : config.copy();
        c.checkValidity();
        return new CpuTemplateRenderer(c);
    }
}
