package io.sam6d.vision.synthetic;

import java.util.Random;

import io.sam6d.vision.geometry.CameraIntrinsics;

/** Degrades perfect renders into camera-like measurements (see {@link ConfigDepthNoise}). Stateless. */
public final class DepthNoise {

    private DepthNoise() {
    }

    /**
     * A degraded copy of a depth map.
     *
     * @param depthMm     perfect depth along the optical axis, mm, 0 where empty; not modified
     * @param normalsCam  unit surface normals in the camera frame, 3 per pixel, or null to skip grazing losses
     * @param rgb         the colour image (r, g, b bytes), or null to skip dark-surface losses
     * @param random      the only source of randomness: the same seed gives the same result
     * @return measured depth in mm, 0 where the camera would have no measurement
     */
    public static float[] degradeDepth(float[] depthMm, float[] normalsCam, byte[] rgb, int width, int height,
            CameraIntrinsics camera, ConfigDepthNoise config, Random random) {
        config.checkValidity();
        int n = width * height;
        float[] out = new float[n];
        boolean[] lost = new boolean[n];
        double cosStart = Math.cos(Math.toRadians(config.grazingStartDeg));
        double cosAll = Math.cos(Math.toRadians(config.grazingAllDeg));
        double fB = camera.fx() * config.baselineMm;
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i++) {
                float z = depthMm[i];
                if (!(z > 0)) {
                    lost[i] = true;
                    continue;
                }
                if (z < config.minRangeMm || z > config.maxRangeMm
                        || random.nextDouble() < config.randomDropProbability) {
                    lost[i] = true;
                    continue;
                }
                if (normalsCam != null) {
                    double rx = (x - camera.cx()) / camera.fx(), ry = (y - camera.cy()) / camera.fy();
                    double len = Math.sqrt(rx * rx + ry * ry + 1);
                    double cos = Math.abs(normalsCam[3 * i] * rx + normalsCam[3 * i + 1] * ry + normalsCam[3 * i + 2])
                            / len;
                    if (cos <= cosAll || cos < cosStart && random.nextDouble() < (cosStart - cos) / (cosStart - cosAll)) {
                        lost[i] = true;
                        continue;
                    }
                }
                if (rgb != null) {
                    double lum = 0.299 * (rgb[3 * i] & 0xFF) + 0.587 * (rgb[3 * i + 1] & 0xFF)
                            + 0.114 * (rgb[3 * i + 2] & 0xFF);
                    if (lum < config.darkThreshold && random.nextDouble() < config.darkDropProbability) {
                        lost[i] = true;
                    }
                }
            }
        }
        // depth edges: stereo matching fails where the surface jumps
        boolean[] edgeLost = new boolean[n];
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i++) {
                float z = depthMm[i];
                if (!(z > 0)) {
                    continue;
                }
                double jump = config.edgeJumpFraction * z;
                boolean edge = x > 0 && Math.abs(depthMm[i - 1] - z) > jump
                        || x + 1 < width && Math.abs(depthMm[i + 1] - z) > jump
                        || y > 0 && Math.abs(depthMm[i - width] - z) > jump
                        || y + 1 < height && Math.abs(depthMm[i + width] - z) > jump;
                if (edge && random.nextDouble() < config.edgeDropProbability) {
                    edgeLost[i] = true;
                    if (x > 0 && random.nextDouble() < 0.5) {
                        edgeLost[i - 1] = true;
                    }
                    if (x + 1 < width && random.nextDouble() < 0.5) {
                        edgeLost[i + 1] = true;
                    }
                    if (y > 0 && random.nextDouble() < 0.5) {
                        edgeLost[i - width] = true;
                    }
                    if (y + 1 < height && random.nextDouble() < 0.5) {
                        edgeLost[i + width] = true;
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            if (lost[i] || edgeLost[i]) {
                continue;
            }
            // noise and quantisation in disparity, which makes the depth error grow with z^2
            double d = fB / depthMm[i] + random.nextGaussian() * config.disparityNoisePx;
            if (config.disparityStepPx > 0) {
                d = Math.round(d / config.disparityStepPx) * config.disparityStepPx;
            }
            out[i] = d > 0 ? (float) (fB / d) : 0;
        }
        return out;
    }

    /**
     * A copy of an RGB image scaled by a random exposure and white balance ({@link ConfigDepthNoise#rgbGainSpread},
     * {@link ConfigDepthNoise#rgbChannelSpread}) with Gaussian noise of {@link ConfigDepthNoise#rgbNoise} levels on
     * every channel.
     */
    public static byte[] degradeRgb(byte[] rgb, ConfigDepthNoise config, Random random) {
        byte[] out = rgb.clone();
        double[] gain = {1, 1, 1};
        if (config.rgbGainSpread > 0 || config.rgbChannelSpread > 0) {
            double g = 1 + (2 * random.nextDouble() - 1) * config.rgbGainSpread;
            for (int c = 0; c < 3; c++) {
                gain[c] = g * (1 + (2 * random.nextDouble() - 1) * config.rgbChannelSpread);
            }
        } else if (config.rgbNoise <= 0) {
            return out;
        }
        for (int i = 0; i < out.length; i++) {
            double noise = config.rgbNoise > 0 ? random.nextGaussian() * config.rgbNoise : 0;
            long v = Math.round((out[i] & 0xFF) * gain[i % 3] + noise);
            out[i] = (byte) Math.max(0, Math.min(255, v));
        }
        return out;
    }
}
