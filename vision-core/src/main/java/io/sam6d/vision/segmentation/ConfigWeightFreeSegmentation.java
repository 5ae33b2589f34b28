package io.sam6d.vision.segmentation;

import io.sam6d.vision.pose.ConfigIcp;
import io.sam6d.vision.pose.ConfigPpf;

/**
 * Settings of {@link WeightFreeSegmenter}. Lengths in millimetres, angles in degrees, fractions in 0..1. Depth
 * tolerances grow with distance as {@code max(minMm, relative * depthMm)} because the depth noise of structured
 * light and time-of-flight cameras does.
 */
public class ConfigWeightFreeSegmentation {

    // ---- scene: normals, support plane, proposals ----

    /** Side of the square over which surface normals are estimated, mm (converted to pixels per depth). */
    public double normalSupportMm = 8;

    /** Depth step between neighbouring pixels above which they lie on different surfaces: floor, mm. */
    public double jumpMinMm = 6;

    /** Depth step between neighbouring pixels above which they lie on different surfaces: fraction of depth. */
    public double jumpRelative = 0.015;

    /**
     * Angle between surface normals across a concave fold above which a proposal is split there (two objects
     * pressed together, an object standing on another). Convex folds (box edges) never split.
     */
    public double creaseAngleDeg = 35;

    /** Look for a large supporting plane (table, floor) and take it out of the proposals. */
    public boolean removeSupportPlane = true;

    /** Distance to the support plane within which a point belongs to it: floor, mm. */
    public double planeDistanceMinMm = 7;

    /** Distance to the support plane within which a point belongs to it: fraction of depth. */
    public double planeDistanceRelative = 0.010;

    /** RANSAC iterations of the support plane search. */
    public int planeIterations = 250;

    /**
     * A plane counts as support only if its inliers spread (in their narrower direction) over at least this many
     * times the widest face any requested object has (its middle extent: a big box face seen up close is not taken
     * for the table). Measured against the faces, not the diameters: with the diameters, asking for one more large
     * object (all 21 YCB-Video objects) made the paper-covered desk of real YCB-Video frame 3/138, 280-310 mm across
     * in view, no support, and the gelatin box on it merged with the desk into one proposal.
     */
    public double planeMinExtentFaces = 1.3;

    /** Also drop everything beyond the support plane (the floor under a table). */
    public boolean removeBeyondPlane = true;

    /** Further large planes (walls, a second table) removed after the support plane. */
    public int extraPlanes = 0;

    /** Smallest visible part of an object that is looked for, as a fraction of its unoccluded silhouette. */
    public double minVisibleFraction = 0.15;

    // ---- templates: what prepare() computes ----

    /** Viewing directions sampled over the sphere for the model's templates. */
    public int viewCount = 240;

    /** In-plane rotations tried per viewing direction. */
    public int inPlaneSteps = 24;

    /** Surface points per template used for the fast depth and normal comparison. */
    public int featuresPerView = 64;

    /** Surface points sampled from the model for rendering its silhouette and depth. */
    public int densePoints = 30000;

    // ---- hypotheses and verification ----

    /** Rough poses per proposal kept after the template comparison and refined by local search. */
    public int hypothesesPerProposal = 6;

    /** A proposal whose best template score stays below this is not refined further (0..1). */
    public double minTemplateScore = 0.2;

    /**
     * Objects refined and verified per proposal: those whose template search fits it best (every asked object is
     * searched on every proposal of a plausible size). A speed setting for many asked objects, off by default: with 3
     * (and {@link #rivalTemplateRatio} 0.5) the tuning sets lost a tenth of their found instances (ycbv-clutter-tune
     * 65 to 56 of 89, real YCB-V 51 to 47 of 53) for about 10 % less time.
     */
    public int objectsPerProposal = Integer.MAX_VALUE;

    /**
     * An object is refined on a proposal only when its best template score there reaches this share of the best
     * object's (0: no such limit; see {@link #objectsPerProposal}).
     */
    public double rivalTemplateRatio = 0;

    /** Refined poses per proposal that are verified (rendered and compared pixel by pixel). */
    public int verifiedPerProposal = 2;

    /** A proposal verified at least this well needs no point-pair vote. */
    public double confidentScore = 0.65;

    /** A proposal's best pose scoring at least this is refined once more on the points of its own mask. */
    public double polishScore = 0.3;

