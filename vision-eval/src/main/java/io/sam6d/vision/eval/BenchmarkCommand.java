package io.sam6d.vision.eval;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

import io.sam6d.vision.eval.bop.BopEstimate;
import io.sam6d.vision.eval.bop.BopResults;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.model.EngineLoader;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.pose.PoseEstimator;
import io.sam6d.vision.segmentation.Segmenter;

/**
 * The benchmark command ({@code scripts/bench.sh}). Subcommands:
 * <ul>
 *   <li>{@code bop}: run the engines over a BOP dataset with ground truth and score them
 *       ({@link BenchmarkRunner});</li>
 *   <li>{@code frame}: run them on one frame without ground truth and draw what they found ({@link FrameRun});</li>
 *   <li>{@code eval}: score an existing BOP results CSV or JSON against a dataset;</li>
 *   <li>{@code metrics-speed}: time the pose errors on a dataset's models;</li>
 *   <li>{@code engines}: list the engines on the classpath.</li>
 * </ul>
 * Engines are found by name with {@link EngineLoader} ({@code META-INF/services}). Exit status 0 on success, 1 when
 * the run failed, 2 for bad arguments.
 */
public final class BenchmarkCommand {

    static final String USAGE = """
            usage:
              bench.sh bop --dataset DIR [--dataset DIR ...] [--models-dir DIR ...] [--split test] [--scenes 0,1]
                           [--max-frames N] [--ism NAME|none] [--pem NAME|none] [--templates-dir DIR]
                           [--queries gt|all] [--absent N] [--pem-on-gt-masks] [--seed N] [--eval-models-dir DIR]
                           [--overlays] [--out DIR]
              bench.sh frame --rgb PNG --depth PNG --camera JSON --model MESH [--model MESH ...]
                           [--models-info models_info.json] [--ism NAME] [--pem NAME|none] [--templates-dir DIR]
                           [--out DIR]
              bench.sh eval --dataset DIR --results FILE.csv|FILE.json [--split test] [--scenes 0,1]
                           [--eval-models-dir DIR] [--out DIR]
              bench.sh metrics-speed --dataset DIR [--objects 1,13] [--repeats N] [--eval-models-dir DIR]
              bench.sh engines
            Engines are found by name through java.util.ServiceLoader; the default for --ism and --pem is weight-free.
            bop: --queries all asks every frame for every object of the dataset (gt: its own objects, plus --absent N
            others); several --dataset are run in turn and pooled in a summary of all; --models-dir once applies to
            every dataset, or give one per --dataset (a dataset without models/, such as ycbv_syn, needs one);
            --overlays writes a picture of the misses per frame (missed or wrongly posed instances red, detections
            green, false detections yellow, wrong poses orange).
            """;

    private static final Set<String> FLAGS = Set.of("pem-on-gt-masks", "overlays");

