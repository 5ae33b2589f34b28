package io.sam6d.vision.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam6d.vision.SharedData;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.io.Directories;

/**
 * Test fixture: a fixed, tiny cluttered synthetic set (clutter preset, 160 x 120 pixels, 2 scenes of 2 images,
 * YCB-Video objects 5, 17 (a point set) and 21 with the LM-O ape as a distractor), generated once per test JVM into
 * a temporary directory that is deleted at exit.
 */
public final class TinyClutterSet {

    public static final int[] OBJECTS = {5, 17, 21};
    public static final long SEED = 7;

    private static Path root;

    private TinyClutterSet() {
    }

    /** The settings the set is generated with. */
    static ConfigSyntheticScenes config(Path distractors) {
        ConfigSyntheticScenes c = ConfigSyntheticScenes.preset("clutter");
        c.objectIds = OBJECTS;
        c.minObjects = 3;
        c.maxObjects = 3;
        c.duplicateProbability = 0;
        c.minDistractors = 1;
        c.maxDistractors = 1;
        c.distractorModelsDirs.add(distractors);
        c.width = 160;
        c.height = 120;
        c.camera = new CameraIntrinsics(153.75, 153.75, 79.5, 59.5);
        c.threads = 1;
        return c;
    }

    /** The set's root (BOP layout: {@code models/}, {@code test/000000/}, {@code test/000001/}). */
    public static synchronized Path get() {
        if (root == null) {
            try {
                Path dir = Files.createTempDirectory("tiny-clutter");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> Directories.deleteQuietly(dir)));
                Path distractors = apeOnly(dir.resolve("lmo_models").resolve("models"));
                new SyntheticScenes(config(distractors)).generate(SharedData.ycbv().resolve("models"),
                        dir.resolve("set"), 2, 2, SEED);
                root = dir.resolve("set");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return root;
    }

    /** A models directory holding only LM-O's ape (object 1), to keep the fixture quick. */
    static Path apeOnly(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path lmo = SharedData.lmoModels().resolve("models");
        Files.copy(lmo.resolve("obj_000001.ply"), dir.resolve("obj_000001.ply"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode info = json.createObjectNode();
        info.set("1", json.readTree(lmo.resolve("models_info.json").toFile()).get("1"));
        json.writeValue(dir.resolve("models_info.json").toFile(), info);
        return dir;
    }

    static List<Integer> objects() {
        return java.util.Arrays.stream(OBJECTS).boxed().toList();
    }
}