    /** Also vote for poses with point-pair features on each proposal (more robust under occlusion, slower). */
    public boolean usePpf = true;

    /** Pose clusters from the point-pair voting refined per proposal. */
    public int ppfHypotheses = 3;

    /**
     * Also look for the object over the whole scene, without a proposal: point-pair voting with reference points
     * spread over every surface but the support plane. Finds objects that touch, lie on or are partly hidden by
     * others, which no depth-connected proposal isolates.
     */
    public boolean sceneWide = true;

    /**
     * The scene-wide vote takes no reference points on flat background: connected surfaces larger than every asked
     * object and thinner than {@link #flatBackgroundMm} (a wall, a shelf board, a box side). On the tuning sets this
     * found the same instances with one false detection fewer (ycbv-clutter-tune) and about 7 % less time.
     */
    public boolean skipFlatBackground = true;

    /** Thickness (4 standard deviations across the surface, mm) below which a large surface is flat background. */
    public double flatBackgroundMm = 12;

    /**
     * Most reference points of the scene-wide vote, taken from the subsampled surface points that no pose found on
     * the proposals explains: {@link #sceneReferenceFairShare} of them shared fairly among the scene's surfaces, the
     * rest spread evenly (Drost et al.'s every fifth point, evenly thinned, gave a small visible piece of an occluded
     * object one or two references next to a bin's hundreds). 400 chosen on the tuning sets: with the fair share alone,
     * 300 and 600 each found 2 instances fewer on ycbv-clutter-tune + lmo-clutter-tune (600 also 50 % slower).
     */
    public int sceneReferencePoints = 400;

    /**
     * The part of {@link #sceneReferencePoints} shared max-min fairly among the surfaces (each surface as many as the
     * largest ones get, or all of its own); the rest is spread evenly, by area. Chosen on the tuning data against
     * every fifth point (0 here, roughly): 1 found 64 instead of 61 instances on ycbv-clutter-tune (ADD(-S) 0.500 ->
     * 0.547) and 74 as before on lmo-clutter-tune (0.811 -> 0.833) but lost the duck on the real LM-O frame, whose
     * surface the crowded board merges with its neighbours; 0.5 found 62 (0.523) and 74 (0.822) and keeps all five
     * objects of the real LM-O frame. The real frames decide.
     */
    public double sceneReferenceFairShare = 0.5;

    /** Fewer unexplained reference points than this: no scene-wide vote (nothing left to explain). */
    public int minSceneReferences = 10;

    /** Vote clusters of the scene-wide vote that are ranked by the template score. */
    public int sceneClusters = 60;

    /** Best distinct scene-wide hypotheses per object refined by ICP and verified. */
    public int sceneHypothesesRefined = 12;

    /** The point-pair-feature model built in prepare() and its matching (io.sam6d.vision.pose). */
    public ConfigPpf ppf = defaultPpf();

    /** The point-to-plane ICP that refines every pose hypothesis on the proposal's points. */
    public ConfigIcp icp = defaultIcp();

    /** The ICP of the last round on a pose's own mask: more points, tighter pairs. */
    public ConfigIcp polishIcp = polishIcp();

    /** Depth agreement tolerance between the posed model and the scene: floor, mm. */
    public double fitMinMm = 8;

    /** Depth agreement tolerance between the posed model and the scene: fraction of depth. */
    public double fitRelative = 0.012;

    /**
     * Score in 0..1 below which an instance is not reported. On the real YCB-Video frames right detections score
     * from about 0.65 up and wrong ones (objects asked for but absent) below about 0.56.
     */
    public double minScore = 0.6;

    /**
     * Share of a pose's silhouette that must have depth to be judged in full; below it the score falls with the
     * square of the shortfall. Right poses on the tuning frames (real YCB-V scenes 0, 1, 3 and ycbv-clutter-tune)
     * have at least 0.64 of their silhouette on depth; a model hanging over a region without depth has far less.
     * Black objects lose depth over much of their surface: the black driller of lmo-clutter-tune frame 0/0, wholly
     * visible, has 0.53 of its true silhouette on depth and scored 0.59 there (at 0.6), while a false glue took its
     * place. 0.55 finds it (lmo-clutter-tune 76 -> 77 instances, 10 -> 9 false detections) and changed nothing else on
     * the tuning data; 0.5 did the same on lmo-clutter-tune but added a false detection over the empty (depthless)
     * background of the synthetic shared frame.
     */
    public double minKnownFraction = 0.55;

