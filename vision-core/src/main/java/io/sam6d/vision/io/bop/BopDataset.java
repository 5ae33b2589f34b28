package io.sam6d.vision.io.bop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.io.CameraFile;
import io.sam6d.vision.io.MeshReader;

/**
 * A dataset in BOP layout: {@code models/obj_NNNNNN.ply} with {@code models_info.json}, and
 * {@code <split>/<scene:06d>/} with {@code rgb/}, {@code depth/}, {@code scene_camera.json}, {@code scene_gt.json}
 * and optionally {@code scene_gt_info.json}, {@code mask_visib/} and YCB-Video's {@code label/}.
 * Models are read once and kept.
 */
public final class BopDataset {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final Path modelsDir;
    private final Map<Integer, ModelInfo> modelsInfo;
    private final Map<Integer, Mesh> meshes = new ConcurrentHashMap<>();

    private BopDataset(Path root, Path modelsDir, Map<Integer, ModelInfo> modelsInfo) {
        this.root = root;
        this.modelsDir = modelsDir;
        this.modelsInfo = modelsInfo;
    }

    /** Opens the dataset at {@code root} (which holds {@code models/}). */
    public static BopDataset open(Path root) {
        return open(root, root.resolve("models"));
    }

    /** Opens a dataset whose models live elsewhere (for example {@code models_eval/}). */
    public static BopDataset open(Path root, Path modelsDir) {
        Path info = modelsDir.resolve("models_info.json");
        Map<Integer, ModelInfo> infos = Files.isRegularFile(info) ? readModelsInfo(info) : Map.of();
        return new BopDataset(root, modelsDir, infos);
    }

    public Path root() {
        return root;
    }

    public Map<Integer, ModelInfo> modelsInfo() {
        return Collections.unmodifiableMap(modelsInfo);
    }

    public ModelInfo modelInfo(int objId) {
        ModelInfo mi = modelsInfo.get(objId);
        if (mi == null) {
            throw new IllegalArgumentException("object " + objId + " is not in " + modelsDir.resolve("models_info.json"));
        }
        return mi;
    }

    public Path modelPath(int objId) {
        return modelsDir.resolve(String.format("obj_%06d.ply", objId));
    }

    public Mesh model(int objId) {
        return meshes.computeIfAbsent(objId, id -> MeshReader.read(modelPath(id)));
    }

    /** Scene ids of a split ({@code test}, {@code train}, ...), ascending. */
    public List<Integer> scenes(String split) {
        Path dir = root.resolve(split);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d+")).map(Integer::parseInt).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every frame of a scene that has a camera entry, ascending by image id. */
    public List<BopFrame> frames(String split, int sceneId) {
        Path sceneDir = root.resolve(split).resolve(String.format("%06d", sceneId));
        JsonNode cams = readJson(sceneDir.resolve("scene_camera.json"));
        Path gtFile = sceneDir.resolve("scene_gt.json");
        JsonNode gts = Files.isRegularFile(gtFile) ? readJson(gtFile) : JSON.createObjectNode();
        Path infoFile = sceneDir.resolve("scene_gt_info.json");
        JsonNode infos = Files.isRegularFile(infoFile) ? readJson(infoFile) : JSON.createObjectNode();

        Map<Integer, BopFrame> frames = new TreeMap<>();
        for (Iterator<String> it = cams.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            int imId = Integer.parseInt(key);
            JsonNode cam = cams.get(key);
            CameraFile camera = CameraFile.of(cam);
            CameraIntrinsics k = camera.intrinsics();
            double scale = camera.depthScale();
            List<BopFrame.GtPose> gt = new ArrayList<>();
            for (JsonNode g : gts.path(key)) {
                gt.add(new BopFrame.GtPose(g.get("obj_id").asInt(),
                        new RigidTransform(doubles(g.get("cam_R_m2c")), doubles(g.get("cam_t_m2c")))));
            }
            List<BopFrame.GtInfo> gtInfo = new ArrayList<>();
            for (JsonNode g : infos.path(key)) {
                gtInfo.add(new BopFrame.GtInfo(ints(g.get("bbox_obj")), ints(g.get("bbox_visib")),
                        g.path("px_count_visib").asInt(), g.path("visib_fract").asDouble(1.0)));
            }
            String name = String.format("%06d", imId);
            Path rgb = firstExisting(sceneDir.resolve("rgb").resolve(name + ".png"),
                    sceneDir.resolve("rgb").resolve(name + ".jpg"), sceneDir.resolve("gray").resolve(name + ".png"));
            Path label = sceneDir.resolve("label").resolve(name + ".png");
            frames.put(imId, new BopFrame(sceneId, imId, sceneDir, rgb, sceneDir.resolve("depth").resolve(name + ".png"),
                    k, scale, Files.isRegularFile(label) ? label : null, List.copyOf(gt), List.copyOf(gtInfo)));
        }
        return List.copyOf(frames.values());
    }

    public static Map<Integer, ModelInfo> readModelsInfo(Path file) {
        JsonNode root = readJson(file);
        Map<Integer, ModelInfo> out = new TreeMap<>();
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            JsonNode m = root.get(key);
            List<RigidTransform> discrete = new ArrayList<>();
            for (JsonNode s : m.path("symmetries_discrete")) {
                double[] h = doubles(s); // 4x4 row-major, translation in mm
                discrete.add(new RigidTransform(new double[] {h[0], h[1], h[2], h[4], h[5], h[6], h[8], h[9], h[10]},
                        new double[] {h[3], h[7], h[11]}));
            }
            List<ModelInfo.ContinuousSymmetry> continuous = new ArrayList<>();
            for (JsonNode s : m.path("symmetries_continuous")) {
                continuous.add(new ModelInfo.ContinuousSymmetry(doubles(s.get("axis")), doubles(s.get("offset"))));
            }
            int id = Integer.parseInt(key);
            out.put(id, new ModelInfo(id, m.has("name") ? m.get("name").asText() : null,
                    m.path("diameter").asDouble(),
                    new double[] {m.path("min_x").asDouble(), m.path("min_y").asDouble(), m.path("min_z").asDouble()},
                    new double[] {m.path("size_x").asDouble(), m.path("size_y").asDouble(), m.path("size_z").asDouble()},
                    m.path("symmetric_adds").asBoolean(false), m.path("mesh").asBoolean(true),
                    List.copyOf(discrete), List.copyOf(continuous)));
        }
        return out;
    }

    private static Path firstExisting(Path... candidates) {
        for (Path p : candidates) {
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return candidates[0];
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static double[] doubles(JsonNode arr) {
        if (arr == null || !arr.isArray()) {
            return new double[0];
        }
        double[] out = new double[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asDouble();
        }
        return out;
    }

    private static int[] ints(JsonNode arr) {
        if (arr == null || !arr.isArray()) {
            return new int[0];
        }
        int[] out = new int[arr.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asInt();
        }
        return out;
    }
}
