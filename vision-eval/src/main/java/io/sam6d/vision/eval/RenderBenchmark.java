package io.sam6d.vision.eval;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.io.Directories;
import io.sam6d.vision.io.MeshReader;
import io.sam6d.vision.render.ConfigMeshRenderer;
import io.sam6d.vision.render.ConfigTemplateRendering;
import io.sam6d.vision.render.MeshRenderer;
import io.sam6d.vision.render.PixelRegion;
import io.sam6d.vision.render.RenderModel;
import io.sam6d.vision.render.RenderOutput;
import io.sam6d.vision.render.TemplateObject;
import io.sam6d.vision.render.TemplateRenderer;
import io.sam6d.vision.render.ViewSphere;

/**
 * Speed of the rasteriser and of template rendering on the suite's real meshes. A command, not a test:
 * <pre>
 * scripts/bench.sh render [--data DIR] [--repeat N] [--views N] [--size PX] [--threads N] [--mesh FILE]...
 * </pre>
 * {@code --data} is the shared data directory (default: {@link SharedDataDir});
 * {@code --mesh} replaces the default list (the LM-O can and five YCB-Video models, one a point set). For every
 * mesh it prints the milliseconds of one 640x480 render (depth+mask, everything, everything with back-face
 * culling, depth+mask restricted to the object's region) and the seconds to render and write the default 42
 * templates. Single renders are medians after a warm-up of the rendering thread's CPU time (on a shared machine
 * wall-clock time mostly measures the wait for a core; the wall-clock median of depth+mask is printed beside it);
 * template sets are wall-clock on all threads, and single-threaded CPU time of the rendering alone.
 */
public final class RenderBenchmark {