    /**
     * How much an outline pixel counts as a real edge when the camera measured no depth beyond it, however far the
     * check looks (0..1; 1 for a depth step). Such outlines are common: sensor shadows beside every edge, far
     * background out of range, black surfaces. 0.75 and 1 found the same instances as 0.5 on the tuning sets
     * (real YCB-V scenes 0, 1, 3; lmo-clutter-tune), so the neutral value stays.
     */
    public double noDepthOutlineSupport = 0.5;

    /**
     * How far inside a pose's outline the outline check looks for the object's own surface before it counts the
     * outline pixel as contradicted (the camera seeing past the model there), in rims (a rim is 4.5 mm at the
     * object's depth, 1-6 px) plus 2 px. Depth sensors lose or smear an object's outline over a few pixels, more on
     * black surfaces and at grazing angles: at 1 rim the black driller of lmo-clutter-tune at its true pose had 280
     * contradicted outline pixels against 1181 counted (118 at 2 rims, 66 at 3), and its right poses, like the black
     * extra large clamp's on real frame 3/138, scored 0.52-0.58, below {@link #minScore}. 2, chosen on
     * lmo-clutter-tune, ycbv-clutter-tune and the real frames, found 2, 1 and 1 more instances there (the clamp's
     * place was taken by a false large clamp before) with no more false detections; 3 found one more instance on
     * lmo-clutter-tune but 3 more false detections on the tuning sets and one right pose less on the real frames.
     * Counting contradicted pixels half instead found the same as 2 on the tuning sets but lost the duck of the real
     * LM-O frame to a can pose pushed over it.
     */
    public int outlineReachRims = 2;

    /**
     * Where a pose's outline runs along the foot of the object, the outline check cannot see an edge: the object's
     * base and the surface it stands on lie within the sensor's noise of each other (Kinect-like sensors step 3 mm at
     * 1 m), and the pixels next to it are neither clearly the support plane nor clearly the object. An outline pixel
     * that shows no depth step or fold, but whose object surface beside it and scene surface beyond it both lie
     * within this many support-plane tolerances ({@link #planeDistanceMinMm}, {@link #planeDistanceRelative}) of the
     * support plane, counts as undecided (half, like no depth), not as the same surface going on (0 turns this off). On the real LM-O frame the
     * holepuncher's right pose had 24 of 192 outline pixels along its foot counted as "the surface goes on" and
     * scored 0.55, below {@link #minScore}; at 1.5 it scores 0.65 and is found. On the other tuning data (the real
     * YCB-V frames, lmo-clutter-tune, ycbv-clutter-tune) 1.5 and 2 changed nothing but one false detection less on
     * ycbv-clutter-tune, so the narrower band. Looking further out past such pixels instead (3 steps, not 2) found
     * the holepuncher too but made 6 more false detections on the tuning data.
     */
    public double contactBandPlaneTols = 1.5;

    /**
     * Mean agreement of the posed model's surface normals with the scene's below which a pose scores 0. Chosen on the
     * tuning data (real YCB-V scenes 0, 1, 3 with all 21 objects asked, ycbv-clutter-tune, lmo-clutter-tune): every
     * right detection agrees at 0.85 or more, while the false ones of a thin cylinder (the large marker) laid along
     * edges and cables agree at 0.74-0.82.
     */
    public double minNormalAgreement = 0.84;

    /** Compare the model's vertex colours with the image when the model has them. */
    public boolean useColor = true;

    /**
     * Colour: hue difference (degrees between the colours' directions away from grey) at which a pixel's colour
     * stops agreeing with the model's; agreement falls linearly to it. Chosen on the LM-O example frame (vertex
     * colours scanned by another camera: right objects differ by up to about 15 degrees).
     */
    public double hueToleranceDeg = 45;

    /**
     * Colour: saturation (distance from grey relative to brightness) below which a colour counts as grey and has no
     * hue.
     */
    public double greySaturation = 0.06;

    /** Most detections returned per object. */
    public int maxDetectionsPerObject = 10;

    /**
     * Two detections whose masks overlap by more than this intersection over union are the same instance: the
     * weaker is dropped (also across objects: one pixel region is one object).
     */
    public double duplicateIou = 0.4;

    /**
     * A detection is dropped when more than this share of the pixels it explains (those whose depth it matches) is
     * explained already by better detections (of any object): a pixel belongs to one object.
     */
    public double maxSharedMask = 0.5;

