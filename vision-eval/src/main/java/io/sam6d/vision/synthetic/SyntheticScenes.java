package io.sam6d.vision.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.io.MeshReader;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.render.MeshRenderer;
import io.sam6d.vision.render.PixelRegion;
import io.sam6d.vision.render.RenderInstance;
import io.sam6d.vision.render.RenderModel;
import io.sam6d.vision.render.RenderOutput;
import io.sam6d.vision.render.RenderResult;
import io.sam6d.vision.render.ViewSphere;

/**
 * Synthetic RGB-D scenes with exact ground truth, written in BOP layout (readable by {@link BopDataset}).
 *
 * <p>Each scene puts models of a BOP dataset (the targets) on a tiled table (the plane z = 0 of the world frame,
 * z up), with what {@link ConfigSyntheticScenes} asks for around them: distractors that are not asked for (other
 * datasets' models, boxes and cylinders of random colours), a {@link Background} (a wall, a shelf, a bin, large
 * boxes), and objects touching, stacked on and leaning against each other ({@link SceneLayout}). Each image of
 * the scene sees it from a random direction the background allows; when a range of occlusion is asked for, the
 * camera is drawn again until the targets are hidden about that much. Per image it writes {@code rgb/} (with
 * exposure, white balance and noise), {@code depth/} (degraded like a RealSense: {@link DepthNoise}),
 * {@code mask/} and {@code mask_visib/} per target, and per scene {@code scene_gt.json}, {@code scene_camera.json}
 * (with {@code cam_R_w2c}, {@code cam_t_w2c} of the table frame), {@code scene_gt_info.json} and
 * {@code scene_synthetic.json} (every solid of the scene: name, role, how it was placed, what it stands on).
 * Distractors and background are never in the ground truth, and a target's visible mask holds only its own
 * pixels. The targets' models and their {@code models_info.json} are copied to {@code <output>/models/}, and
 * {@code synthetic_info.json} records the seed, whether it is a tuning or a reporting seed ({@link SeedSplit}) and
 * the settings.
 *
 * <p>Everything follows from the seed: scene s uses its own random stream derived from (seed, s), so a set is
 * reproducible whatever the number of threads, and scene s is the same whatever the number of scenes.
 */
public final class SyntheticScenes {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .registerModule(new com.fasterxml.jackson.databind.module.SimpleModule()
                    .addSerializer(Path.class, new com.fasterxml.jackson.databind.ser.std.ToStringSerializer()));
    private static final double TABLE_SIZE_MM = 2400;
    /** The occlusion of a camera position is estimated on images this many times smaller. */
    private static final int OCCLUSION_SCALE = 4;

    private final ConfigSyntheticScenes config;
    /** Prepared models by file, shared between generators made with {@link #withConfig}. */
    private final Map<Path, SceneModel> prepared;

    /** A model file to prepare, and the name and object id it goes by. */
    private record Source(String name, int objId, Path file) {
    }

