package io.sam6d.vision.render;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.io.Directories;
import io.sam6d.vision.io.Npy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link TemplateRenderer} over {@link MeshRenderer}, rendering views in parallel, one rasteriser per thread. */
final class CpuTemplateRenderer implements TemplateRenderer {

    private static final Logger log = LoggerFactory.getLogger(CpuTemplateRenderer.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ConfigTemplateRendering config;

    CpuTemplateRenderer(ConfigTemplateRendering config) {
        this.config = config;
    }

    /** A rendered view's facts for views.json. */
    private record ViewRecord(int id, RigidTransform pose, int visiblePixels, int[] bbox) {
    }

    @Override
    public TemplateSet render(Mesh mesh, TemplateObject object, Path outputDir, Progress progress) {
        Progress listener = progress == null ? Progress.NONE : progress;
        Mesh mm = config.unitScale == 1.0 ? mesh : scaled(mesh, config.unitScale);
        MeshCheck check = MeshCheck.require(mm);
        if (!check.isClosedManifold() && check.triangles() > 0) {
            log.info("{}: open or non-manifold surface ({} boundary edges, {} non-manifold edges); rendering it as is",
                    object.objectName(), check.boundaryEdges(), check.nonManifoldEdges());
        }
        RenderModel model = RenderModel.of(mm);
        double[] center = model.centerMm();
        double radius = model.radiusMm();
        double distance = config.distanceMm > 0 ? config.distanceMm : config.distanceFactor * check.diameterMm();
        if (!(distance > 1.01 * radius)) {
            throw new IllegalArgumentException(String.format(
                    "distance_mm %.1f puts the camera inside the object's bounding sphere (radius %.1f mm)",
                    distance, radius));
        }
        int size = config.imageSize;
        double focal = config.fill * size / 2.0 * Math.sqrt(distance * distance - radius * radius) / radius;
        CameraIntrinsics camera = new CameraIntrinsics(focal, focal, (size - 1) / 2.0, (size - 1) / 2.0);
        List<double[]> dirs = ViewSphere.directions(config.views);

        Path target = outputDir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        Path staging = parent.resolve(".staging-" + target.getFileName() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            ViewRecord[] records = renderViews(model, center, distance, camera, dirs, staging, listener);
            writeIndex(staging.resolve(TemplateSet.VIEWS_FILE), object, check, model, distance, camera, records);
            publish(staging, target);
        } catch (IOException e) {
            Directories.deleteQuietly(staging);
            throw new UncheckedIOException("cannot write templates to " + target + ": " + e.getMessage(), e);
        } catch (RuntimeException | Error e) {
            Directories.deleteQuietly(staging);
            throw e;
        }
        return TemplateSet.read(target);
    }

    private ViewRecord[] renderViews(RenderModel model, double[] center, double distance, CameraIntrinsics camera,
            List<double[]> dirs, Path dir, Progress progress) throws IOException {
        int n = dirs.size();
        int threads = Math.min(n, config.threads > 0 ? config.threads : Runtime.getRuntime().availableProcessors());
        ViewRecord[] records = new ViewRecord[n];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean failed = new AtomicBoolean();
        int[] done = {0};
        Runnable worker = () -> {
            MeshRenderer renderer = new MeshRenderer(config.renderer);
            int i;
            while (!failed.get() && !Thread.currentThread().isInterrupted() && (i = next.getAndIncrement()) < n) {
                try {
                    records[i] = renderView(renderer, model, center, distance, camera, dirs.get(i), i, dir);
                } catch (RuntimeException | Error e) {
                    failed.set(true);
                    throw e;
                }
                synchronized (done) {
                    done[0]++;
                    progress.viewsDone(done[0], n);
                }
            }
        };
        if (threads <= 1) {
            worker.run();
        } else {
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread t = new Thread(r, "template-render");
                t.setDaemon(true);
                return t;
            });
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int k = 0; k < threads; k++) {
                    futures.add(pool.submit(worker));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("template rendering was interrupted", e);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            } finally {
                pool.shutdownNow();
            }
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("template rendering was interrupted");
        }
        for (ViewRecord r : records) {
            if (r == null) {
                throw new IllegalStateException("template rendering stopped before every view was done");
            }
        }
        return records;
    }

    private ViewRecord renderView(MeshRenderer renderer, RenderModel model, double[] center, double distance,
            CameraIntrinsics camera, double[] dir, int id, Path out) {
        double[] eye = {center[0] + distance * dir[0], center[1] + distance * dir[1], center[2] + distance * dir[2]};
        RigidTransform pose = ViewSphere.lookAt(eye, center, ViewSphere.up());
        int size = config.imageSize;
        RenderResult r = renderer.render(model, pose, camera, size, size, RenderOutput.ALL);
        ImageFiles.write(out.resolve("rgb_" + id + ".png"), ImageFiles.encodeRgbPng(new RgbImage(size, size, r.rgb())));
        ImageFiles.write(out.resolve("mask_" + id + ".png"), ImageFiles.encodeMaskPng(r.mask(), size, size));
        Npy.writeFloat32(out.resolve("xyz_" + id + ".npy"), r.xyzMm(), size, size, 3);
        ImageFiles.write(out.resolve("depth_" + id + ".png"),
                ImageFiles.encodeDepthPng(new DepthImage(size, size, r.depthMm()), 1.0));
        return new ViewRecord(id, pose, r.pixelCount(), r.bbox());
    }

    private void writeIndex(Path file, TemplateObject object, MeshCheck check, RenderModel model, double distance,
            CameraIntrinsics camera, ViewRecord[] records) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", "sam6d-templates/1");
        root.put("object", object.objectName());
        root.put("class", object.className());
        root.put("mesh", object.mesh());
        root.put("unit_scale", config.unitScale);
        root.put("diameter_mm", check.diameterMm());
        root.put("bounding_radius_mm", model.radiusMm());
        ArrayNode c = root.putArray("center_mm");
        for (double v : model.centerMm()) {
            c.add(v);
        }
        root.put("image_size", config.imageSize);
        root.put("distance_mm", distance);
        root.put("view_count", records.length);
        ArrayNode up = root.putArray("up");
        for (double v : ViewSphere.up()) {
            up.add(v);
        }
        root.put("xyz_unit", "mm");
        root.put("created_at", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        ObjectNode mc = root.putObject("mesh_check");
        mc.put("vertices", check.vertices());
        mc.put("triangles", check.triangles());
        mc.put("degenerate_triangles", check.degenerateTriangles());
        mc.put("boundary_edges", check.boundaryEdges());
        mc.put("non_manifold_edges", check.nonManifoldEdges());
        ArrayNode views = root.putArray("views");
        for (ViewRecord r : records) {
            ObjectNode v = views.addObject();
            v.put("id", r.id());
            ArrayNode rr = v.putArray("cam_R_m2c");
            for (double x : r.pose().rotation()) {
                rr.add(x);
            }
            ArrayNode tt = v.putArray("cam_t_m2c");
            for (double x : r.pose().translation()) {
                tt.add(x);
            }
            ArrayNode kk = v.putArray("cam_K");
            for (double x : camera.toCamK()) {
                kk.add(x);
            }
            v.put("width", config.imageSize);
            v.put("height", config.imageSize);
            v.put("depth_scale", 1.0);
            v.put("rgb", "rgb_" + r.id() + ".png");
            v.put("mask", "mask_" + r.id() + ".png");
            v.put("xyz", "xyz_" + r.id() + ".npy");
            v.put("depth", "depth_" + r.id() + ".png");
            v.put("visible_px", r.visiblePixels());
            ArrayNode bb = v.putArray("bbox");
            for (int x : r.bbox()) {
                bb.add(x);
            }
        }
        // written under a temporary name and renamed: views.json is the mark of a complete set
        Path tmp = file.resolveSibling(".views.json.tmp");
        JSON.writeValue(tmp.toFile(), root);
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Moves the finished staging directory into place, replacing an older set. */
    private static void publish(Path staging, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling(".old-" + target.getFileName() + "-" + UUID.randomUUID());
            move(target, old);
        }
        try {
            move(staging, target);
        } catch (IOException e) {
            if (old != null && !Files.exists(target)) {
                move(old, target);
                old = null;
            }
            throw e;
        } finally {
            if (old != null) {
                Directories.deleteQuietly(old);
            }
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    private static Mesh scaled(Mesh mesh, double s) {
        float[] p = mesh.positions();
        float[] q = new float[p.length];
        for (int i = 0; i < p.length; i++) {
            q[i] = (float) (p[i] * s);
        }
        return new Mesh(q, mesh.normals(), mesh.colors(), mesh.triangles());
    }
}