    /** Match the proposals of a frame in parallel on the common fork-join pool (results do not depend on it). */
    public boolean parallel = true;

    /** Seed of the random choices (RANSAC, point sampling), so results repeat exactly. */
    public long seed = 42;

    public ConfigWeightFreeSegmentation setTo(ConfigWeightFreeSegmentation src) {
        normalSupportMm = src.normalSupportMm;
        jumpMinMm = src.jumpMinMm;
        jumpRelative = src.jumpRelative;
        creaseAngleDeg = src.creaseAngleDeg;
        removeSupportPlane = src.removeSupportPlane;
        planeDistanceMinMm = src.planeDistanceMinMm;
        planeDistanceRelative = src.planeDistanceRelative;
        planeIterations = src.planeIterations;
        planeMinExtentFaces = src.planeMinExtentFaces;
        removeBeyondPlane = src.removeBeyondPlane;
        extraPlanes = src.extraPlanes;
        minVisibleFraction = src.minVisibleFraction;
        viewCount = src.viewCount;
        inPlaneSteps = src.inPlaneSteps;
        featuresPerView = src.featuresPerView;
        densePoints = src.densePoints;
        hypothesesPerProposal = src.hypothesesPerProposal;
        minTemplateScore = src.minTemplateScore;
        objectsPerProposal = src.objectsPerProposal;
        rivalTemplateRatio = src.rivalTemplateRatio;
        verifiedPerProposal = src.verifiedPerProposal;
        confidentScore = src.confidentScore;
        polishScore = src.polishScore;
        usePpf = src.usePpf;
        ppfHypotheses = src.ppfHypotheses;
        sceneWide = src.sceneWide;
        sceneReferencePoints = src.sceneReferencePoints;
        sceneReferenceFairShare = src.sceneReferenceFairShare;
        minSceneReferences = src.minSceneReferences;
        sceneClusters = src.sceneClusters;
        sceneHypothesesRefined = src.sceneHypothesesRefined;
        skipFlatBackground = src.skipFlatBackground;
        flatBackgroundMm = src.flatBackgroundMm;
        ppf = new ConfigPpf().setTo(src.ppf);
        icp = new ConfigIcp().setTo(src.icp);
        polishIcp = new ConfigIcp().setTo(src.polishIcp);
        fitMinMm = src.fitMinMm;
        fitRelative = src.fitRelative;
        minScore = src.minScore;
        minKnownFraction = src.minKnownFraction;
        noDepthOutlineSupport = src.noDepthOutlineSupport;
        outlineReachRims = src.outlineReachRims;
        contactBandPlaneTols = src.contactBandPlaneTols;
        minNormalAgreement = src.minNormalAgreement;
        useColor = src.useColor;
        hueToleranceDeg = src.hueToleranceDeg;
        greySaturation = src.greySaturation;
        maxDetectionsPerObject = src.maxDetectionsPerObject;
        duplicateIou = src.duplicateIou;
        maxSharedMask = src.maxSharedMask;
        parallel = src.parallel;
        seed = src.seed;
        return this;
    }

    public ConfigWeightFreeSegmentation copy() {
        return new ConfigWeightFreeSegmentation().setTo(this);
    }

