package io.sam6d.vision.synthetic;

/**
 * How {@link DepthNoise} degrades a perfect depth map into one that looks like an active stereo camera's (Intel
 * RealSense D400): noise that grows with the square of the distance, depth quantised in disparity, pixels lost at
 * depth edges, on grazing and on dark surfaces, and near and far limits. Public fields with defaults; call
 * {@link #checkValidity()} after changing them.
 */
public class ConfigDepthNoise {

    /** Stereo baseline, mm (D435: 50). With the focal length it turns disparity errors into depth errors. */
    public double baselineMm = 50;

    /**
     * Standard deviation of the disparity error, pixels. Depth error = z^2 x this / (f x baseline): with the
     * defaults and f = 615 px about 0.7 mm at 0.5 m, 2.6 mm at 1 m and 5.9 mm at 1.5 m.
     */
    public double disparityNoisePx = 0.08;

    /** Disparity is quantised to multiples of this, pixels (the matcher's sub-pixel resolution). */
    public double disparityStepPx = 1.0 / 32;

    /** A pixel is on a depth edge when a 4-neighbour's depth differs by more than this fraction of its own. */
    public double edgeJumpFraction = 0.03;

    /** Probability that a depth-edge pixel is lost (its 4-neighbours are lost with half of it). */
    public double edgeDropProbability = 0.7;

    /** From this angle between the surface normal and the line of sight on, pixels start to be lost, degrees. */
    public double grazingStartDeg = 65;

    /** At and beyond this angle every pixel is lost, degrees; in between the chance rises linearly. */
    public double grazingAllDeg = 82;

    /** Pixels whose colour is darker than this (luminance 0..255) may be lost (too little texture or signal). */
    public double darkThreshold = 30;

    /** Probability that a dark pixel is lost. */
    public double darkDropProbability = 0.6;

    /** Probability that any pixel is lost. */
    public double randomDropProbability = 0.002;

    /** Nearest measurable depth, mm. */
    public double minRangeMm = 200;

    /** Farthest measurable depth, mm. */
    public double maxRangeMm = 4000;

    /** Standard deviation of the Gaussian noise added to each colour channel, 0..255 levels. */
    public double rgbNoise = 2.0;

    /** Per image, the colour image's brightness is scaled by a factor drawn evenly from 1 -/+ this (exposure). */
    public double rgbGainSpread = 0;

    /** Per image and channel, a further factor drawn evenly from 1 -/+ this (white balance). */
    public double rgbChannelSpread = 0;

    public void checkValidity() {
        if (!(baselineMm > 0)) {
            throw new IllegalArgumentException("baselineMm must be > 0");
        }
        if (!(disparityNoisePx >= 0) || !(disparityStepPx >= 0)) {
            throw new IllegalArgumentException("disparityNoisePx and disparityStepPx must be >= 0");
        }
        for (double p : new double[] {edgeDropProbability, darkDropProbability, randomDropProbability}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probabilities must be in 0..1, got " + p);
            }
        }
        if (!(edgeJumpFraction > 0)) {
            throw new IllegalArgumentException("edgeJumpFraction must be > 0");
        }
        if (!(grazingStartDeg >= 0 && grazingStartDeg < grazingAllDeg && grazingAllDeg <= 90)) {
            throw new IllegalArgumentException("need 0 <= grazingStartDeg < grazingAllDeg <= 90");
        }
        if (!(minRangeMm >= 0 && minRangeMm < maxRangeMm)) {
            throw new IllegalArgumentException("need 0 <= minRangeMm < maxRangeMm");
        }
        if (!(rgbNoise >= 0)) {
            throw new IllegalArgumentException("rgbNoise must be >= 0");
        }
        if (!(rgbGainSpread >= 0 && rgbGainSpread < 1) || !(rgbChannelSpread >= 0 && rgbChannelSpread < 1)) {
            throw new IllegalArgumentException("rgbGainSpread and rgbChannelSpread must be in [0, 1)");
        }
    }
}