    /**
     * What a generated set holds.
     *
     * @param instances          ground-truth instances over all images
     * @param visibleHistogram   instances by visible fraction, in tenths (0-0.1, ..., 0.9-1)
     * @param placements         solids that are not background, by how they were placed
     * @param backgrounds        scenes by background
     */
    public record Summary(int scenes, int images, int instances, int distractors, double meanVisibleFraction,
            int[] visibleHistogram, Map<String, Integer> placements, Map<String, Integer> backgrounds,
            double seconds) {

        /** A few lines for people. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "%d scenes, %d images, %.1f objects and %.1f distractors per image,"
                    + " mean visible fraction %.2f, %.1f s%n", scenes, images, instances / (double) Math.max(1, images),
                    distractors / (double) Math.max(1, images), meanVisibleFraction, seconds));
            sb.append("visible fraction (tenths):");
            for (int c : visibleHistogram) {
                sb.append(' ').append(c);
            }
            sb.append(String.format(Locale.ROOT, "%nplaced: %s; backgrounds: %s", placements, backgrounds));
            return sb.toString();
        }
    }

    /** What one scene contributed to the {@link Summary}. */
    private static final class Tally {
        int images;
        int instances;
        int distractors;
        double visibleSum;
        final int[] histogram = new int[10];
        final Map<String, Integer> placements = new TreeMap<>();
        final Map<String, Integer> backgrounds = new TreeMap<>();

        void add(Tally o) {
            images += o.images;
            instances += o.instances;
            distractors += o.distractors;
            visibleSum += o.visibleSum;
            for (int i = 0; i < histogram.length; i++) {
                histogram[i] += o.histogram[i];
            }
            o.placements.forEach((k, v) -> placements.merge(k, v, Integer::sum));
            o.backgrounds.forEach((k, v) -> backgrounds.merge(k, v, Integer::sum));
        }
    }

    public SyntheticScenes(ConfigSyntheticScenes config) {
        this(config, new ConcurrentHashMap<>());
    }

    private SyntheticScenes(ConfigSyntheticScenes config, Map<Path, SceneModel> prepared) {
        config.checkValidity();
        this.config = config;
        this.prepared = prepared;
    }

    /** A generator with other settings that reuses the models this one prepared (preparing a model takes ~1 s). */
    public SyntheticScenes withConfig(ConfigSyntheticScenes other) {
        return new SyntheticScenes(other, prepared);
    }

    /**
     * Generates {@code scenes} scenes of {@code imagesPerScene} images each into {@code outputDir} (scene ids
     * 0..scenes-1 under {@code <split>/}).
     *
     * @param modelsDir a BOP {@code models/} directory with {@code models_info.json} and {@code obj_NNNNNN.ply}
     * @param seed      see {@link SeedSplit} for which seeds are for tuning and which for reporting
     */
    public Summary generate(Path modelsDir, Path outputDir, int scenes, int imagesPerScene, long seed) {
        if (scenes < 1 || imagesPerScene < 1) {
            throw new IllegalArgumentException("need at least one scene and one image per scene");
        }
        long t0 = System.nanoTime();
        BopDataset models = BopDataset.open(modelsDir, modelsDir);
        List<Integer> ids = new ArrayList<>();
        if (config.objectIds != null) {
            for (int id : config.objectIds) {
                models.modelInfo(id);
                ids.add(id);
            }
        } else {
            ids.addAll(models.modelsInfo().keySet());
        }
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("no models listed in " + modelsDir.resolve("models_info.json"));
        }
        List<Source> targets = new ArrayList<>();
        for (int id : ids) {
            targets.add(new Source(objectName(id), id, models.modelPath(id)));
        }
        List<Source> distractors = new ArrayList<>();
        for (Path dir : config.distractorModelsDirs) {
            BopDataset other = BopDataset.open(dir, dir);
            if (other.modelsInfo().isEmpty()) {
                throw new IllegalArgumentException("no models listed in " + dir.resolve("models_info.json"));
            }
            for (int id : other.modelsInfo().keySet()) {
                distractors.add(new Source(datasetName(dir) + "/" + objectName(id), 0, other.modelPath(id)));
            }
        }
        RenderModel table = RenderModel.of(TableMesh.create(TABLE_SIZE_MM, 48, 7));
        int threads = Math.min(scenes, config.threads > 0 ? config.threads : Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "synthetic-scenes");
            t.setDaemon(true);
            return t;
        });
        Tally total = new Tally();
        try {
            List<Future<Tally>> futures = new ArrayList<>();
            for (int s = 0; s < scenes; s++) {
                int sceneId = s;
                futures.add(pool.submit(() -> writeScene(targets, distractors, table, outputDir, sceneId,
                        imagesPerScene, seed)));
            }
            for (Future<Tally> f : futures) {
                total.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdownNow();
        }
        copyModels(models, modelsDir, outputDir, ids);
        Summary summary = new Summary(scenes, total.images, total.instances, total.distractors,
                total.instances == 0 ? 0 : total.visibleSum / total.instances, total.histogram,
                Map.copyOf(total.placements), Map.copyOf(total.backgrounds), (System.nanoTime() - t0) / 1e9);
        writeInfo(outputDir, modelsDir, scenes, imagesPerScene, seed, summary);
        return summary;
    }

    private SceneModel model(Source s) {
        return prepared.computeIfAbsent(s.file.toAbsolutePath().normalize(),
                f -> SceneModel.of(s.name, s.objId, MeshReader.read(s.file))).named(s.name, s.objId);
    }

    private Tally writeScene(List<Source> targetSources, List<Source> distractorSources, RenderModel table,
            Path outputDir, int sceneId, int images, long seed) throws IOException {
        long sceneSeed = mix(seed, sceneId);
        Random rnd = new Random(sceneSeed);
        Background kind = config.backgrounds.get(rnd.nextInt(config.backgrounds.size()));
        Background.Built background = kind.build(rnd, config.placementRadiusMm, config.roomHalfSizeMm);

        // what goes in: targets (another copy of one now and then), distractor models, shapes; in random order
        List<Source> pool = new ArrayList<>(targetSources);
        Collections.shuffle(pool, rnd);
        int wanted = config.minObjects + rnd.nextInt(config.maxObjects - config.minObjects + 1);
        List<SceneModel> chosen = new ArrayList<>();
        for (int k = 0, next = 0; k < wanted; k++) {
            boolean copy = !chosen.isEmpty() && rnd.nextDouble() < config.duplicateProbability;
            if (!copy && next >= pool.size()) {
                // no model left: more copies only where copies were asked for
                if (config.duplicateProbability == 0) {
                    break;
                }
                copy = true;
            }
            chosen.add(copy ? chosen.get(rnd.nextInt(chosen.size())) : model(pool.get(next++)));
        }
        List<Object[]> items = new ArrayList<>();
        chosen.forEach(m -> items.add(new Object[] {m, Body.Role.TARGET}));
        List<Source> others = new ArrayList<>(distractorSources);
        Collections.shuffle(others, rnd);
        int nd = Math.min(others.size(),
                config.minDistractors + rnd.nextInt(config.maxDistractors - config.minDistractors + 1));
        for (int k = 0; k < nd; k++) {
            items.add(new Object[] {model(others.get(k)), Body.Role.DISTRACTOR});
        }
        int ns = config.minShapes + rnd.nextInt(config.maxShapes - config.minShapes + 1);
        for (int k = 0; k < ns; k++) {
            items.add(new Object[] {SceneModel.randomShape(rnd), Body.Role.DISTRACTOR});
        }
        Collections.shuffle(items, rnd);

        SceneLayout layout = new SceneLayout(config, rnd, background.bodies());
        List<Body> targets = new ArrayList<>();
        for (Object[] item : items) {
            SceneModel m = (SceneModel) item[0];
            Body.Role role = (Body.Role) item[1];
            Body b = layout.place(m, role, m.renderFor(config.paintColourless, rnd));
            if (b != null && role == Body.Role.TARGET) {
                targets.add(b);
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalStateException("scene " + sceneId + ": no object fits on the table");
        }
        // the ground truth's order is the instances' order: targets first
        List<Body> drawn = new ArrayList<>(targets);
        layout.bodies().stream().filter(b -> b.role() != Body.Role.TARGET).forEach(drawn::add);
        List<Body> occluders = drawn.stream().filter(b -> b.role() == Body.Role.DISTRACTOR).toList();
        double[] target = new double[3];
        for (Body b : targets) {
            double[] c = b.centre();
            target[0] += c[0] / targets.size();
            target[1] += c[1] / targets.size();
            target[2] += Math.max(0, c[2]) / targets.size();
        }

        Path dir = outputDir.resolve(config.split).resolve(String.format(Locale.ROOT, "%06d", sceneId));
        for (String sub : new String[] {"rgb", "depth", "mask", "mask_visib"}) {
            Files.createDirectories(dir.resolve(sub));
        }
        ObjectNode sceneGt = JSON.createObjectNode();
        ObjectNode sceneCamera = JSON.createObjectNode();
        ObjectNode sceneGtInfo = JSON.createObjectNode();
        MeshRenderer renderer = new MeshRenderer();
        Tally tally = new Tally();
        tally.backgrounds.merge(kind.name().toLowerCase(Locale.ROOT), 1, Integer::sum);
        for (Body b : drawn) {
            if (b.role() != Body.Role.BACKGROUND) {
                tally.placements.merge(b.placement(), 1, Integer::sum);
            }
        }
        for (int im = 0; im < images; im++) {
            RigidTransform worldToCamera = chooseCamera(rnd, renderer, drawn, targets.size(), table, target,
                    background.limits(), occluders);
            Random noise = new Random(mix(sceneSeed, im + 1));
            writeImage(renderer, drawn, targets.size(), table, worldToCamera, dir, im, noise, sceneGt, sceneCamera,
                    sceneGtInfo, tally);
        }
        tally.distractors = images * occluders.size();
        JSON.writeValue(dir.resolve("scene_camera.json").toFile(), sceneCamera);
        JSON.writeValue(dir.resolve("scene_gt_info.json").toFile(), sceneGtInfo);
        JSON.writeValue(dir.resolve("scene_gt.json").toFile(), sceneGt);
        JSON.writeValue(dir.resolve("scene_synthetic.json").toFile(), describe(kind, drawn));
        return tally;
    }

    /** Every solid of a scene: its name, role, ground-truth index, how it was placed and on what. */
    private static ObjectNode describe(Background kind, List<Body> drawn) {
        ObjectNode root = JSON.createObjectNode();
        root.put("background", kind.name().toLowerCase(Locale.ROOT));
        ArrayNode solids = root.putArray("solids");
        int gt = 0;
        for (Body b : drawn) {
            ObjectNode o = solids.addObject();
            o.put("name", b.name());
            o.put("role", b.role().name().toLowerCase(Locale.ROOT));
            if (b.role() == Body.Role.TARGET) {
                o.put("gt_index", gt++);
            }
            o.put("placement", b.placement());
            if (b.on() != null) {
                o.put("on", drawn.indexOf(b.on()));
            }
            putArray(o, "R_m2w", b.modelToWorld().rotation());
            putArray(o, "t_m2w", b.modelToWorld().translation());
        }
        return root;
    }

    /**
     * A camera position the background allows, looking at the targets: the first of
     * {@link ConfigSyntheticScenes#cameraTries} whose mean occlusion of the targets is in the asked range, else the
     * one closest to it.
     */
    private RigidTransform chooseCamera(Random rnd, MeshRenderer renderer, List<Body> drawn, int targets,
            RenderModel table, double[] target, Background.CameraLimits limits, List<Body> occluders) {
        boolean anyOcclusion = config.minOcclusion <= 0 && config.maxOcclusion >= 1 && config.maxHiddenFraction >= 1;
        RigidTransform best = null;
        double bestMiss = Double.POSITIVE_INFINITY;
        for (int t = 0; t < config.cameraTries; t++) {
            RigidTransform cam = sampleCamera(rnd, target, limits, occluders);
            if (anyOcclusion) {
                return cam;
            }
            double[] occ = occlusion(renderer, drawn, targets, table, cam);
            double miss = Math.max(0, Math.max(config.minOcclusion - occ[0], occ[0] - config.maxOcclusion))
                    + Math.max(0, occ[1] - config.maxHiddenFraction);
            if (miss < bestMiss) {
                bestMiss = miss;
                best = cam;
            }
            if (miss == 0) {
                break;
            }
        }
        return best;
    }

    private RigidTransform sampleCamera(Random rnd, double[] target, Background.CameraLimits limits,
            List<Body> occluders) {
        double dist = config.minDistanceMm + rnd.nextDouble() * (config.maxDistanceMm - config.minDistanceMm);
        double lo = Math.max(config.minElevationDeg, limits.minElevationDeg());
        double hi = Math.min(config.maxElevationDeg, limits.maxElevationDeg());
        if (lo > hi) {
            // the background wins over the settings (a shelf is seen from low down whatever was asked)
            lo = Math.max(1, limits.minElevationDeg());
            hi = limits.maxElevationDeg();
        }
        double el = Math.toRadians(lo + rnd.nextDouble() * (hi - lo));
        double az = limits.azimuthRad() + (2 * rnd.nextDouble() - 1) * limits.azimuthHalfRangeRad();
        if (!occluders.isEmpty() && rnd.nextDouble() < config.occluderProbability) {
            // look across a distractor at the targets
            double[] c = occluders.get(rnd.nextInt(occluders.size())).centre();
            double across = Math.atan2(c[1] - target[1], c[0] - target[0]) + rnd.nextGaussian() * 0.25;
            if (limits.allows(across)) {
                az = across;
            }
        }
        double[] look = {target[0] + (rnd.nextDouble() - 0.5) * 60, target[1] + (rnd.nextDouble() - 0.5) * 60,
            target[2] * rnd.nextDouble()};
        double[] eye = new double[3];
        for (int shrink = 0; shrink < 20; shrink++, dist *= 0.9) {
            eye = new double[] {look[0] + dist * Math.cos(el) * Math.cos(az),
                look[1] + dist * Math.cos(el) * Math.sin(az), look[2] + dist * Math.sin(el)};
            // inside the room's inscribed circle, clear of its walls
            if (config.roomHalfSizeMm <= 0 || Math.hypot(eye[0], eye[1]) <= config.roomHalfSizeMm - 100) {
                break;
            }
        }
        return ViewSphere.lookAt(eye, look, new double[] {0, 0, 1});
    }

    /**
     * The mean hidden fraction of the targets (the first {@code targets} solids) seen from a camera, and the fraction
     * of them that are almost wholly hidden (visible fraction below 0.1), estimated on small images.
     */
    private double[] occlusion(MeshRenderer renderer, List<Body> drawn, int targets, RenderModel table,
            RigidTransform worldToCamera) {
        int w = Math.max(16, config.width / OCCLUSION_SCALE), h = Math.max(16, config.height / OCCLUSION_SCALE);
        CameraIntrinsics cam = config.camera.scaled(w / (double) config.width, h / (double) config.height);
        List<RenderInstance> instances = instances(drawn, table, worldToCamera);
        RenderResult scene = renderer.renderScene(instances, cam, w, h, null, RenderOutput.DEPTH_MASK);
        int[] visible = new int[targets];
        for (int k : scene.instance()) {
            if (k >= 0 && k < targets) {
                visible[k]++;
            }
        }
        double sum = 0;
        int hidden = 0;
        for (int k = 0; k < targets; k++) {
            int all = silhouette(renderer, instances.get(k), cam, w, h, null);
            double occluded = all == 0 ? 1 : Math.max(0, 1 - visible[k] / (double) all);
            sum += occluded;
            hidden += occluded > 0.9 ? 1 : 0;
        }
        return new double[] {sum / targets, hidden / (double) targets};
    }

    private static List<RenderInstance> instances(List<Body> drawn, RenderModel table, RigidTransform worldToCamera) {
        List<RenderInstance> out = new ArrayList<>(drawn.size() + 1);
        for (Body b : drawn) {
            out.add(new RenderInstance(b.render(), worldToCamera.compose(b.modelToWorld())));
        }
        out.add(new RenderInstance(table, worldToCamera));
        return out;
    }

    /** Pixels of an instance's whole silhouette, as if nothing hid it; marks them in {@code full} when given. */
    private static int silhouette(MeshRenderer renderer, RenderInstance inst, CameraIntrinsics cam, int w, int h,
            boolean[] full) {
        PixelRegion region = MeshRenderer.projectedRegion(inst.model(), inst.modelToCamera(), cam, w, h, 1);
        if (region == null) {
            return 0;
        }
        RenderResult alone = renderer.render(inst.model(), inst.modelToCamera(), cam, w, h, region,
                RenderOutput.DEPTH_MASK);
        int n = 0;
        for (int y = 0; y < alone.height(); y++) {
            for (int x = 0; x < alone.width(); x++) {
                if (alone.mask()[y * alone.width() + x]) {
                    n++;
                    if (full != null) {
                        full[(y + alone.regionY()) * w + x + alone.regionX()] = true;
                    }
                }
            }
        }
        return n;
    }

    private void writeImage(MeshRenderer renderer, List<Body> drawn, int targets, RenderModel table,
            RigidTransform worldToCamera, Path dir, int im, Random noise, ObjectNode sceneGt, ObjectNode sceneCamera,
            ObjectNode sceneGtInfo, Tally tally) throws IOException {
        int w = config.width, h = config.height;
        List<RenderInstance> instances = instances(drawn, table, worldToCamera);
        RenderResult scene = renderer.renderScene(instances, config.camera, w, h, null, RenderOutput.ALL);
        int[] instance = scene.instance().clone();
        float[] depth = DepthNoise.degradeDepth(scene.depthMm(), scene.normals(), scene.rgb(), w, h, config.camera,
                config.noise, noise);
        byte[] rgb = DepthNoise.degradeRgb(scene.rgb(), config.noise, noise);
        String name = String.format(Locale.ROOT, "%06d", im);
        ImageFiles.write(dir.resolve("rgb").resolve(name + ".png"), ImageFiles.encodeRgbPng(new RgbImage(w, h, rgb)));
        ImageFiles.write(dir.resolve("depth").resolve(name + ".png"),
                ImageFiles.encodeDepthPng(new DepthImage(w, h, depth), config.depthScale));

        ArrayNode gts = sceneGt.putArray(String.valueOf(im));
        ArrayNode infos = sceneGtInfo.putArray(String.valueOf(im));
        tally.images++;
        for (int k = 0; k < targets; k++) {
            RigidTransform m2c = instances.get(k).modelToCamera();
            ObjectNode gt = gts.addObject();
            putArray(gt, "cam_R_m2c", m2c.rotation());
            putArray(gt, "cam_t_m2c", m2c.translation());
            gt.put("obj_id", drawn.get(k).objId());

            boolean[] full = new boolean[w * h];
            silhouette(renderer, instances.get(k), config.camera, w, h, full);
            boolean[] visible = new boolean[w * h];
            int all = 0, visib = 0, valid = 0;
            for (int i = 0; i < full.length; i++) {
                // only this instance's own pixels: distractors and background have instance ids of their own
                visible[i] = instance[i] == k;
                all += full[i] ? 1 : 0;
                visib += visible[i] ? 1 : 0;
                valid += full[i] && depth[i] > 0 ? 1 : 0;
            }
            String maskName = String.format(Locale.ROOT, "%06d_%06d.png", im, k);
            ImageFiles.write(dir.resolve("mask").resolve(maskName), ImageFiles.encodeMaskPng(full, w, h));
            ImageFiles.write(dir.resolve("mask_visib").resolve(maskName), ImageFiles.encodeMaskPng(visible, w, h));
            double fraction = all == 0 ? 0.0 : visib / (double) all;
            ObjectNode info = infos.addObject();
            putInts(info, "bbox_obj", bboxBop(full, w, h));
            putInts(info, "bbox_visib", bboxBop(visible, w, h));
            info.put("px_count_all", all);
            info.put("px_count_valid", valid);
            info.put("px_count_visib", visib);
            info.put("visib_fract", fraction);
            tally.instances++;
            tally.visibleSum += fraction;
            tally.histogram[Math.min(9, (int) (fraction * 10))]++;
        }
        ObjectNode cam = sceneCamera.putObject(String.valueOf(im));
        putArray(cam, "cam_K", config.camera.toCamK());
        cam.put("depth_scale", config.depthScale);
        putArray(cam, "cam_R_w2c", worldToCamera.rotation());
        putArray(cam, "cam_t_w2c", worldToCamera.translation());
    }

    /** {@code synthetic_info.json}: seed and its purpose, sizes, sources, the settings and what came out. */
    private void writeInfo(Path outputDir, Path modelsDir, int scenes, int images, long seed, Summary summary) {
        ObjectNode root = JSON.createObjectNode();
        root.put("generator", SyntheticScenes.class.getName());
        root.put("seed", seed);
        root.put("seed_purpose", SeedSplit.purposeOf(seed));
        root.put("scenes", scenes);
        root.put("images_per_scene", images);
        root.put("models_dir", modelsDir.toString());
        root.set("config", JSON.valueToTree(config));
        ObjectNode s = root.putObject("summary");
        s.put("instances", summary.instances());
        s.put("distractors", summary.distractors());
        s.put("mean_visib_fract", summary.meanVisibleFraction());
        ArrayNode hist = s.putArray("visib_fract_tenths");
        for (int c : summary.visibleHistogram()) {
            hist.add(c);
        }
        s.set("placements", JSON.valueToTree(new TreeMap<>(summary.placements())));
        s.set("backgrounds", JSON.valueToTree(new TreeMap<>(summary.backgrounds())));
        try {
            Files.createDirectories(outputDir);
            JSON.writeValue(outputDir.resolve("synthetic_info.json").toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + outputDir.resolve("synthetic_info.json"), e);
        }
    }

    /** BOP's {@code [x, y, w, h]}, or {@code [-1, -1, -1, -1]} for an empty mask. */
    private static int[] bboxBop(boolean[] m, int w, int h) {
        int x0 = w, y0 = h, x1 = -1, y1 = -1;
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i++) {
                if (m[i]) {
                    x0 = Math.min(x0, x);
                    x1 = Math.max(x1, x);
                    y0 = Math.min(y0, y);
                    y1 = Math.max(y1, y);
                }
            }
        }
        return x1 < 0 ? new int[] {-1, -1, -1, -1} : new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
    }

    private static void putArray(ObjectNode node, String field, double[] values) {
        ArrayNode a = node.putArray(field);
        for (double v : values) {
            a.add(v);
        }
    }

    private static void putInts(ObjectNode node, String field, int[] values) {
        ArrayNode a = node.putArray(field);
        for (int v : values) {
            a.add(v);
        }
    }

    /** Copies the models of every object the scenes could hold, so that a benchmark can ask for all of them. */
    private static void copyModels(BopDataset models, Path modelsDir, Path outputDir, Iterable<Integer> used) {
        Path out = outputDir.resolve("models");
        try {
            if (Files.exists(out) && Files.isSameFile(out, modelsDir)) {
                return;
            }
            Files.createDirectories(out);
            JsonNode info = JSON.readTree(modelsDir.resolve("models_info.json").toFile());
            ObjectNode kept = JSON.createObjectNode();
            List<Integer> sorted = new ArrayList<>();
            used.forEach(sorted::add);
            sorted.sort(null);
            for (int id : sorted) {
                kept.set(String.valueOf(id), info.get(String.valueOf(id)));
                Files.copy(models.modelPath(id), out.resolve(models.modelPath(id).getFileName()),
                        StandardCopyOption.REPLACE_EXISTING);
            }
            JSON.writeValue(out.resolve("models_info.json").toFile(), kept);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the models to " + out, e);
        }
    }

    /** A well-spread 64-bit seed for stream {@code index} of {@code seed} (SplitMix64 finaliser). */
    static long mix(long seed, long index) {
        long z = seed + 0x9E3779B97F4A7C15L * (index + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** {@code obj_NNNNNN}, a model's file stem. */
    static String objectName(int objId) {
        return String.format(Locale.ROOT, "obj_%06d", objId);
    }

    /** A models directory's dataset name: {@code lmo_models} for {@code .../lmo_models/models}. */
    static String datasetName(Path modelsDir) {
        Path abs = modelsDir.toAbsolutePath().normalize();
        Path name = abs.getFileName() != null && abs.getFileName().toString().startsWith("models") && abs.getParent() != null
                ? abs.getParent().getFileName() : abs.getFileName();
        return name == null ? "models" : name.toString();
    }

    static final String USAGE = """
            usage: SyntheticScenes MODELS_DIR OUTPUT_DIR SCENES IMAGES_PER_SCENE SEED [--preset default|clutter]
                     [--objects 1,5,14] [--min-objects N] [--max-objects N] [--size WxH]
                     [--distractors MODELS_DIR]... [--backgrounds table,wall,shelf,bin,boxes] [--threads N]
            Seeds 1-999 are for tuning, 1000 and above for reporting (see SeedSplit).""";

    /**
     * Generates a scene set:
     * {@code java -cp <vision-eval classpath> io.sam6d.vision.synthetic.SyntheticScenes MODELS_DIR OUTPUT_DIR
     * SCENES IMAGES_PER_SCENE SEED [--preset clutter] [--objects 1,5,14] [--min-objects N] [--max-objects N]
     * [--size WxH] [--distractors MODELS_DIR]... [--backgrounds table,wall] [--threads N]}.
     */
    public static void main(String[] args) {
        if (args.length < 5) {
            System.err.println(USAGE);
            System.exit(2);
        }
        ConfigSyntheticScenes cfg;
        long seed;
        int scenes, images;
        try {
            cfg = parseOptions(args, 5);
            scenes = Integer.parseInt(args[2]);
            images = Integer.parseInt(args[3]);
            seed = Long.parseLong(args[4]);
            cfg.checkValidity();
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        Summary s = new SyntheticScenes(cfg).generate(Path.of(args[0]), Path.of(args[1]), scenes, images, seed);
        System.out.printf(Locale.ROOT, "%s (seed %d, a %s seed)%n%s%n", args[1], seed, SeedSplit.purposeOf(seed),
                s.describe());
    }

    /** The settings the options from {@code args[from]} on ask for; a preset first, then the other options. */
    static ConfigSyntheticScenes parseOptions(String[] args, int from) {
        ConfigSyntheticScenes cfg = new ConfigSyntheticScenes();
        for (int i = from; i + 1 < args.length; i += 2) {
            if (args[i].equals("--preset")) {
                cfg = ConfigSyntheticScenes.preset(args[i + 1]);
            }
        }
        for (int i = from; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String v = args[i + 1];
            switch (args[i]) {
                case "--preset" -> {
                }
                case "--objects" -> cfg.objectIds = java.util.Arrays.stream(v.split(",")).map(String::trim)
                        .mapToInt(Integer::parseInt).toArray();
                case "--min-objects" -> cfg.minObjects = Integer.parseInt(v);
                case "--max-objects" -> cfg.maxObjects = Integer.parseInt(v);
                case "--threads" -> cfg.threads = Integer.parseInt(v);
                case "--distractors" -> cfg.distractorModelsDirs.add(Path.of(v));
                case "--backgrounds" -> cfg.backgrounds = new ArrayList<>(
                        java.util.Arrays.stream(v.split(",")).map(Background::parse).toList());
                case "--size" -> {
                    String[] wh = v.split("x");
                    if (wh.length != 2) {
                        throw new IllegalArgumentException("--size needs WxH, got '" + v + "'");
                    }
                    int w = Integer.parseInt(wh[0]), h = Integer.parseInt(wh[1]);
                    cfg.camera = cfg.camera.scaled(w / (double) cfg.width, h / (double) cfg.height);
                    cfg.width = w;
                    cfg.height = h;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        return cfg;
    }
}
