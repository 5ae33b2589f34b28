package io.sam6d.vision.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
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
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
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
 * <p>Each scene puts 1-6 models of a BOP dataset on a tiled table (the plane z = 0 of the world frame, z up), each
 * resting on one of its stable faces ({@link StablePoses}) at a random position and turn, their footprints kept
 * apart. Each image of the scene sees the table from a random direction at 0.5-1.5 m and 25-85 degrees of
 * elevation. Per image it writes {@code rgb/}, {@code depth/} (degraded like a RealSense: {@link DepthNoise}),
 * {@code mask/} and {@code mask_visib/} per object, and per scene {@code scene_gt.json}, {@code scene_camera.json}
 * (with {@code cam_R_w2c}, {@code cam_t_w2c} of the table frame) and {@code scene_gt_info.json}. The used models
 * and their {@code models_info.json} are copied to {@code <output>/models/}.
 *
 * <p>Everything follows from the seed: scene s uses its own random stream derived from (seed, s), so a set is
 * reproducible whatever the number of threads, and scene s is the same whatever the number of scenes.
 */
public final class SyntheticScenes {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final double TABLE_SIZE_MM = 2400;

    private final ConfigSyntheticScenes config;

    /** A model prepared for scenes. */
    private record Prepared(int objId, Mesh mesh, RenderModel render, List<StablePoses.Rest> rests) {
    }

    /** One object placed on the table. */
    private record Placed(Prepared model, RigidTransform modelToWorld, double[] footprintWorld) {
    }

    public SyntheticScenes(ConfigSyntheticScenes config) {
        config.checkValidity();
        this.config = config;
    }

