package io.sam6d.vision.render;

import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;

/**
 * What one call of {@link MeshRenderer} drew, over its pixel region (the whole image unless a region was given).
 * Arrays are row-major over the region: pixel (x, y) of the full image is index
 * {@code (y - regionY) * width + (x - regionX)}.
 *
 * <p>A result returned by a renderer is a <em>view of that renderer's buffers</em>: the next render on the same
 * renderer overwrites it. Keep it with {@link #copy()}. Arrays of outputs that were not asked for are null.
 */
public final class RenderResult {

    private int regionX;
    private int regionY;
    private int width;
    private int height;
    private int imageWidth;
    private int imageHeight;
    private float[] depthMm;
    private boolean[] mask;
    private float[] xyzMm;
    private float[] normals;
    private byte[] rgb;
    private int[] instance;
    private int pixelCount;
    private int minX;
    private int minY;
    private int maxX;
    private int maxY;

    RenderResult() {
    }

    void set(int regionX, int regionY, int width, int height, int imageWidth, int imageHeight, float[] depthMm,
            boolean[] mask, float[] xyzMm, float[] normals, byte[] rgb, int[] instance) {
        this.regionX = regionX;
        this.regionY = regionY;
        this.width = width;
        this.height = height;
        this.imageWidth = imageWidth;
        this.imageHeight = imageHeight;
        this.depthMm = depthMm;
        this.mask = mask;
        this.xyzMm = xyzMm;
        this.normals = normals;
        this.rgb = rgb;
        this.instance = instance;
    }

    void setCoverage(int pixelCount, int minX, int minY, int maxX, int maxY) {
        this.pixelCount = pixelCount;
        this.minX = minX;
        this.minY = minY;
        this.maxX = maxX;
        this.maxY = maxY;
    }

    /** Left column of the rendered region in the full image. */
    public int regionX() {
        return regionX;
    }

    /** Top row of the rendered region in the full image. */
    public int regionY() {
        return regionY;
    }

    /** Width of the rendered region (and of every array), pixels. */
    public int width() {
        return width;
    }

    /** Height of the rendered region, pixels. */
    public int height() {
        return height;
    }

    /** Width of the full image the camera describes, pixels. */
    public int imageWidth() {
        return imageWidth;
    }

    public int imageHeight() {
        return imageHeight;
    }

    /** Depth along the optical axis (camera z), mm; 0 where nothing was drawn. Always present. */
    public float[] depthMm() {
        return depthMm;
    }

    /** true on drawn pixels, or null unless {@link RenderOutput#MASK} was asked for. */
    public boolean[] mask() {
        return mask;
    }

    /**
     * Model-frame coordinates of the visible surface point, mm, 3 per pixel; 0 on empty pixels (a visible point
     * exactly at the model origin is indistinguishable from empty: use the depth or mask). Null unless asked for.
     * In a multi-object render each pixel is in the frame of the object it shows ({@link #instance()}).
     */
    public float[] xyzMm() {
        return xyzMm;
    }

    /** Unit surface normals in the camera frame (interpolated vertex normals), 3 per pixel; 0 when empty. */
    public float[] normals() {
        return normals;
    }

    /** Shaded colour, interleaved r, g, b bytes; black background. Null unless asked for. */
    public byte[] rgb() {
        return rgb;
    }

    /**
     * For {@link MeshRenderer#renderScene}: per pixel, the index in the instance list of the object drawn there,
     * -1 where empty. Null for single-model renders.
     */
    public int[] instance() {
        return instance;
    }

    /** Number of drawn pixels. */
    public int pixelCount() {
        return pixelCount;
    }

    public boolean isEmpty() {
        return pixelCount == 0;
    }

    /** Tight box {@code [x, y, w, h]} of the drawn pixels in full-image coordinates; {@code [0,0,0,0]} if none. */
    public int[] bbox() {
        return pixelCount == 0 ? new int[4]
                : new int[] {regionX + minX, regionY + minY, maxX - minX + 1, maxY - minY + 1};
    }

    /** Depth at a pixel of the full image, mm; 0 when empty or outside the rendered region. */
    public float depthAt(int x, int y) {
        int lx = x - regionX, ly = y - regionY;
        return lx < 0 || ly < 0 || lx >= width || ly >= height ? 0 : depthMm[ly * width + lx];
    }

    /** The depth as an image of the region's size (a copy). */
    public DepthImage toDepthImage() {
        return new DepthImage(width, height, depthMm.clone());
    }

    /** The drawn pixels as a mask of the region's size (works without {@link RenderOutput#MASK}). */
    public Mask toMask() {
        boolean[] m = new boolean[width * height];
        for (int i = 0; i < m.length; i++) {
            m[i] = depthMm[i] > 0;
        }
        return new Mask(width, height, m);
    }

    /** The colour as an image of the region's size (a copy); needs {@link RenderOutput#RGB}. */
    public RgbImage toRgbImage() {
        if (rgb == null) {
            throw new IllegalStateException("RGB was not rendered");
        }
        return new RgbImage(width, height, rgb.clone());
    }

    /** A copy that owns its arrays and survives the renderer's next call. */
    public RenderResult copy() {
        RenderResult c = new RenderResult();
        c.set(regionX, regionY, width, height, imageWidth, imageHeight, depthMm.clone(),
                mask == null ? null : mask.clone(), xyzMm == null ? null : xyzMm.clone(),
                normals == null ? null : normals.clone(), rgb == null ? null : rgb.clone(),
                instance == null ? null : instance.clone());
        c.setCoverage(pixelCount, minX, minY, maxX, maxY);
        return c;
    }
}
