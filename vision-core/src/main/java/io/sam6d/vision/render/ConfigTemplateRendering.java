package io.sam6d.vision.render;

/**
 * Settings of template rendering ({@link TemplateRenderer}). Public fields with defaults; call
 * {@link #checkValidity()} after changing them.
 *
 * <p>Geometry: the camera sits at {@code distance} from the centre of the model's bounding box, on each viewpoint
 * direction, looking at the centre, with the image's up direction along the model's +Z axis (see
 * {@link ViewSphere#lookAt}). The square image's focal length is chosen so that the model's bounding sphere (about
 * the box centre) spans {@link #fill} of the image at that distance, whatever the distance, so the distance sets
 * only the strength of the perspective.
 */
public class ConfigTemplateRendering {

    /**
     * Number of viewpoints. 12, 42, 162, 642 and 2562 give the vertices of an icosphere of level 0 to 4 (evenly
     * spread); other counts a Fibonacci sphere. The default 42 is the level-1 icosphere.
     */
    public int views = 42;

    /** Width and height of every (square) template image, pixels. */
    public int imageSize = 256;

    /** Camera distance from the bounding-box centre, mm; 0 means {@link #distanceFactor} times the diameter. */
    public double distanceMm = 0;

    /**
     * The default camera distance as a multiple of the model's diameter (largest distance between two vertices):
     * 3 gives the perspective of a 100-300 mm object seen from 0.3-0.9 m, as in the suite's RGB-D frames.
     */
    public double distanceFactor = 3.0;

    /** Mesh coordinates times this are millimetres (1 for BOP models in mm, 1000 for models in metres). */
    public double unitScale = 1.0;

    /** Diameter of the bounding sphere's image as a fraction of the image size (1: it touches the borders). */
    public double fill = 1.0;

    /** Views rendered at once; 0 uses every processor. */
    public int threads = 0;

    /** Rasteriser settings: shading, back-face culling, point splat size. */
    public ConfigMeshRenderer renderer = new ConfigMeshRenderer();

    public ConfigTemplateRendering setTo(ConfigTemplateRendering src) {
        this.views = src.views;
        this.imageSize = src.imageSize;
        this.distanceMm = src.distanceMm;
        this.distanceFactor = src.distanceFactor;
        this.unitScale = src.unitScale;
        this.fill = src.fill;
        this.threads = src.threads;
        this.renderer = src.renderer.copy();
        return this;
    }

    public ConfigTemplateRendering copy() {
        return new ConfigTemplateRendering().setTo(this);
    }

    /** @throws IllegalArgumentException naming the first field out of range */
    public void checkValidity() {
        if (views < 1 || views > 10_000) {
            throw new IllegalArgumentException("views must be 1..10000, got " + views);
        }
        if (imageSize < 16 || imageSize > 4096) {
            throw new IllegalArgumentException("imageSize must be 16..4096 pixels, got " + imageSize);
        }
        if (!(distanceMm >= 0) || !Double.isFinite(distanceMm)) {
            throw new IllegalArgumentException("distanceMm must be >= 0 (0: from the diameter), got " + distanceMm);
        }
        if (!(distanceFactor >= 0.6 && distanceFactor <= 1000)) {
            throw new IllegalArgumentException("distanceFactor must be 0.6..1000, got " + distanceFactor);
        }
        if (!(unitScale > 0) || !Double.isFinite(unitScale)) {
            throw new IllegalArgumentException("unitScale must be a positive number, got " + unitScale);
        }
        if (!(fill > 0 && fill <= 4)) {
            throw new IllegalArgumentException("fill must be in (0, 4], got " + fill);
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0, got " + threads);
        }
        if (renderer == null) {
            throw new IllegalArgumentException("renderer settings are required");
        }
        renderer.checkValidity();
    }
}