    private static final CameraIntrinsics CAMERA = new CameraIntrinsics(1066.778, 1067.487, 312.9869, 241.3109);

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path data = null;
        int repeat = 50;
        ConfigTemplateRendering templates = new ConfigTemplateRendering();
        List<Path> meshes = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data" -> data = Path.of(next(args, ++i, a));
                case "--repeat" -> repeat = Integer.parseInt(next(args, ++i, a));
                case "--views" -> templates.views = Integer.parseInt(next(args, ++i, a));
                case "--size" -> templates.imageSize = Integer.parseInt(next(args, ++i, a));
                case "--threads" -> templates.threads = Integer.parseInt(next(args, ++i, a));
                case "--mesh" -> meshes.add(Path.of(next(args, ++i, a)));
                case "-h", "--help" -> {
                    System.out.println("usage: RenderBenchmark [--data DIR] [--repeat N] [--views N] [--size PX]"
                            + " [--threads N] [--mesh FILE]...");
                    return;
                }
                default -> throw new IllegalArgumentException("unknown argument " + a + " (try --help)");
            }
        }
        templates.checkValidity();
        if (meshes.isEmpty()) {
            Path d = data != null ? data : SharedDataDir.data();
            meshes.add(d.resolve("lmo_example/obj_000005.ply"));
            for (int id : new int[] {1, 2, 5, 14, 17}) {
                meshes.add(d.resolve(String.format("ycbv_real/models/obj_%06d.ply", id)));
            }
        }
        System.out.printf(Locale.ROOT, "processors: %d, repeat: %d, templates: %d views of %dx%d px%n",
                Runtime.getRuntime().availableProcessors(), repeat, templates.views, templates.imageSize,
                templates.imageSize);
        System.out.println("| mesh | triangles | points | depth+mask 640x480 ms (wall) | all outputs ms"
                + " | all, culled ms | depth+mask in region ms | 42 templates s (wall) | templates, render only s |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        Path scratch = Files.createTempDirectory("render-bench");
        try {
            for (Path file : meshes) {
                benchmark(file, repeat, templates, scratch);
            }
        } finally {
            Directories.deleteQuietly(scratch);
        }
    }

    private static void benchmark(Path file, int repeat, ConfigTemplateRendering templates, Path scratch) {
        Mesh mesh = MeshReader.read(file);
        RenderModel model = RenderModel.of(mesh);
        RigidTransform pose = benchmarkPose(model);
        double[] depthMs = singleRender(model, pose, null, false, RenderOutput.DEPTH_MASK, repeat);
        double allMs = singleRender(model, pose, null, false, RenderOutput.ALL, repeat)[0];
        double culledMs = singleRender(model, pose, null, true, RenderOutput.ALL, repeat)[0];
        PixelRegion roi = MeshRenderer.projectedRegion(model, pose, CAMERA, 640, 480, 2);
        double roiMs = singleRender(model, pose, roi, false, RenderOutput.DEPTH_MASK, repeat)[0];

        TemplateRenderer renderer = TemplateRenderer.cpu(templates);
        TemplateObject object = new TemplateObject("bench", file.getFileName().toString(), file.toString());
        Path out = scratch.resolve("t");
        renderer.render(mesh, object, out, null); // warm-up
        long t0 = System.nanoTime();
        renderer.render(mesh, object, out, null);
        double templateS = (System.nanoTime() - t0) / 1e9;
        double renderOnlyS = renderOnly(model, templates);
        System.out.printf(Locale.ROOT, "| %s | %d | %d | %.2f (%.2f) | %.2f | %.2f | %.2f | %.2f | %.2f |%n",
                file.getFileName(), mesh.triangleCount(), mesh.vertexCount(), depthMs[0], depthMs[1], allMs,
                culledMs, roiMs, templateS, renderOnlyS);
    }

    /** The object's centre 700 mm in front of the camera, turned so that three sides show. */
    private static RigidTransform benchmarkPose(RenderModel model) {
        RigidTransform rot = RigidTransform.fromAxisAngle(1, 0.5, 0.2, 0.8, new double[3]);
        double[] c = model.centerMm();
        double[] rc = rot.rotate(c[0], c[1], c[2]);
        return new RigidTransform(rot.rotation(), new double[] {-rc[0], -rc[1], 700 - rc[2]});
    }

    /** {@code {median thread CPU ms, median wall ms}} of one render. */
    private static double[] singleRender(RenderModel model, RigidTransform pose, PixelRegion roi, boolean cull,
            Set<RenderOutput> outputs, int repeat) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        ConfigMeshRenderer cfg = new ConfigMeshRenderer();
        cfg.cullBackFaces = cull;
        MeshRenderer r = new MeshRenderer(cfg);
        for (int i = 0; i < Math.max(20, repeat / 2); i++) {
            r.render(model, pose, CAMERA, 640, 480, roi, outputs);
        }
        double[] cpu = new double[repeat];
        double[] wall = new double[repeat];
        for (int i = 0; i < repeat; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            r.render(model, pose, CAMERA, 640, 480, roi, outputs);
            wall[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        return new double[] {cpu[repeat / 2], wall[repeat / 2]};
    }

    /** The template views rendered on one thread without writing files: the rasteriser's share of the time. */
    private static double renderOnly(RenderModel model, ConfigTemplateRendering templates) {
        MeshRenderer r = new MeshRenderer(templates.renderer);
        double[] c = model.centerMm();
        double radius = model.radiusMm();
        double distance = templates.distanceMm > 0 ? templates.distanceMm
                : templates.distanceFactor * io.sam6d.vision.geometry.MeshOps.diameter(model.mesh());
        int size = templates.imageSize;
        double focal = templates.fill * size / 2.0 * Math.sqrt(distance * distance - radius * radius) / radius;
        CameraIntrinsics k = new CameraIntrinsics(focal, focal, (size - 1) / 2.0, (size - 1) / 2.0);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long t0 = threads.getCurrentThreadCpuTime();
        for (double[] d : ViewSphere.directions(templates.views)) {
            double[] eye = {c[0] + distance * d[0], c[1] + distance * d[1], c[2] + distance * d[2]};
            r.render(model, ViewSphere.lookAt(eye, c, ViewSphere.up()), k, size, size, RenderOutput.ALL);
        }
        return (threads.getCurrentThreadCpuTime() - t0) / 1e9;
    }

    private static String next(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
