package io.sam6d.vision.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.sam6d.vision.io.Directories;
import io.sam6d.vision.synthetic.ConfigSyntheticScenes;
import io.sam6d.vision.synthetic.SeedSplit;
import io.sam6d.vision.synthetic.SyntheticScenes;

/**
 * The standard development sets ({@code scripts/dev-data.sh}): cluttered synthetic scenes of the YCB-Video models
 * with LM-O models as distractors and of the LM-O models with YCB-Video models as distractors, each once with a
 * tuning seed and once with a reporting seed ({@link SeedSplit}). Generated from the shared data's models; the
 * same seed gives the same files.
 */
public final class DevData {

    /** Scenes per set and images per scene: 16 images of 4-9 objects. */
    public static final int SCENES = 8;
    public static final int IMAGES_PER_SCENE = 2;

    /**
     * One standard set.
     *
     * @param modelsDir      the targets' models, relative to the shared data directory
     * @param distractorsDir the distractors' models, relative to the shared data directory
     */
    public record Set(String name, String modelsDir, String distractorsDir, long seed) {
    }

    public static final List<Set> SETS = List.of(
            new Set("ycbv-clutter-tune", "ycbv_real/models", "lmo_models/models", 1),
            new Set("ycbv-clutter-report", "ycbv_real/models", "lmo_models/models", SeedSplit.FIRST_REPORTING_SEED + 1),
            new Set("lmo-clutter-tune", "lmo_models/models", "ycbv_real/models", 2),
            new Set("lmo-clutter-report", "lmo_models/models", "ycbv_real/models", SeedSplit.FIRST_REPORTING_SEED + 2));

    private static final String USAGE = """
            usage: dev-data.sh [OUTPUT_DIR] [--sets ycbv-clutter-tune,...] [--scenes N] [--images N] [--threads N]
            Writes the standard development sets into OUTPUT_DIR (default target/dev-data):
              ycbv-clutter-tune, ycbv-clutter-report, lmo-clutter-tune, lmo-clutter-report
            Tune on the *-tune sets (seeds below 1000), report on the *-report sets (seeds 1000 and above).""";

    private DevData() {
    }

    public static void main(String[] args) {
        Path out = Path.of("target", "dev-data");
        List<String> names = new ArrayList<>(SETS.stream().map(Set::name).toList());
        int scenes = SCENES, images = IMAGES_PER_SCENE, threads = 0;
        try {
            int i = 0;
            if (args.length > 0 && !args[0].startsWith("--")) {
                out = Path.of(args[0]);
                i = 1;
            }
            for (; i < args.length; i += 2) {
                if (args[i].equals("-h") || args[i].equals("--help")) {
                    System.out.println(USAGE);
                    return;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String v = args[i + 1];
                switch (args[i]) {
                    case "--sets" -> names = Arrays.stream(v.split(",")).map(String::strip).toList();
                    case "--scenes" -> scenes = Integer.parseInt(v);
                    case "--images" -> images = Integer.parseInt(v);
                    case "--threads" -> threads = Integer.parseInt(v);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            for (String n : names) {
                set(n);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        generate(SharedDataDir.data(), out, names, scenes, images, threads);
    }

    /** Generates the named sets into {@code out/<name>}, sharing the prepared models between them. */
    public static void generate(Path sharedData, Path out, List<String> names, int scenes, int images, int threads) {
        long t0 = System.nanoTime();
        SyntheticScenes generator = null;
        for (String name : names) {
            Set set = set(name);
            ConfigSyntheticScenes cfg = config(sharedData, set);
            cfg.threads = threads;
            generator = generator == null ? new SyntheticScenes(cfg) : generator.withConfig(cfg);
            Path dir = out.resolve(set.name());
            if (Files.isRegularFile(dir.resolve("synthetic_info.json"))) {
                // an earlier generated set: its scenes must not mix with the new ones
                Directories.deleteQuietly(dir);
            }
            SyntheticScenes.Summary s = generator.generate(sharedData.resolve(set.modelsDir()), dir, scenes, images,
                    set.seed());
            System.out.printf(Locale.ROOT, "%s (seed %d, %s)%n  %s%n", dir, set.seed(), SeedSplit.purposeOf(set.seed()),
                    s.describe().replace("\n", "\n  "));
        }
        System.out.printf(Locale.ROOT, "%d sets in %.1f s%n", names.size(), (System.nanoTime() - t0) / 1e9);
    }

    /** The settings of a standard set: the clutter preset with the other dataset's models as distractors. */
    public static ConfigSyntheticScenes config(Path sharedData, Set set) {
        ConfigSyntheticScenes cfg = ConfigSyntheticScenes.preset("clutter");
        cfg.distractorModelsDirs.add(sharedData.resolve(set.distractorsDir()));
        return cfg;
    }

    public static Set set(String name) {
        return SETS.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("unknown set '" + name + "' (" + String.join(", ",
                        SETS.stream().map(Set::name).toList()) + ")"));
    }
}
