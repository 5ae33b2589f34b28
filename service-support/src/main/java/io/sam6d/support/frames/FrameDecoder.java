package io.sam6d.support.frames;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.sam6d.support.web.ApiException;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;

/**
 * Turns the frame fields of a request (Base64 images, {@code cam_K}, {@code depth_scale}) into an {@link RgbdFrame},
 * or a 400 naming the field at fault. An image whose header declares more than {@code MAX_IMAGE_PIXELS} pixels is
 * refused before it is decoded. Depth of another size than the colour image is resampled to it (nearest neighbour)
 * and reported.
 */
public final class FrameDecoder {

    /** Largest image side accepted, pixels: guards against absurdly thin images. */
    private static final int MAX_SIDE = 16384;

    private final long maxPixels;

    /** @param maxPixels most pixels an image may have ({@code MAX_IMAGE_PIXELS}) */
    public FrameDecoder(long maxPixels) {
        if (maxPixels < 1) {
            throw new IllegalArgumentException("MAX_IMAGE_PIXELS must be at least 1");
        }
        this.maxPixels = maxPixels;
    }

    public long maxPixels() {
        return maxPixels;
    }

    public DecodedFrame decode(String rgbBase64, String depthBase64, List<Double> camK, Double depthScale) {
        CameraIntrinsics camera = camera(camK);
        if (depthScale == null || !(depthScale > 0) || !Double.isFinite(depthScale)) {
            throw ApiException.badRequest("depth_scale", "depth_scale must be a positive number (mm per depth unit)");
        }
        RgbImage rgb;
        try {
            rgb = ImageFiles.decodeRgb(base64("rgb_image", rgbBase64), maxPixels);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("rgb_image", "rgb_image: " + e.getMessage());
        }
        checkSize("rgb_image", rgb.width(), rgb.height());
        DepthImage depth;
        try {
            depth = ImageFiles.decodeDepth(base64("depth_image", depthBase64), depthScale, maxPixels);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("depth_image", "depth_image: " + e.getMessage());
        }
        checkSize("depth_image", depth.width(), depth.height());
        List<String> warnings = new ArrayList<>();
        boolean resampled = false;
        if (depth.width() != rgb.width() || depth.height() != rgb.height()) {
            warnings.add("depth image is " + depth.width() + "x" + depth.height() + " but the colour image is "
                    + rgb.width() + "x" + rgb.height() + ": depth was resampled to the colour size (nearest "
                    + "neighbour); send depth registered to colour for best results");
            depth = depth.resized(rgb.width(), rgb.height());
            resampled = true;
        }
        if (camera.cx() < -0.5 || camera.cx() > rgb.width() || camera.cy() < -0.5 || camera.cy() > rgb.height()) {
            warnings.add("cam_K principal point (" + camera.cx() + ", " + camera.cy() + ") lies outside the "
                    + rgb.width() + "x" + rgb.height() + " image: check that cam_K belongs to the colour image");
        }
        return new DecodedFrame(new RgbdFrame(rgb, depth, camera), resampled, warnings);
    }

    public static CameraIntrinsics camera(List<Double> camK) {
        if (camK == null) {
            throw ApiException.badRequest("cam_K", "cam_K is required: 9 numbers, row-major [fx,0,cx,0,fy,cy,0,0,1]");
        }
        double[] k = new double[camK.size()];
        for (int i = 0; i < k.length; i++) {
            if (camK.get(i) == null) {
                throw ApiException.badRequest("cam_K", "cam_K must not contain null");
            }
            k[i] = camK.get(i);
        }
        try {
            return CameraIntrinsics.fromCamK(k);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("cam_K", e.getMessage());
        }
    }

    /**
     * The bytes of a Base64 image field (a browser's {@code data:} URL prefix allowed).
     *
     * @throws ApiException 400 naming {@code field} when it is missing or not Base64
     */
    public static byte[] base64(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field, field + " is required (Base64 image)");
        }
        String v = value.trim();
        int comma = v.indexOf(',');
        if (v.startsWith("data:") && comma > 0) { // a data URL from a browser
            v = v.substring(comma + 1);
        }
        try {
            return Base64.getMimeDecoder().decode(v);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, field + " is not valid Base64");
        }
    }

    private static void checkSize(String field, int w, int h) {
        if (w > MAX_SIDE || h > MAX_SIDE) {
            throw ApiException.badRequest(field, field + " is " + w + "x" + h + ", larger than " + MAX_SIDE
                    + " pixels a side");
        }
    }
}
