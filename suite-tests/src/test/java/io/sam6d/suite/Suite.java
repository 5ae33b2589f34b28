package io.sam6d.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sam6d.support.fixtures.YcbvFixture;
import io.sam6d.vision.io.bop.BopFrame;

/**
 * What every end-to-end test shares, set up once per test JVM: a temporary project root with its own
 * {@code static/} (the demo object, YCB-Video models and two real frames) and the three compute servers (render,
 * ISM, PEM), started once and shared by the H2 and the PostgreSQL main-servers. Everything is killed when the JVM
 * ends.
 */
final class Suite {

    static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    /** The compute servers demand it, the main-servers send it, as in production. */
    static final String INTERNAL_TOKEN = "suite-internal-token";

    /** YCB-Video video 0001, image 1: the cracker box (obj 2) stands upright and is easy to see. */
    static final int SCENE = 1;
    static final int IMAGE = 1;
    /** The design documents' name of the YCB-Video class. */
    static final String YCBV_CLASS = "ycb";
    static final String YCBV_FRAME_DIR = "frames/ycbv_000001_000001";
    /** Where the repository ships the demo frame: the design documents' example inputs, static/test/. */
    static final String LMO_FRAME_DIR = "test";

    private static Suite instance;

    final Path home;
    final Path staticDir;
    final ServerProcess render;
    final ServerProcess ism;
    final ServerProcess pem;

    private Suite() {
        try {
            home = Files.createTempDirectory("sam6d-suite-");
            staticDir = home.resolve("static");
            prepareStatic();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> computeJvm = List.of("-Xmx1g", "-XX:+UseSerialGC", "-Djava.awt.headless=true");
        render = new ServerProcess("render", "render-server", "RENDER_SERVER_PORT", computeJvm, commonEnv(), home);
        ism = new ServerProcess("ism", "ism-server", "ISM_SERVER_PORT", computeJvm, commonEnv(), home);
        pem = new ServerProcess("pem", "pem-server", "PEM_SERVER_PORT", computeJvm, commonEnv(), home);
        List<ServerProcess> compute = List.of(render, ism, pem);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            compute.forEach(ServerProcess::kill);
            deleteTree(home);
        }));
        compute.forEach(ServerProcess::start);
        compute.forEach(s -> s.awaitHealthy(START_TIMEOUT));
    }

    static synchronized Suite get() {
        if (instance == null) {
            instance = new Suite();
        }
        return instance;
    }

    /** Settings every server gets: test mode (no config.env), the shared root, static/ and logs. */
    Map<String, String> commonEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SAM6D_ENV", "test");
        env.put("SAM6D_HOME", home.toString());
        env.put("STATIC_DIR", staticDir.toString());
        // the servers' own log files stay in target/ for a look after a failure (one folder per run)
        env.put("LOG_DIR", ServerProcess.logDir().resolve("files").toString());
        env.put("AUTH_ENABLED", "false");
        env.put("INTERNAL_API_TOKEN", INTERNAL_TOKEN);
        return env;
    }

    /** A main-server (not started) on its own database, talking to the shared compute servers. */
    ServerProcess mainServer(String name, Map<String, String> databaseEnv) {
        Map<String, String> env = commonEnv();
        env.put("ISM_SERVER_URL", ism.baseUrl());
        env.put("PEM_SERVER_URL", pem.baseUrl());
        env.put("RENDER_SERVER_URL", render.baseUrl());
        env.put("COMPUTE_RETRIES", "2");
        env.put("COMPUTE_RETRY_BACKOFF", "500ms");
        env.put("SERVER_CHECK_INTERVAL", "2s");
        env.put("OBJECTS_WATCH_INTERVAL_MS", "1000");
        // a job left by a killed main-server is taken again after its lease; a restart takes longer than this
        env.put("JOB_LEASE", "8s");
        env.put("JOB_POLL_INTERVAL", "200ms");
        env.put("RENDER_POLL_INTERVAL", "200ms");
        env.putAll(databaseEnv);
        return new ServerProcess(name, "main-server", "MAIN_SERVER_PORT",
                List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Djava.awt.headless=true"),
                env, home);
    }

    static BopFrame ycbvFrame() {
        return YcbvFixture.frame(SCENE, IMAGE);
    }

    /**
     * static/meshes/test/obj_000005.ply (the repository's demo object), static/meshes/ycb/ with the models of
     * the YCB-Video frame, and the frames as rgb.png, depth.png, camera.json (BOP cam_K, depth_scale).
     */
    private void prepareStatic() throws IOException {
        Path ycbv = YcbvFixture.staticDir(YCBV_CLASS, 2); // a temp static/ with meshes/ycb/obj_000002.ply
        copyTree(ycbv, staticDir);
        Path demo = ServerProcess.repoDir().resolve("static/meshes/test/obj_000005.ply");
        Files.createDirectories(staticDir.resolve("meshes/test"));
        Files.copy(demo, staticDir.resolve("meshes/test/obj_000005.ply"), StandardCopyOption.REPLACE_EXISTING);

        BopFrame f = ycbvFrame();
        Path frame = Files.createDirectories(staticDir.resolve(YCBV_FRAME_DIR));
        Files.copy(f.rgb(), frame.resolve("rgb.png"));
        Files.copy(f.depth(), frame.resolve("depth.png"));
        double[] k = f.camera().toCamK();
        StringBuilder camK = new StringBuilder();
        for (double v : k) {
            camK.append(camK.length() == 0 ? "" : ", ").append(v);
        }
        Files.writeString(frame.resolve("camera.json"),
                "{\"cam_K\": [" + camK + "], \"depth_scale\": " + f.depthScale() + "}");

        // the demo frame the repository ships (README quick start, the design documents' static/test/)
        Path lmo = ServerProcess.repoDir().resolve("static").resolve(LMO_FRAME_DIR);
        Path lmoFrame = Files.createDirectories(staticDir.resolve(LMO_FRAME_DIR));
        for (String file : List.of("rgb.png", "depth.png", "camera.json")) {
            Files.copy(lmo.resolve(file), lmoFrame.resolve(file));
        }
        Files.createDirectories(staticDir.resolve("templates"));
        Files.createDirectories(staticDir.resolve("output"));
    }

    static Path sharedData() {
        return Path.of(System.getProperty("sam6d.shared.dir", "../../shared")).resolve("data").toAbsolutePath()
                .normalize();
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temp folder left behind is harmless
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