    /** @throws IllegalArgumentException naming the first field that is out of range */
    public void checkValidity() {
        positive("normalSupportMm", normalSupportMm);
        positive("jumpMinMm", jumpMinMm);
        nonNegative("jumpRelative", jumpRelative);
        range("creaseAngleDeg", creaseAngleDeg, 1, 180);
        positive("planeDistanceMinMm", planeDistanceMinMm);
        nonNegative("planeDistanceRelative", planeDistanceRelative);
        if (planeIterations < 1) {
            throw new IllegalArgumentException("planeIterations must be >= 1");
        }
        positive("planeMinExtentFaces", planeMinExtentFaces);
        if (extraPlanes < 0) {
            throw new IllegalArgumentException("extraPlanes must be >= 0");
        }
        range("minVisibleFraction", minVisibleFraction, 0, 1);
        if (viewCount < 4) {
            throw new IllegalArgumentException("viewCount must be >= 4");
        }
        if (inPlaneSteps < 1) {
            throw new IllegalArgumentException("inPlaneSteps must be >= 1");
        }
        if (featuresPerView < 8) {
            throw new IllegalArgumentException("featuresPerView must be >= 8");
        }
        if (densePoints < 1000) {
            throw new IllegalArgumentException("densePoints must be >= 1000");
        }
        if (hypothesesPerProposal < 1) {
            throw new IllegalArgumentException("hypothesesPerProposal must be >= 1");
        }
        range("minTemplateScore", minTemplateScore, -1, 1);
        if (verifiedPerProposal < 1) {
            throw new IllegalArgumentException("verifiedPerProposal must be >= 1");
        }
        if (objectsPerProposal < 1) {
            throw new IllegalArgumentException("objectsPerProposal must be >= 1");
        }
        range("rivalTemplateRatio", rivalTemplateRatio, 0, 1);
        range("confidentScore", confidentScore, 0, 1);
        range("polishScore", polishScore, 0, 1);
        if (ppfHypotheses < 0) {
            throw new IllegalArgumentException("ppfHypotheses must be >= 0");
        }
        if (!(sceneReferenceFairShare >= 0 && sceneReferenceFairShare <= 1)) {
            throw new IllegalArgumentException("sceneReferenceFairShare must be in [0, 1]");
        }
        if (sceneReferencePoints < 1 || minSceneReferences < 1 || sceneClusters < 1
                || sceneHypothesesRefined < 1) {
            throw new IllegalArgumentException(
                    "sceneReferencePoints, minSceneReferences, sceneClusters and "
                            + "sceneHypothesesRefined must be >= 1");
        }
        if (ppf == null || icp == null || polishIcp == null) {
            throw new IllegalArgumentException("ppf, icp and polishIcp settings must be given");
        }
        ppf.checkValidity();
        icp.checkValidity();
        polishIcp.checkValidity();
        nonNegative("flatBackgroundMm", flatBackgroundMm);
        positive("fitMinMm", fitMinMm);
        nonNegative("fitRelative", fitRelative);
        range("minScore", minScore, 0, 1);
        range("minKnownFraction", minKnownFraction, 0.01, 1);
        if (maxDetectionsPerObject < 1) {
            throw new IllegalArgumentException("maxDetectionsPerObject must be >= 1");
        }
        range("duplicateIou", duplicateIou, 0, 1);
        range("hueToleranceDeg", hueToleranceDeg, 1, 180);
        range("noDepthOutlineSupport", noDepthOutlineSupport, 0, 1);
        range("contactBandPlaneTols", contactBandPlaneTols, 0, 10);
        if (outlineReachRims < 1 || outlineReachRims > 10) {
            throw new IllegalArgumentException("outlineReachRims must be in 1..10");
        }
        range("minNormalAgreement", minNormalAgreement, 0, 1);
        range("greySaturation", greySaturation, 0.001, 1);
        range("maxSharedMask", maxSharedMask, 0, 1);
    }

    /**
     * Coarser and with fewer reference points than the pose estimator's: a proposal is small, there are many, and
     * ICP refines whatever the vote finds.
     */
    static ConfigPpf defaultPpf() {
        ConfigPpf c = new ConfigPpf();
        c.samplingStepRel = 0.08;
        c.closestPointVoxelRel = 0.02;
        c.maxReferencePoints = 25;
        c.maxClusters = 8;
        return c;
    }

    /** A lighter ICP than the pose estimator's: proposals are small and many. */
    static ConfigIcp defaultIcp() {
        ConfigIcp c = new ConfigIcp();
        c.maxPoints = new int[] {300, 800};
        c.maxDistanceRel = new double[] {0.08, 0.03};
        c.maxIterationsPerLevel = 10;
        return c;
    }

    /** Finer than {@link #defaultIcp()}: starts close, on the instance's own points. */
    static ConfigIcp polishIcp() {
        ConfigIcp c = new ConfigIcp();
        c.maxPoints = new int[] {800, 2000};
        c.maxDistanceRel = new double[] {0.03, 0.015};
        c.maxIterationsPerLevel = 15;
        return c;
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number > 0, got " + v);
        }
    }

    private static void nonNegative(String name, double v) {
        if (!(v >= 0) || !Double.isFinite(v)) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0, got " + v);
        }
    }

    private static void range(String name, double v, double lo, double hi) {
        if (!(v >= lo && v <= hi)) {
            throw new IllegalArgumentException(name + " must be in " + lo + ".." + hi + ", got " + v);
        }
    }
}
