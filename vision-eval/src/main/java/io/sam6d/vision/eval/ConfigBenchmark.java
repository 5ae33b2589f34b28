package io.sam6d.vision.eval;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Settings of a {@link BenchmarkRunner} run over a BOP dataset. */
public final class ConfigBenchmark {

    /** The dataset split to run on ({@code test}, {@code val}, ...). */
    public String split = "test";

    /** Scene ids to run; empty means every scene of the split. */
    public List<Integer> scenes = new ArrayList<>();

    /** Stop after this many frames (in scene, then image order); 0 means all. */
    public int maxFrames = 0;

    /** Also query this many objects that are not in the frame's ground truth, to count false positives. */
    public int absent = 0;

    /** Query every object of the dataset on every frame ({@link #absent} is then unused). */
    public boolean queryAll = false;

    /** Feed the ground-truth visible masks to the pose engine instead of the segmentation engine's detections. */
    public boolean pemOnGtMasks = false;

    /** Holds {@code obj_NNNNNN/views.json} templates for the engines, or null. */
    public Path templatesDir = null;

    /** Seed for the choice of absent objects. */
    public long seed = 1;

    /** Write a picture of the misses per frame into {@code <out>/overlays/} ({@link MissPicture}). */
    public boolean overlays = false;

    public void checkValidity() {
        if (split == null || split.isBlank()) {
            throw new IllegalArgumentException("split must be named");
        }
        if (maxFrames < 0) {
            throw new IllegalArgumentException("maxFrames must be >= 0");
        }
        if (absent < 0) {
            throw new IllegalArgumentException("absent must be >= 0");
        }
    }

    public ConfigBenchmark setTo(ConfigBenchmark o) {
        split = o.split;
        scenes = new ArrayList<>(o.scenes);
        maxFrames = o.maxFrames;
        absent = o.absent;
        queryAll = o.queryAll;
        pemOnGtMasks = o.pemOnGtMasks;
        templatesDir = o.templatesDir;
        seed = o.seed;
        overlays = o.overlays;
        return this;
    }
}
