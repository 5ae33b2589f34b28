package io.sam6d.vision.image;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reading and writing the suite's images: colour (PNG or JPEG), 16-bit depth PNG and 8-bit mask PNG.
 * Depth files hold raw units; {@code depthScale} converts them to millimetres (BOP: mm = raw × depth_scale).
 */
public final class ImageFiles {

    static {
        ImageIO.setUseCache(false);
    }

    private ImageFiles() {
    }

    public static RgbImage readRgb(Path file) {
        return decodeRgb(readBytes(file));
    }

    /** Decodes PNG or JPEG bytes into RGB (grey and palette images are expanded, alpha dropped). */
    public static RgbImage decodeRgb(byte[] encoded) {
        return decodeRgb(encoded, Long.MAX_VALUE);
    }

    /**
     * As {@link #decodeRgb(byte[])}, refusing an image whose header declares more than {@code maxPixels} pixels
     * before any pixel memory is allocated.
     *
     * @throws ImageFormatException when the bytes are not an image or the image is too large
     */
    public static RgbImage decodeRgb(byte[] encoded, long maxPixels) {
        BufferedImage img = decode(encoded, "colour image", maxPixels);
        int w = img.getWidth(), h = img.getHeight();
        byte[] rgb = new byte[3 * w * h];
        int[] row = new int[w];
        for (int y = 0; y < h; y++) {
            img.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                int p = row[x], o = 3 * (y * w + x);
                rgb[o] = (byte) (p >> 16);
                rgb[o + 1] = (byte) (p >> 8);
                rgb[o + 2] = (byte) p;
            }
        }
        return new RgbImage(w, h, rgb);
    }

    public static DepthImage readDepth(Path file, double depthScale) {
        return decodeDepth(readBytes(file), depthScale);
    }

    /**
     * Decodes a single-channel 16-bit PNG of raw depth units into millimetres.
     *
     * @param depthScale millimetres per raw unit (1.0 for mm PNGs, 0.1 for YCB-Video)
     * @throws ImageFormatException when the bytes are not a 16-bit single-channel image
     */
    public static DepthImage decodeDepth(byte[] encoded, double depthScale) {
        return decodeDepth(encoded, depthScale, Long.MAX_VALUE);
    }

    /** As {@link #decodeDepth(byte[], double)}, refusing more than {@code maxPixels} pixels before decoding. */
    public static DepthImage decodeDepth(byte[] encoded, double depthScale, long maxPixels) {
        if (!(depthScale > 0) || !Double.isFinite(depthScale)) {
            throw new IllegalArgumentException("depth_scale must be a positive number");
        }
        BufferedImage img = decode(encoded, "depth image", maxPixels);
        Raster r = img.getRaster();
        if (r.getNumBands() != 1 || r.getDataBuffer().getDataType() != DataBuffer.TYPE_USHORT) {
            throw new ImageFormatException("depth image must be a 16-bit single-channel PNG (got "
                    + r.getNumBands() + " channel(s) of " + r.getSampleModel().getSampleSize(0) + " bits)");
        }
        int w = img.getWidth(), h = img.getHeight();
        int[] raw = r.getSamples(0, 0, w, h, 0, (int[]) null);
        float[] mm = new float[w * h];
        for (int i = 0; i < raw.length; i++) {
            mm[i] = (float) (raw[i] * depthScale);
        }
        return new DepthImage(w, h, mm);
    }

    /** 16-bit PNG of depth rounded to whole raw units (raw = mm / depthScale, clamped to 0..65535). */
    public static byte[] encodeDepthPng(DepthImage depth, double depthScale) {
        BufferedImage img = new BufferedImage(depth.width(), depth.height(), BufferedImage.TYPE_USHORT_GRAY);
        WritableRaster r = img.getRaster();
        int[] raw = new int[depth.mm().length];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (int) Math.max(0, Math.min(65535, Math.round(depth.mm()[i] / depthScale)));
        }
        r.setSamples(0, 0, depth.width(), depth.height(), 0, raw);
        return encode(img);
    }

    public static byte[] encodeRgbPng(RgbImage image) {
        BufferedImage img = new BufferedImage(image.width(), image.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        byte[] rgb = image.rgb();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return encode(img);
    }

    /** 8-bit grey PNG: 255 where {@code mask} is true, 0 elsewhere. */
    public static byte[] encodeMaskPng(boolean[] mask, int width, int height) {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        byte[] px = ((java.awt.image.DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < mask.length; i++) {
            px[i] = mask[i] ? (byte) 255 : 0;
        }
        return encode(img);
    }

    /** Reads an 8-bit (or 16-bit) single-channel image as a mask: true where the value is not 0. */
    public static boolean[] decodeMask(byte[] encoded, int[] sizeOut) {
        BufferedImage img = decode(encoded, "mask image");
        Raster r = img.getRaster();
        int w = img.getWidth(), h = img.getHeight();
        int[] v = r.getSamples(0, 0, w, h, 0, (int[]) null);
        boolean[] m = new boolean[w * h];
        for (int i = 0; i < m.length; i++) {
            m[i] = v[i] != 0;
        }
        if (sizeOut != null) {
            sizeOut[0] = w;
            sizeOut[1] = h;
        }
        return m;
    }

    /** Reads a single-channel 8- or 16-bit image as integers (label maps). */
    public static int[] decodeLabels(byte[] encoded, int[] sizeOut) {
        BufferedImage img = decode(encoded, "label image");
        int w = img.getWidth(), h = img.getHeight();
        if (sizeOut != null) {
            sizeOut[0] = w;
            sizeOut[1] = h;
        }
        return img.getRaster().getSamples(0, 0, w, h, 0, (int[]) null);
    }

    public static void write(Path file, byte[] encoded) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, encoded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static BufferedImage decode(byte[] encoded, String what) {
        return decode(encoded, what, Long.MAX_VALUE);
    }

    /** Reads the header first: an image declaring more than {@code maxPixels} is refused before it is allocated. */
    private static BufferedImage decode(byte[] encoded, String what, long maxPixels) {
        if (encoded == null || encoded.length == 0) {
            throw new ImageFormatException(what + " is empty");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new ImageFormatException(what + " is not a PNG or JPEG image");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long w = reader.getWidth(0);
                long h = reader.getHeight(0);
                if (w < 1 || h < 1 || w * h > maxPixels) {
                    throw new ImageFormatException(what + " is " + w + "x" + h + " = " + w * h + " pixels; at most "
                            + maxPixels + " are accepted");
                }
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof ImageFormatException ife) {
                throw ife;
            }
            throw new ImageFormatException(what + " could not be decoded (" + e.getMessage() + ")");
        }
    }

    private static byte[] encode(BufferedImage img) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(img.getWidth() * img.getHeight());
            if (!ImageIO.write(img, "png", out)) {
                throw new IllegalStateException("no PNG writer available");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