    private BenchmarkCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a subcommand; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            err.print(USAGE);
            return 2;
        }
        if (args[0].equals("help") || java.util.Arrays.stream(args).anyMatch(s -> s.equals("-h") || s.equals("--help"))) {
            out.print(USAGE);
            return 0;
        }
        Args a;
        try {
            a = Args.parse(args, 1);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return switch (args[0]) {
                case "bop" -> bop(a, out);
                case "frame" -> frame(a, out);
                case "eval" -> eval(a, out);
                case "metrics-speed" -> metricsSpeed(a, out);
                case "engines" -> {
                    out.println("segmentation engines (--ism): " + names(Segmenter.class, Segmenter::name));
                    out.println("pose engines (--pem): " + names(PoseEstimator.class, PoseEstimator::name));
                    yield 0;
                }
                default -> throw new UsageException("unknown subcommand '" + args[0] + "'");
            };
        } catch (UsageException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (RuntimeException e) {
            err.println("failed: " + e);
            e.printStackTrace(err);
            return 1;
        }
    }

    private static int bop(Args a, PrintStream out) {
        a.allow("dataset", "split", "scenes", "max-frames", "ism", "pem", "templates-dir", "absent", "queries",
                "pem-on-gt-masks", "seed", "models-dir", "eval-models-dir", "overlays", "out");
        List<Path> roots = a.all("dataset").stream().map(Path::of).toList();
        if (roots.isEmpty()) {
            throw new UsageException("bop needs --dataset");
        }
        List<String> modelsDirs = a.all("models-dir");
        if (modelsDirs.size() > 1 && modelsDirs.size() != roots.size()) {
            throw new UsageException("give --models-dir once (for every dataset) or once per --dataset, in order");
        }
        ConfigBenchmark cfg = new ConfigBenchmark();
        cfg.split = a.get("split", cfg.split);
        cfg.scenes.addAll(scenes(a));
        cfg.maxFrames = a.integer("max-frames", a.get("max-frames", "0"));
        cfg.absent = a.integer("absent", a.get("absent", "0"));
        String queries = a.get("queries", "gt");
        if (!queries.equals("gt") && !queries.equals("all")) {
            throw new UsageException("--queries is gt (the frame's objects, plus --absent others) or all");
        }
        cfg.queryAll = queries.equals("all");
        if (cfg.queryAll && cfg.absent > 0) {
            throw new UsageException("--absent has no meaning with --queries all");
        }
        cfg.seed = a.integer("seed", a.get("seed", "1"));
        cfg.pemOnGtMasks = a.flag("pem-on-gt-masks");
        cfg.overlays = a.flag("overlays");
        cfg.templatesDir = a.path("templates-dir", null);
        cfg.checkValidity();

        String ismName = a.get("ism", "weight-free");
        String pemName = a.get("pem", "weight-free");
        Segmenter ism = ismName.equals("none") ? null : EngineLoader.load(Segmenter.class, ismName, Segmenter::name);
        PoseEstimator pem = pemName.equals("none") ? null : EngineLoader.load(PoseEstimator.class, pemName, PoseEstimator::name);
        Path outDir = a.path("out", defaultOut("bop_" + ismName + "_" + pemName));
        BenchmarkRunner.PreparedModels prepared = new BenchmarkRunner.PreparedModels();
        List<BenchmarkRunner.Gathered> parts = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < roots.size(); i++) {
            Path root = roots.get(i);
            String models = modelsDirs.isEmpty() ? null : modelsDirs.get(modelsDirs.size() == 1 ? 0 : i);
            DatasetObjects objects = objects(root, models == null ? null : Path.of(models),
                    a.path("eval-models-dir", null), cfg.templatesDir);
            BenchmarkRunner runner = new BenchmarkRunner(objects, ism, pem, cfg, prepared);
            String name = runner.datasetName();
            for (int k = 2; !names.add(name); k++) {
                name = runner.datasetName() + "-" + k;
            }
            Path dir = roots.size() == 1 ? outDir : outDir.resolve(name);
            BenchmarkRunner.Gathered g = runner.gather(dir, out, name);
            parts.add(g);
            out.println();
            BenchmarkRunner.report(g).print(out);
        }
        if (parts.size() > 1) {
            BenchmarkReport all = BenchmarkRunner.combine(parts);
            out.println();
            out.println("== all datasets ==");
            all.print(out);
            all.writeJson(outDir.resolve("summary.json"));
            all.writeFramesCsv(outDir.resolve("frames.csv"));
        }
        out.println("results: " + outDir.toAbsolutePath().normalize());
        return 0;
    }

    private static int frame(Args a, PrintStream out) {
        a.allow("rgb", "depth", "camera", "model", "models-info", "ism", "pem", "templates-dir", "out");
        Path rgb = a.path("rgb", null), depth = a.path("depth", null), camera = a.path("camera", null);
        List<String> models = a.all("model");
        if (rgb == null || depth == null || camera == null || models.isEmpty()) {
            throw new UsageException("frame needs --rgb, --depth, --camera and at least one --model");
        }
        Path modelsInfo = a.path("models-info", null);
        Path templates = a.path("templates-dir", null);
        List<ObjectModel> objs = new ArrayList<>();
        for (String m : models) {
            objs.add(FrameRun.objectModel(Path.of(m), modelsInfo, templates));
        }
        String ismName = a.get("ism", "weight-free");
        String pemName = a.get("pem", "weight-free");
        Segmenter ism = EngineLoader.load(Segmenter.class, ismName, Segmenter::name);
        PoseEstimator pem = pemName.equals("none") ? null : EngineLoader.load(PoseEstimator.class, pemName, PoseEstimator::name);
        Path outDir = a.path("out", defaultOut("frame_" + ismName + "_" + pemName));
        FrameRun.run(FrameRun.readFrame(rgb, depth, camera), objs, ism, pem, outDir, out);
        out.println("overlay: " + outDir.resolve("overlay.png").toAbsolutePath().normalize());
        return 0;
    }

    private static int eval(Args a, PrintStream out) {
        a.allow("dataset", "results", "split", "scenes", "eval-models-dir", "models-dir", "out");
        Path root = a.path("dataset", null);
        Path results = a.path("results", null);
        if (root == null || results == null) {
            throw new UsageException("eval needs --dataset and --results");
        }
        String split = a.get("split", "test");
        List<BopEstimate> estimates = results.toString().endsWith(".json") ? BopResults.readJson(results)
                : BopResults.readCsv(results);
        DatasetObjects objects = objects(a, root);
        PoseEvaluator ev = new PoseEvaluator(objects::evalModel);
        Map<Long, List<BopEstimate>> byImage = new HashMap<>();
        for (BopEstimate e : estimates) {
            byImage.computeIfAbsent(((long) e.sceneId() << 32) | e.imageId(), k -> new ArrayList<>()).add(e);
        }
        List<Double> times = new ArrayList<>();
        int frames = 0;
        List<Integer> scenes = scenes(a);
        for (int sceneId : scenes.isEmpty() ? objects.dataset().scenes(split) : scenes) {
            for (BopFrame bf : objects.dataset().frames(split, sceneId)) {
                if (bf.gt().isEmpty()) {
                    continue;
                }
                frames++;
                List<BopEstimate> mine = byImage.getOrDefault(((long) sceneId << 32) | bf.imageId(), List.of());
                mine.stream().mapToDouble(BopEstimate::timeSec).filter(t -> t >= 0).max().ifPresent(times::add);
                ev.addFrame(bf, imageWidth(bf.rgb()), mine);
            }
        }
        PoseEvaluator.Scores scores = ev.scores();
        BenchmarkReport report = new BenchmarkReport(root.getFileName().toString(), split, "-",
                results.getFileName().toString(), false, "gt", 0, frames, 0, 0,
                BenchmarkReport.rows(null, scores, objects::displayName, objects::scoredWithAddS, Map.of()),
                BenchmarkReport.row(0, "all", null, scores.overall(), false, null), List.of(),
                BenchmarkReport.Timing.of(List.of()), BenchmarkReport.Timing.of(times), 0, 0,
                List.of("times are the results file's per-image times (ISM + PEM)"));
        report.print(out);
        Path outDir = a.path("out", null);
        if (outDir != null) {
            report.writeJson(outDir.resolve("summary.json"));
            EvalOutputs.writeErrors(outDir.resolve("errors.json"), ev.evaluatedEstimates());
            out.println("results: " + outDir.toAbsolutePath().normalize());
        }
        return 0;
    }

    private static int metricsSpeed(Args a, PrintStream out) {
        a.allow("dataset", "objects", "repeats", "models-dir", "eval-models-dir");
        Path root = a.path("dataset", null);
        if (root == null) {
            throw new UsageException("metrics-speed needs --dataset");
        }
        DatasetObjects objects = objects(a, root);
        List<Integer> ids = new ArrayList<>();
        for (String s : a.get("objects", "").split(",")) {
            if (!s.isBlank()) {
                ids.add(a.integer("objects", s.strip()));
            }
        }
        MetricsSpeed.run(objects, ids.isEmpty() ? objects.objIds() : ids, a.integer("repeats", a.get("repeats", "20")),
                out);
        return 0;
    }

    private static <T> List<String> names(Class<T> type, java.util.function.Function<T, String> nameOf) {
        return java.util.ServiceLoader.load(type).stream().map(p -> nameOf.apply(p.get())).toList();
    }

    private static List<Integer> scenes(Args a) {
        List<Integer> out = new ArrayList<>();
        for (String s : a.get("scenes", "").split(",")) {
            if (!s.isBlank()) {
                out.add(a.integer("scenes", s.strip()));
            }
        }
        return out;
    }

    private static DatasetObjects objects(Args a, Path root) {
        return objects(root, a.path("models-dir", null), a.path("eval-models-dir", null), a.path("templates-dir", null));
    }

    /**
     * A dataset's objects: models from {@code modelsDir} (default {@code <root>/models}), metrics on
     * {@code evalModelsDir} (default {@code <root>/models_eval} when there is one, else the models).
     */
    static DatasetObjects objects(Path root, Path modelsDir, Path evalModelsDir, Path templatesDir) {
        if (!Files.isDirectory(root)) {
            throw new IllegalArgumentException("dataset " + root + " is not a directory");
        }
        Path models = modelsDir != null ? modelsDir : root.resolve("models");
        if (!Files.isRegularFile(models.resolve("models_info.json"))) {
            throw new IllegalArgumentException("no models_info.json in " + models + (modelsDir == null
                    ? " (a dataset without models/ of its own, such as ycbv_syn, needs --models-dir, e.g."
                            + " ../shared/data/ycbv_real/models)" : ""));
        }
        Path evalDir = evalModelsDir != null ? evalModelsDir
                : Files.isDirectory(root.resolve("models_eval")) ? root.resolve("models_eval") : models;
        BopDataset dataset = BopDataset.open(root, models);
        BopDataset evalDataset = evalDir.equals(models) ? dataset : BopDataset.open(root, evalDir);
        return new DatasetObjects(dataset, evalDataset, templatesDir);
    }

    private static Path defaultOut(String what) {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
        // bench.sh passes the project root so the default lands in <root>/static/output whatever the caller's cwd
        Path root = Path.of(System.getProperty("sam6d.bench.root", "."));
        return root.resolve("static").resolve("output").resolve("bench").resolve(what + "_" + stamp);
    }

    /** Width of an image file in pixels, from its header. */
    static int imageWidth(Path image) {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            if (in != null) {
                var readers = ImageIO.getImageReaders(in);
                if (readers.hasNext()) {
                    ImageReader r = readers.next();
                    try {
                        r.setInput(in);
                        return r.getWidth(0);
                    } finally {
                        r.dispose();
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + image, e);
        }
        throw new IllegalArgumentException(image + " is not a readable image");
    }

    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }

    /** {@code --key value} options (repeatable) and {@code --flag}s. */
    static final class Args {
        private final Map<String, List<String>> values = new HashMap<>();
        private final Set<String> flags = new HashSet<>();

        static Args parse(String[] args, int from) {
            Args a = new Args();
            for (int i = from; i < args.length; i++) {
                String s = args[i];
                if (!s.startsWith("--") || s.length() == 2) {
                    throw new IllegalArgumentException("unexpected argument '" + s + "'");
                }
                String key = s.substring(2);
                String value = null;
                int eq = key.indexOf('=');
                if (eq >= 0) {
                    value = key.substring(eq + 1);
                    key = key.substring(0, eq);
                }
                if (FLAGS.contains(key)) {
                    if (value != null) {
                        throw new IllegalArgumentException("--" + key + " takes no value");
                    }
                    a.flags.add(key);
                    continue;
                }
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("--" + key + " needs a value");
                    }
                    value = args[++i];
                }
                a.values.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
            }
            return a;
        }

        void allow(String... keys) {
            Set<String> ok = Set.of(keys);
            for (String k : values.keySet()) {
                if (!ok.contains(k)) {
                    throw new UsageException("unknown option --" + k);
                }
            }
            for (String k : flags) {
                if (!ok.contains(k)) {
                    throw new UsageException("unknown option --" + k);
                }
            }
        }

        String get(String key, String dflt) {
            List<String> v = values.get(key);
            return v == null ? dflt : v.get(v.size() - 1);
        }

        List<String> all(String key) {
            return values.getOrDefault(key, List.of());
        }

        Path path(String key, Path dflt) {
            String v = get(key, null);
            return v == null ? dflt : Path.of(v);
        }

        boolean flag(String key) {
            return flags.contains(key);
        }

        int integer(String key, String v) {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new UsageException("--" + key + " needs a whole number, got '" + v + "'");
            }
        }
    }
}
