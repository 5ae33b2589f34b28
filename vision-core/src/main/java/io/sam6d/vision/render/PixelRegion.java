package io.sam6d.vision.render;

/**
 * A rectangle of pixels of the full image: columns {@code x .. x+width-1}, rows {@code y .. y+height-1}.
 * A render restricted to a region costs in proportion to the region, not the image.
 */
public record PixelRegion(int x, int y, int width, int height) {

    public PixelRegion {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("region needs width, height > 0; got " + width + "x" + height);
        }
        if ((long) width * height > Integer.MAX_VALUE / 4) {
            throw new IllegalArgumentException("region too large: " + width + "x" + height);
        }
    }

    public static PixelRegion full(int width, int height) {
        return new PixelRegion(0, 0, width, height);
    }

    public int area() {
        return width * height;
    }

    /** This region clipped to an image of the given size, or null when they do not overlap. */
    public PixelRegion clippedTo(int imageWidth, int imageHeight) {
        int x0 = Math.max(0, x), y0 = Math.max(0, y);
        int x1 = Math.min(imageWidth, x + width), y1 = Math.min(imageHeight, y + height);
        return x1 > x0 && y1 > y0 ? new PixelRegion(x0, y0, x1 - x0, y1 - y0) : null;
    }

    /** Grown by {@code margin} pixels on every side (not clipped). */
    public PixelRegion grown(int margin) {
        return new PixelRegion(x - margin, y - margin, width + 2 * margin, height + 2 * margin);
    }
}