    /**
     * Generates {@code scenes} scenes of {@code imagesPerScene} images each into {@code outputDir} (scene ids
     * 0..scenes-1 under {@code <split>/}).
     *
     * @param modelsDir a BOP {@code models/} directory with {@code models_info.json} and {@code obj_NNNNNN.ply}
     */
    public void generate(Path modelsDir, Path outputDir, int scenes, int imagesPerScene, long seed) {
        if (scenes < 1 || imagesPerScene < 1) {
            throw new IllegalArgumentException("need at least one scene and one image per scene");
        }
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
        Map<Integer, Prepared> prepared = new ConcurrentHashMap<>();
        RenderModel table = RenderModel.of(TableMesh.create(TABLE_SIZE_MM, 48, 7));
        int threads = Math.min(scenes, config.threads > 0 ? config.threads : Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "synthetic-scenes");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int s = 0; s < scenes; s++) {
                int sceneId = s;
                futures.add(pool.submit(() -> {
                    writeScene(models, ids, prepared, table, outputDir, sceneId, imagesPerScene, seed);
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
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
        copyModels(models, modelsDir, outputDir, prepared.keySet());
    }

    private Prepared prepare(BopDataset models, int id) {
        Mesh mesh = models.model(id);
        return new Prepared(id, mesh, RenderModel.of(mesh), StablePoses.of(mesh));
    }

    private void writeScene(BopDataset models, List<Integer> ids, Map<Integer, Prepared> prepared,
            RenderModel table, Path outputDir, int sceneId, int images, long seed) throws IOException {
        long sceneSeed = mix(seed, sceneId);
        Random rnd = new Random(sceneSeed);
        List<Integer> pool = new ArrayList<>(ids);
        java.util.Collections.shuffle(pool, rnd);
        int wanted = config.minObjects + rnd.nextInt(config.maxObjects - config.minObjects + 1);
        List<Placed> placed = new ArrayList<>();
        for (int k = 0; k < Math.min(wanted, pool.size()); k++) {
            Prepared m = prepared.computeIfAbsent(pool.get(k), id -> prepare(models, id));
            Placed p = place(m, placed, rnd);
            if (p != null) {
                placed.add(p);
            }
        }
        if (placed.isEmpty()) {
            throw new IllegalStateException("scene " + sceneId + ": no object fits on the table");
        }
        double[] target = new double[3];
        for (Placed p : placed) {
            target[0] += p.modelToWorld.t(0) / placed.size();
            target[1] += p.modelToWorld.t(1) / placed.size();
        }
        Path dir = outputDir.resolve(config.split).resolve(String.format(Locale.ROOT, "%06d", sceneId));
        Files.createDirectories(dir.resolve("rgb"));
        Files.createDirectories(dir.resolve("depth"));
        Files.createDirectories(dir.resolve("mask"));
        Files.createDirectories(dir.resolve("mask_visib"));
        ObjectNode sceneGt = JSON.createObjectNode();
        ObjectNode sceneCamera = JSON.createObjectNode();
        ObjectNode sceneGtInfo = JSON.createObjectNode();
        MeshRenderer renderer = new MeshRenderer();
        for (int im = 0; im < images; im++) {
            RigidTransform worldToCamera = sampleCamera(rnd, target);
            Random noise = new Random(mix(sceneSeed, im + 1));
            writeImage(renderer, placed, table, worldToCamera, dir, im, noise, sceneGt, sceneCamera, sceneGtInfo);
        }
        JSON.writeValue(dir.resolve("scene_camera.json").toFile(), sceneCamera);
        JSON.writeValue(dir.resolve("scene_gt_info.json").toFile(), sceneGtInfo);
        JSON.writeValue(dir.resolve("scene_gt.json").toFile(), sceneGt);
    }

    /** A stable resting pose at a free spot of the table, or null when none was found. */
    private Placed place(Prepared m, List<Placed> others, Random rnd) {
        for (int attempt = 0; attempt < 200; attempt++) {
            StablePoses.Rest rest = pick(m.rests, rnd);
            double yaw = rnd.nextDouble() * 2 * Math.PI;
            double r = config.placementRadiusMm * Math.sqrt(rnd.nextDouble());
            double a = rnd.nextDouble() * 2 * Math.PI;
            double x = r * Math.cos(a), y = r * Math.sin(a);
            double[] footprint = Polygon2.transformed(rest.footprint(), yaw, x, y);
            boolean free = true;
            for (Placed o : others) {
                if (Polygon2.separation(footprint, o.footprintWorld) < config.clearanceMm) {
                    free = false;
                    break;
                }
            }
            if (free) {
                RigidTransform turn = RigidTransform.fromAxisAngle(0, 0, 1, yaw, new double[] {x, y, 0});
                return new Placed(m, turn.compose(rest.modelToRest()), footprint);
            }
        }
        return null;
    }

    /** A resting pose drawn with its probability. */
    private static StablePoses.Rest pick(List<StablePoses.Rest> rests, Random rnd) {
        double u = rnd.nextDouble();
        for (StablePoses.Rest r : rests) {
            u -= r.probability();
            if (u < 0) {
                return r;
            }
        }
        return rests.get(rests.size() - 1);
    }

    private RigidTransform sampleCamera(Random rnd, double[] target) {
        double dist = config.minDistanceMm + rnd.nextDouble() * (config.maxDistanceMm - config.minDistanceMm);
        double el = Math.toRadians(config.minElevationDeg
                + rnd.nextDouble() * (config.maxElevationDeg - config.minElevationDeg));
        double az = rnd.nextDouble() * 2 * Math.PI;
        double[] look = {target[0] + (rnd.nextDouble() - 0.5) * 60, target[1] + (rnd.nextDouble() - 0.5) * 60,
            rnd.nextDouble() * 40};
        double[] eye = {look[0] + dist * Math.cos(el) * Math.cos(az), look[1] + dist * Math.cos(el) * Math.sin(az),
            look[2] + dist * Math.sin(el)};
        return ViewSphere.lookAt(eye, look, new double[] {0, 0, 1});
    }

    private void writeImage(MeshRenderer renderer, List<Placed> placed, RenderModel table,
            RigidTransform worldToCamera, Path dir, int im, Random noise, ObjectNode sceneGt, ObjectNode sceneCamera,
            ObjectNode sceneGtInfo) throws IOException {
        int w = config.width, h = config.height;
        List<RenderInstance> instances = new ArrayList<>();
        for (Placed p : placed) {
            instances.add(new RenderInstance(p.model.render, worldToCamera.compose(p.modelToWorld)));
        }
        instances.add(new RenderInstance(table, worldToCamera));
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
        for (int k = 0; k < placed.size(); k++) {
            RigidTransform m2c = instances.get(k).modelToCamera();
            ObjectNode gt = gts.addObject();
            putArray(gt, "cam_R_m2c", m2c.rotation());
            putArray(gt, "cam_t_m2c", m2c.translation());
            gt.put("obj_id", placed.get(k).model.objId);

            // the whole silhouette, as if nothing hid it
            boolean[] full = new boolean[w * h];
            PixelRegion region = MeshRenderer.projectedRegion(instances.get(k).model(), m2c, config.camera, w, h, 1);
            if (region != null) {
                RenderResult alone = renderer.render(instances.get(k).model(), m2c, config.camera, w, h, region,
                        RenderOutput.DEPTH_MASK);
                for (int y = 0; y < alone.height(); y++) {
                    for (int x = 0; x < alone.width(); x++) {
                        if (alone.mask()[y * alone.width() + x]) {
                            full[(y + alone.regionY()) * w + x + alone.regionX()] = true;
                        }
                    }
                }
            }
            boolean[] visible = new boolean[w * h];
            int all = 0, visib = 0, valid = 0;
            for (int i = 0; i < full.length; i++) {
                visible[i] = instance[i] == k;
                all += full[i] ? 1 : 0;
                visib += visible[i] ? 1 : 0;
                valid += full[i] && depth[i] > 0 ? 1 : 0;
            }
            String maskName = String.format(Locale.ROOT, "%06d_%06d.png", im, k);
            ImageFiles.write(dir.resolve("mask").resolve(maskName), ImageFiles.encodeMaskPng(full, w, h));
            ImageFiles.write(dir.resolve("mask_visib").resolve(maskName), ImageFiles.encodeMaskPng(visible, w, h));
            ObjectNode info = infos.addObject();
            putInts(info, "bbox_obj", bboxBop(full, w, h));
            putInts(info, "bbox_visib", bboxBop(visible, w, h));
            info.put("px_count_all", all);
            info.put("px_count_valid", valid);
            info.put("px_count_visib", visib);
            info.put("visib_fract", all == 0 ? 0.0 : visib / (double) all);
        }
        ObjectNode cam = sceneCamera.putObject(String.valueOf(im));
        putArray(cam, "cam_K", config.camera.toCamK());
        cam.put("depth_scale", config.depthScale);
        putArray(cam, "cam_R_w2c", worldToCamera.rotation());
        putArray(cam, "cam_t_w2c", worldToCamera.translation());
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

    /**
     * Generates a scene set:
     * {@code java -cp <vision-core classpath> io.sam6d.vision.synthetic.SyntheticScenes MODELS_DIR OUTPUT_DIR
     * SCENES IMAGES_PER_SCENE SEED [--objects 1,5,14] [--min-objects N] [--max-objects N] [--size WxH]}.
     */
    public static void main(String[] args) {
        if (args.length < 5) {
            System.err.println("usage: SyntheticScenes MODELS_DIR OUTPUT_DIR SCENES IMAGES_PER_SCENE SEED"
                    + " [--objects 1,5,14] [--min-objects N] [--max-objects N] [--size WxH]");
            System.exit(2);
        }
        ConfigSyntheticScenes cfg = new ConfigSyntheticScenes();
        for (int i = 5; i < args.length; i += 2) {
            String v = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--objects" -> cfg.objectIds = java.util.Arrays.stream(v.split(",")).map(String::trim)
                        .mapToInt(Integer::parseInt).toArray();
                case "--min-objects" -> cfg.minObjects = Integer.parseInt(v);
                case "--max-objects" -> cfg.maxObjects = Integer.parseInt(v);
                case "--size" -> {
                    String[] wh = v.split("x");
                    int w = Integer.parseInt(wh[0]), h = Integer.parseInt(wh[1]);
                    cfg.camera = cfg.camera.scaled(w / (double) cfg.width, h / (double) cfg.height);
                    cfg.width = w;
                    cfg.height = h;
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long t0 = System.nanoTime();
        int scenes = Integer.parseInt(args[2]), images = Integer.parseInt(args[3]);
        new SyntheticScenes(cfg).generate(Path.of(args[0]), Path.of(args[1]), scenes, images,
                Long.parseLong(args[4]));
        System.out.printf(Locale.ROOT, "%d scenes x %d images written to %s in %.1f s%n", scenes, images, args[1],
                (System.nanoTime() - t0) / 1e9);
    }
}
