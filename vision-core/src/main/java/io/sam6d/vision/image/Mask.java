package io.sam6d.vision.image;

import java.util.ArrayList;
import java.util.List;

/**
 * A binary image mask, row-major. Immutable from the outside: the constructor and {@link #bits()} copy.
 */
public final class Mask {

    private final int width;
    private final int height;
    private final boolean[] bits;

    public Mask(int width, int height, boolean[] bits) {
        if (bits.length != width * height) {
            throw new IllegalArgumentException("mask needs width*height values");
        }
        this.width = width;
        this.height = height;
        this.bits = bits.clone();
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean get(int x, int y) {
        return bits[y * width + x];
    }

    public boolean[] bits() {
        return bits.clone();
    }

    public int area() {
        int n = 0;
        for (boolean b : bits) {
            if (b) {
                n++;
            }
        }
        return n;
    }

    /** Tight bounding box {@code [x, y, w, h]} in pixels; {@code [0,0,0,0]} for an empty mask. */
    public int[] bbox() {
        int x0 = width, y0 = height, x1 = -1, y1 = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (bits[y * width + x]) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? new int[4] : new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    }

    /** Intersection over union; 0 when both are empty. Masks must have the same size. */
    public double iou(Mask other) {
        if (other.width != width || other.height != height) {
            throw new IllegalArgumentException("masks differ in size");
        }
        int inter = 0, union = 0;
        for (int i = 0; i < bits.length; i++) {
            if (bits[i] && other.bits[i]) {
                inter++;
            }
            if (bits[i] || other.bits[i]) {
                union++;
            }
        }
        return union == 0 ? 0 : inter / (double) union;
    }

    /**
     * COCO's uncompressed RLE: run lengths over the pixels in column-major order (down each column, then the
     * next column), starting with a run of zeros (possibly of length 0). Size is {@code [height, width]}.
     */
    public List<Integer> toCocoRle() {
        List<Integer> counts = new ArrayList<>();
        boolean current = false;
        int run = 0;
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                boolean b = bits[y * width + x];
                if (b != current) {
                    counts.add(run);
                    run = 0;
                    current = b;
                }
                run++;
            }
        }
        counts.add(run);
        return counts;
    }

    /** Inverse of {@link #toCocoRle()}; the counts must add up to width × height. */
    public static Mask fromCocoRle(List<Integer> counts, int height, int width) {
        boolean[] bits = new boolean[width * height];
        long total = 0;
        boolean value = false;
        int pos = 0;
        for (int c : counts) {
            if (c < 0) {
                throw new IllegalArgumentException("RLE counts must not be negative");
            }
            total += c;
            if (total > (long) width * height) {
                throw new IllegalArgumentException("RLE counts exceed the mask size");
            }
            for (int k = 0; k < c; k++, pos++) {
                if (value) {
                    int x = pos / height, y = pos % height;
                    bits[y * width + x] = true;
                }
            }
            value = !value;
        }
        if (total != (long) width * height) {
            throw new IllegalArgumentException("RLE counts add up to " + total + ", expected " + (width * height));
        }
        return new Mask(width, height, bits);
    }
}
