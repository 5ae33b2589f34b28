package io.sam6d.vision.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.vision.geometry.CameraIntrinsics;

/**
 * A BOP-style camera: {@code cam_K}, 9 numbers row-major {@code [fx, 0, cx, 0, fy, cy, 0, 0, 1]} in pixels, and
 * {@code depth_scale}, millimetres per raw depth unit (1 when absent). A {@code camera.json} holds one camera at its
 * top level or is a one-frame {@code scene_camera.json} ({@code {"0": {...}}}); a BOP scene's
 * {@code scene_camera.json} holds one per image ({@link #of}). The one reader of these files for the whole suite, so
 * requests, benchmarks and datasets follow the same rules.
 *
 * @param camK       the 9 numbers as given (not rebuilt from the intrinsics)
 * @param depthScale millimetres per raw depth unit, &gt; 0
 */
public record CameraFile(double[] camK, double depthScale) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public CameraIntrinsics intrinsics() {
        return CameraIntrinsics.fromCamK(camK);
    }

    /**
     * Reads a {@code camera.json}.
     *
     * @throws IllegalArgumentException naming what is wrong (not JSON, no usable {@code cam_K}, a bad
     *                                  {@code depth_scale}); the message does not name the file
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static CameraFile read(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not valid JSON");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        JsonNode cam = root;
        if (root != null && !root.has("cam_K") && root.size() == 1 && root.elements().next().has("cam_K")) {
            cam = root.elements().next();
        }
        return of(cam);
    }

    /**
     * One camera object ({@code {"cam_K": [...], "depth_scale": ...}}).
     *
     * @throws IllegalArgumentException as {@link #read}
     */
    public static CameraFile of(JsonNode cam) {
        JsonNode k = cam == null ? null : cam.get("cam_K");
        if (k == null || !k.isArray() || k.size() != 9) {
            throw new IllegalArgumentException("needs cam_K (9 numbers, row-major [fx, 0, cx, 0, fy, cy, 0, 0, 1]) and"
                    + " depth_scale");
        }
        double[] camK = new double[9];
        for (int i = 0; i < 9; i++) {
            if (!k.get(i).isNumber()) {
                throw new IllegalArgumentException("cam_K must hold 9 numbers");
            }
            camK[i] = k.get(i).asDouble();
        }
        CameraIntrinsics.fromCamK(camK);
        double depthScale = 1.0;
        if (cam.has("depth_scale")) {
            JsonNode s = cam.get("depth_scale");
            depthScale = s.isNumber() ? s.asDouble() : Double.NaN;
        }
        if (!(depthScale > 0) || !Double.isFinite(depthScale)) {
            throw new IllegalArgumentException("depth_scale must be a positive number (mm per depth unit)");
        }
        return new CameraFile(camK, depthScale);
    }
}
