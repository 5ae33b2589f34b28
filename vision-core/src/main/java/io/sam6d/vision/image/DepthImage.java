package io.sam6d.vision.image;

/**
 * A depth map in millimetres, row-major; 0 means no measurement. The array is shared, not copied.
 *
 * @param mm depth per pixel along the optical axis (z, not ray length), mm
 */
public record DepthImage(int width, int height, float[] mm) {

    public DepthImage {
        if (width <= 0 || height <= 0 || mm.length != width * height) {
            throw new IllegalArgumentException("depth image needs width*height values");
        }
    }

    public static DepthImage blank(int width, int height) {
        return new DepthImage(width, height, new float[width * height]);
    }

    public float at(int x, int y) {
        return mm[y * width + x];
    }

    /** Nearest-neighbour resampling to another size (depth must not be blended across edges). */
    public DepthImage resized(int newWidth, int newHeight) {
        if (newWidth == width && newHeight == height) {
            return this;
        }
        float[] out = new float[newWidth * newHeight];
        for (int y = 0; y < newHeight; y++) {
            int sy = Math.min(height - 1, (int) ((y + 0.5) * height / newHeight));
            for (int x = 0; x < newWidth; x++) {
                int sx = Math.min(width - 1, (int) ((x + 0.5) * width / newWidth));
                out[y * newWidth + x] = mm[sy * width + sx];
            }
        }
        return new DepthImage(newWidth, newHeight, out);
    }

    /** Median of the valid depths, mm, or 0 when there are none. */
    public float medianValid() {
        float[] v = new float[mm.length];
        int n = 0;
        for (float d : mm) {
            if (d > 0) {
                v[n++] = d;
            }
        }
        if (n == 0) {
            return 0;
        }
        java.util.Arrays.sort(v, 0, n);
        return v[n / 2];
    }
}
