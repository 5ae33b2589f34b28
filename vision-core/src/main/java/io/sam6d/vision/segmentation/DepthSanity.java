package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sam6d.vision.image.RgbdFrame;

/**
 * Plain-language warnings about a frame's depth: none at all, very little, or a scale that makes the scene
 * implausible for the objects' size (the usual metres-for-millimetres mistake), with the likely fix.
 */
final class DepthSanity {

    /** Working range assumed for RGB-D cameras, mm: a scene's median depth outside it is suspicious. */
    static final double NEAREST_MM = 100;
    static final double FARTHEST_MM = 10_000;

    private DepthSanity() {
    }

    /**
     * @param minDiameterMm smallest diameter among the objects asked for
     * @param maxDiameterMm largest
     */
    static List<String> check(RgbdFrame frame, double minDiameterMm, double maxDiameterMm) {
        List<String> warnings = new ArrayList<>();
        float[] mm = frame.depth().mm();
        int valid = 0;
        for (float d : mm) {
            if (d > 0 && Float.isFinite(d)) {
                valid++;
            }
        }
        if (valid == 0) {
            warnings.add("the depth image has no valid pixel (all zero): objects cannot be found without depth");
            return warnings;
        }
        if (valid < 0.1 * mm.length) {
            warnings.add(String.format(Locale.ROOT,
                    "only %.1f%% of the depth pixels are valid: objects without depth cannot be found",
                    100.0 * valid / mm.length));
        }
        double median = frame.depth().medianValid();
        double fx = frame.camera().fx();
        double[] range = range(frame, minDiameterMm, maxDiameterMm);
        double lo = range[0], hi = range[1];
        if (median >= lo && median <= hi) {
            return warnings;
        }
        String expected = String.format(Locale.ROOT, "%s to %s", length(lo), length(hi));
        String sizes = minDiameterMm == maxDiameterMm ? String.format(Locale.ROOT, "%.0f mm", minDiameterMm)
                : String.format(Locale.ROOT, "%.0f-%.0f mm", minDiameterMm, maxDiameterMm);
        StringBuilder msg = new StringBuilder(String.format(Locale.ROOT,
                "median depth is %s, implausible for objects of %s seen with fx = %.0f px (expected about %s)",
                length(median), sizes, fx, expected));
        int exp = bestPowerOfTen(median, lo, hi);
        if (exp != 0) {
            double factor = Math.pow(10, exp);
            String unit = switch (exp) {
                case 3 -> "the depth is probably in metres, not millimetres";
                case 2 -> "the depth is probably in decimetres or the scale is off by 100";
                case 1 -> "the depth is probably in centimetres, not millimetres";
                case -1 -> "the depth is probably in tenths of a millimetre (scale 0.1)";
                case -3 -> "the depth is probably in micrometres, or depth_scale was already applied twice";
                default -> "the depth scale is probably off by a power of ten";
            };
            msg.append(String.format(Locale.ROOT, "; %s: multiply depth_scale by %s (median would be %s)", unit,
                    factor >= 1 ? String.format(Locale.ROOT, "%.0f", factor) : String.format(Locale.ROOT, "%s", factor),
                    length(median * factor)));
        } else {
            msg.append("; check depth_scale (mm per depth unit) and that the depth image belongs to this camera");
        }
        warnings.add(msg.toString());
        return warnings;
    }

    /** True when the frame has no valid depth or its median depth is outside the plausible range. */
    static boolean implausible(RgbdFrame frame, double minDiameterMm, double maxDiameterMm) {
        double median = frame.depth().medianValid();
        if (!(median > 0)) {
            return true;
        }
        double[] range = range(frame, minDiameterMm, maxDiameterMm);
        return median < range[0] || median > range[1];
    }

    /** Plausible median depths {lo, hi} in mm for these object sizes and this camera. */
    static double[] range(RgbdFrame frame, double minDiameterMm, double maxDiameterMm) {
        double fx = frame.camera().fx();
        int width = frame.width();
        // an object should neither fill several images nor shrink to a few pixels
        double lo = Math.max(NEAREST_MM, minDiameterMm * fx / (1.5 * width));
        double hi = Math.min(FARTHEST_MM, Math.max(maxDiameterMm * fx / 15, lo * 2));
        return new double[] {lo, hi};
    }

    /** The power of ten (-4..4) that brings the median closest to the middle of [lo, hi] (log scale), 0 if none helps. */
    static int bestPowerOfTen(double median, double lo, double hi) {
        double target = Math.sqrt(lo * hi);
        int best = 0;
        double bestErr = Double.MAX_VALUE;
        for (int e = -4; e <= 4; e++) {
            double m = median * Math.pow(10, e);
            if (m < lo || m > hi) {
                continue;
            }
            double err = Math.abs(Math.log(m / target));
            if (err < bestErr) {
                bestErr = err;
                best = e;
            }
        }
        return best;
    }

    private static String length(double mm) {
        if (mm >= 1000) {
            return String.format(Locale.ROOT, "%.3g m", mm / 1000);
        }
        if (mm >= 1) {
            return String.format(Locale.ROOT, "%.0f mm", mm);
        }
        return String.format(Locale.ROOT, "%.2g mm", mm);
    }
}
