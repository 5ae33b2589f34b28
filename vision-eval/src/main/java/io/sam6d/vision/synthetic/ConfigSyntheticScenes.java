package io.sam6d.vision.synthetic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sam6d.vision.geometry.CameraIntrinsics;

/**
 * Settings of {@link SyntheticScenes}. Public fields with defaults; call {@link #checkValidity()} after changing
 * them. Lengths in mm, angles in degrees. The defaults give objects set apart on a table; {@link #preset(String)}
 * {@code "clutter"} gives touching, stacked and leaning objects among distractors, in front of walls, shelves, bins
 * or boxes, mostly 30-80 % hidden.
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

    /** Smallest gap between two objects placed freely, mm. */
    public double clearanceMm = 5;

    /** Chance that an object is pushed against one already placed until they (nearly) touch. */
    public double touchingProbability = 0;

    /** Gap between touching objects' hulls, drawn evenly from 0 to this, mm (concave objects may look further apart). */
    public double touchingGapMm = 2;

    /** Chance that an object is stood on the flat top of one already placed (a box on a box, a can on a box). */
    public double stackingProbability = 0;

    /** A stacked object's centre of mass is at least this far inside what holds it up, mm. */
    public double stackMarginMm = 4;

    /**
     * Chance that an object is tipped past the point where it would fall over, its lowest point on the table, and
     * pushed against a neighbour that holds it (an approximation of leaning: hulls touch, nothing interpenetrates).
     */
    public double leaningProbability = 0;

    /** Chance that a further object of the scene is another copy of one already chosen. */
    public double duplicateProbability = 0;

    /** BOP {@code models/} directories of other datasets whose models are put in as distractors (never asked for). */
    public List<Path> distractorModelsDirs = new ArrayList<>();

    /** Distractor models per scene, at least and at most (fewer when there are fewer models). */
    public int minDistractors = 0;

    public int maxDistractors = 0;

    /** Simple distractors per scene (boxes and cylinders of random size and colour), at least and at most. */
    public int minShapes = 0;

    public int maxShapes = 0;

    /** Half the side of a room around the table whose walls close low views (0: none, the view ends in black), mm. */
    public double roomHalfSizeMm = 0;

    /** What stands around the objects; each scene takes one at random. */
    public List<Background> backgrounds = new ArrayList<>(List.of(Background.TABLE));

    /**
     * Wanted range of the mean hidden fraction (1 - {@code visib_fract}) of an image's ground-truth objects: of
     * {@link #cameraTries} camera positions, the first whose estimate is in range is taken, else the closest.
     */
    public double minOcclusion = 0;

    public double maxOcclusion = 1;

    /**
     * Camera positions tried per image for {@link #minOcclusion}..{@link #maxOcclusion}; a position that hides more
     * than {@link #maxHiddenFraction} of the objects almost wholly (visible fraction below 0.1) is not in range.
     */
    public int cameraTries = 1;

    public double maxHiddenFraction = 1;

    /** Chance that the camera looks across a distractor at the objects, so that it hides some of them. */
    public double occluderProbability = 0;

    /**
     * Paint models without colours (the YCB-Video models) a random colour per instance, varied per vertex, as their
     * real print would be; the ground-truth models stay as they are.
     */
    public boolean paintColourless = false;

    /** Millimetres per raw unit of the written depth PNGs (0.1 as YCB-Video: 0.1 mm steps up to 6.5 m). */
    public double depthScale = 0.1;

    /** The BOP split the scenes are written to ({@code <output>/<split>/<scene>/}). */
    public String split = "test";

    /** Scenes generated at once; 0 uses every processor. Does not change the output. */
    public int threads = 0;

    /** How the depth (and colour) are degraded. */
    public ConfigDepthNoise noise = new ConfigDepthNoise();

    /**
     * Named settings: {@code default} (objects set apart on a table) or {@code clutter} (4-9 objects and up to 6
     * distractors per scene, touching, stacked and leaning, any background, low cameras, 30-80 % mean occlusion,
     * stronger colour noise). Distractor models are not part of a preset: add their directories.
     */
    public static ConfigSyntheticScenes preset(String name) {
        ConfigSyntheticScenes c = new ConfigSyntheticScenes();
        switch (name.strip().toLowerCase(Locale.ROOT)) {
            case "default" -> {
                return c;
            }
            case "clutter" -> {
                c.minObjects = 4;
                c.maxObjects = 9;
                c.placementRadiusMm = 150;
                c.clearanceMm = 2;
                c.touchingProbability = 0.5;
                c.touchingGapMm = 2;
                c.stackingProbability = 0.25;
                c.leaningProbability = 0.15;
                c.duplicateProbability = 0.1;
                c.minDistractors = 1;
                c.maxDistractors = 3;
                c.minShapes = 1;
                c.maxShapes = 3;
                c.backgrounds = new ArrayList<>(List.of(Background.values()));
                c.minDistanceMm = 450;
                c.maxDistanceMm = 1000;
                c.minElevationDeg = 10;
                c.maxElevationDeg = 70;
                c.minOcclusion = 0.3;
                c.maxOcclusion = 0.8;
                c.cameraTries = 8;
                c.maxHiddenFraction = 0.2;
                c.roomHalfSizeMm = 1200;
                c.occluderProbability = 0.4;
                c.paintColourless = true;
                c.noise.rgbNoise = 4;
                c.noise.rgbGainSpread = 0.25;
                c.noise.rgbChannelSpread = 0.08;
                return c;
            }
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (default, clutter)");
        }
    }

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
        if (!(placementRadiusMm > 0) || !(clearanceMm >= 0) || !(touchingGapMm >= 0) || !(stackMarginMm >= 0)) {
            throw new IllegalArgumentException("placementRadiusMm must be > 0, clearanceMm, touchingGapMm and"
                    + " stackMarginMm >= 0");
        }
        for (double p : new double[] {touchingProbability, stackingProbability, leaningProbability,
            duplicateProbability, occluderProbability}) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("probabilities must be in 0..1, got " + p);
            }
        }
        if (minDistractors < 0 || maxDistractors < minDistractors || minShapes < 0 || maxShapes < minShapes) {
            throw new IllegalArgumentException("need 0 <= minDistractors <= maxDistractors and 0 <= minShapes <="
                    + " maxShapes");
        }
        if (maxDistractors > 0 && (distractorModelsDirs == null || distractorModelsDirs.isEmpty())) {
            throw new IllegalArgumentException("distractors asked for but no distractorModelsDirs given");
        }
        if (backgrounds == null || backgrounds.isEmpty()) {
            throw new IllegalArgumentException("name at least one background");
        }
        if (!(minOcclusion >= 0 && maxOcclusion <= 1 && minOcclusion <= maxOcclusion)) {
            throw new IllegalArgumentException("need 0 <= minOcclusion <= maxOcclusion <= 1");
        }
        if (cameraTries < 1 || !(maxHiddenFraction >= 0 && maxHiddenFraction <= 1)) {
            throw new IllegalArgumentException("cameraTries must be >= 1 and maxHiddenFraction in 0..1");
        }
        if (!(roomHalfSizeMm == 0 || roomHalfSizeMm > placementRadiusMm + 200 && roomHalfSizeMm <= 1200)) {
            throw new IllegalArgumentException("roomHalfSizeMm must be 0 or between placementRadiusMm + 200 and 1200"
                    + " (the table's edge)");
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
