package io.sam6d.vision.synthetic;

import io.sam6d.vision.geometry.CameraIntrinsics;

/**
 * Settings of {@link SyntheticScenes}. Public fields with defaults; call {@link #checkValidity()} after changing
 * them. Lengths in mm, angles in degrees.
 */
public class ConfigSyntheticScenes {

    /** Fewest objects per scene. */
    public int minObjects = 1;

    /** Most objects per scene (fewer when the dataset has fewer models or they do not fit on the table). */
    public int maxObjects = 6;

    /** Object ids to choose from; null for every model in {@code models_info.json}. */
    public int[] objectIds = null;

    /** Image size, pixels. */
    public int width = 640;

    public int height = 480;

    /** Intrinsics of the camera at {@link #width} x {@link #height} (default: a RealSense D435 colour camera). */
    public CameraIntrinsics camera = new CameraIntrinsics(615.0, 615.0, 319.5, 239.5);

    /** Camera distance from the point it looks at on the table, mm. */
    public double minDistanceMm = 500;

    public double maxDistanceMm = 1500;

    /** Camera elevation above the table plane, degrees (90: straight down). */
    public double minElevationDeg = 25;

    public double maxElevationDeg = 85;

    /** Objects' centres lie within this distance of the table centre, mm. */
    public double placementRadiusMm = 220;

    /** Smallest gap between two objects' footprints, mm. */
    public double clearanceMm = 5;

    /** Millimetres per raw unit of the written depth PNGs (0.1 as YCB-Video: 0.1 mm steps up to 6.5 m). */
    public double depthScale = 0.1;

    /** The BOP split the scenes are written to ({@code <output>/<split>/<scene>/}). */
    public String split = "test";

    /** Scenes generated at once; 0 uses every processor. Does not change the output. */
    public int threads = 0;

    /** How the depth (and colour) are degraded. */
    public ConfigDepthNoise noise = new ConfigDepthNoise();

    public void checkValidity() {
        if (minObjects < 1 || maxObjects < minObjects) {
            throw new IllegalArgumentException("need 1 <= minObjects <= maxObjects, got " + minObjects + ".."
                    + maxObjects);
        }
        if (width < 16 || height < 16 || width > 4096 || height > 4096) {
            throw new IllegalArgumentException("image size must be 16..4096 per side");
        }
        if (!(minDistanceMm > 0 && maxDistanceMm >= minDistanceMm)) {
            throw new IllegalArgumentException("need 0 < minDistanceMm <= maxDistanceMm");
        }
        if (!(minElevationDeg > 0 && maxElevationDeg >= minElevationDeg && maxElevationDeg <= 90)) {
            throw new IllegalArgumentException("need 0 < minElevationDeg <= maxElevationDeg <= 90");
        }
        if (!(placementRadiusMm > 0) || !(clearanceMm >= 0)) {
            throw new IllegalArgumentException("placementRadiusMm must be > 0 and clearanceMm >= 0");
        }
        if (!(depthScale > 0)) {
            throw new IllegalArgumentException("depthScale must be > 0");
        }
        if (split == null || !split.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("split must be a plain directory name");
        }
        if (threads < 0) {
            throw new IllegalArgumentException("threads must be >= 0");
        }
        noise.checkValidity();
    }
}
