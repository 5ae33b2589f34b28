package io.sam6d.vision.image;

/**
 * An 8-bit colour image, row-major, interleaved {@code r, g, b} bytes (read them with {@code & 0xFF}).
 * The array is shared, not copied.
 */
public record RgbImage(int width, int height, byte[] rgb) {

    public RgbImage {
        if (width <= 0 || height <= 0 || rgb.length != 3 * width * height) {
            throw new IllegalArgumentException("rgb image needs 3*width*height bytes");
        }
    }

    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new byte[3 * width * height]);
    }

    /** Channel c (0 red, 1 green, 2 blue) of pixel (x, y), 0..255. */
    public int at(int x, int y, int c) {
        return rgb[3 * (y * width + x) + c] & 0xFF;
    }

    /** Luminance 0..255 per pixel (Rec. 601 weights). */
    public float[] gray() {
        float[] g = new float[width * height];
        for (int i = 0; i < g.length; i++) {
            g[i] = 0.299f * (rgb[3 * i] & 0xFF) + 0.587f * (rgb[3 * i + 1] & 0xFF) + 0.114f * (rgb[3 * i + 2] & 0xFF);
        }
        return g;
    }
}
