package io.sam6d.render.templates;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sam6d.model.render.RenderJobList;
import io.sam6d.model.render.RenderJobStatus;
import io.sam6d.model.render.RenderOptions;
import io.sam6d.model.render.RenderTemplatesRequest;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.web.ApiException;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.io.MeshFormatException;
import io.sam6d.vision.io.MeshReader;
import io.sam6d.vision.render.ConfigTemplateRendering;
import io.sam6d.vision.render.TemplateObject;
import io.sam6d.vision.render.TemplateRenderer;
import io.sam6d.vision.render.TemplateSet;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.util.FileSystemUtils;

/**
 * Render jobs: validates requests, queues them on a bounded pool, runs the template renderer and remembers the
 * recent jobs in memory. A job for an object whose job is still pending or running is answered with that job.
 */
@Service
class RenderJobService {

    private static final Logger log = LoggerFactory.getLogger(RenderJobService.class);
    private static final List<String> MESH_EXTENSIONS = List.of("ply", "obj", "stl");
    private static final Duration STAGING_MAX_AGE = Duration.ofHours(1);
    private static final Set<String> STATES = Set.of("pending", "running", "completed", "failed");

    private final StaticDirectory staticDir;
    private final RenderProperties properties;
    private final ThreadPoolExecutor executor;
    private final MeterRegistry meters;
    /** Every remembered job by id, oldest first. */
    private final LinkedHashMap<String, RenderJob> jobs = new LinkedHashMap<>();
    /** The pending or running job of each output directory. */
    private final Map<Path, RenderJob> active = new LinkedHashMap<>();

    RenderJobService(StaticDirectory staticDir, RenderProperties properties, ObjectProvider<MeterRegistry> meters) {
        this.staticDir = staticDir;
        this.properties = properties;
        this.meters = meters.getIfAvailable();
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(properties.workers(), properties.workers(), 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.queueCapacity()), r -> {
                    Thread t = new Thread(r, "render-job-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        try {
            Files.createDirectories(staticDir.templates());
        } catch (IOException e) {
            log.error("cannot create {}: {}; render jobs will fail until it exists", staticDir.templates(), e.toString());
        }
        removeAbandonedStaging();
    }

    /**
     * Deletes staging directories left by a server that stopped while rendering. Only old ones: a replica sharing
     * static/ may be rendering into a fresh one right now.
     */
    private void removeAbandonedStaging() {
        Instant cutoff = Instant.now().minus(STAGING_MAX_AGE);
        try (DirectoryStream<Path> classes = Files.newDirectoryStream(staticDir.templates(), Files::isDirectory)) {
            for (Path classDir : classes) {
                try (DirectoryStream<Path> dirs = Files.newDirectoryStream(classDir,
                        p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
                                && (p.getFileName().toString().startsWith(".staging-")
                                || p.getFileName().toString().startsWith(".old-")))) {
                    for (Path d : dirs) {
                        if (Files.getLastModifiedTime(d).toInstant().isBefore(cutoff)) {
                            log.info("removing abandoned {}", staticDir.display(d));
                            FileSystemUtils.deleteRecursively(d);
                        }
                    }
                }
            }
        } catch (IOException e) {
            log.warn("could not look for abandoned staging directories: {}", e.toString());
        }
    }

    /**
     * Accepts a request: answers at once with the job (pending, or completed and skipped when complete templates
     * exist and no re-render is forced).
     *
     * @throws ApiException              400/404 naming the request field at fault
     * @throws RenderQueueFullException when no worker or queue slot is free
     */
    RenderJobStatus submit(RenderTemplatesRequest request) {
        if (request == null) {
            throw ApiException.badRequest("body", "a JSON body is required");
        }
        String className = StaticDirectory.requireSafeName(request.className(), "class_name");
        Path meshFile;
        String objectName;
        if (request.meshPath() != null && !request.meshPath().isBlank()) {
            meshFile = staticDir.resolveRequestPath(request.meshPath(), "mesh_path");
            String ext = extension(meshFile);
            if (!MESH_EXTENSIONS.contains(ext)) {
                throw ApiException.badRequest("mesh_path", "mesh_path must name a .ply, .obj or .stl file");
            }
            if (!Files.isRegularFile(meshFile)) {
                throw ApiException.notFound("mesh_path", "no mesh file at " + staticDir.display(meshFile));
            }
            objectName = request.objectName() != null ? StaticDirectory.requireSafeName(request.objectName(),
                    "object_name") : stemAsObjectName(meshFile);
        } else {
            objectName = StaticDirectory.requireSafeName(request.objectName(), "object_name");
            meshFile = findMesh(className, objectName);
        }
        ConfigTemplateRendering config = toConfig(request.options());
        Path outputDir = staticDir.templates().resolve(className).resolve(objectName);

        synchronized (this) {
            RenderJob running = active.get(outputDir);
            if (running != null) {
                log.info("job {} for {}/{} is still {}; answering with it", running.id, className, objectName,
                        running.state().json());
                return running.status();
            }
            RenderJob job = new RenderJob(UUID.randomUUID().toString(), className, objectName, meshFile,
                    staticDir.display(meshFile), outputDir, staticDir.display(outputDir), config);
            if (!request.forceRegenerate() && TemplateSet.isComplete(outputDir)) {
                int views = TemplateSet.read(outputDir).size();
                job.completed(views, true);
                remember(job);
                log.info("job {}: {}/{} already has {} complete templates; skipped (force_regenerate to redo)",
                        job.id, className, objectName, views);
                return job.status();
            }
            active.put(outputDir, job);
            try {
                executor.execute(() -> run(job));
            } catch (RejectedExecutionException e) {
                active.remove(outputDir, job);
                log.warn("job for {}/{} refused: {} workers busy, {} queued", className, objectName,
                        properties.workers(), properties.queueCapacity());
                throw new RenderQueueFullException("all " + properties.workers() + " render workers are busy and "
                        + properties.queueCapacity() + " jobs are waiting; try again later");
            }
            remember(job);
            log.info("job {} queued: {}/{} from {} ({} views of {} px)", job.id, className, objectName,
                    job.meshDisplay, config.views, config.imageSize);
            return job.status();
        }
    }

    RenderJobStatus status(String jobId) {
        if (jobId == null || !jobId.matches("[A-Za-z0-9-]{1,64}")) {
            throw ApiException.badRequest("job_id", "job_id must be a job id as returned by POST /api/v1/render/templates");
        }
        RenderJob job;
        synchronized (this) {
            job = jobs.get(jobId);
        }
        if (job == null) {
            throw ApiException.notFound("job_id", "no render job " + jobId + " (unknown, or forgotten after "
                    + properties.recentJobs() + " newer jobs or a restart)");
        }
        return job.status();
    }

    /** The newest {@code limit} jobs, optionally only those in one state. */
    RenderJobList recent(int limit, String state) {
        if (state != null && !STATES.contains(state.toLowerCase(Locale.ROOT))) {
            throw ApiException.badRequest("status", "status must be pending, running, completed or failed");
        }
        List<RenderJob> all;
        synchronized (this) {
            all = new ArrayList<>(jobs.values());
        }
        List<RenderJobStatus> out = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && out.size() < limit; i--) {
            RenderJobStatus s = all.get(i).status();
            if (state == null || s.status().equalsIgnoreCase(state)) {
                out.add(s);
            }
        }
        return new RenderJobList(out, all.size());
    }

    int queued() {
        return executor.getQueue().size();
    }

    int running() {
        return executor.getActiveCount();
    }

    boolean accepting() {
        return !executor.isShutdown();
    }

    @PreDestroy
    void shutdown() {
        executor.shutdownNow();
    }

    private void run(RenderJob job) {
        job.started();
        log.info("job {} started: {}/{}", job.id, job.className, job.objectName);
        long t0 = System.nanoTime();
        String outcome = "failed";
        try {
            Mesh mesh = MeshReader.read(job.meshFile);
            int[] lastLogged = {-1};
            TemplateSet set = TemplateRenderer.cpu(job.config).render(mesh,
                    new TemplateObject(job.className, job.objectName, job.meshDisplay), job.outputDir,
                    (done, total) -> {
                        int p = job.viewsDone(done, total);
                        if (p / 10 != lastLogged[0] / 10) {
                            lastLogged[0] = p;
                            log.info("job {} {}/{}: {}% ({}/{} views)", job.id, job.className, job.objectName, p,
                                    done, total);
                        }
                    });
            job.completed(set.size(), false);
            outcome = "completed";
            log.info("job {} completed: {} views in {} ({} ms)", job.id, set.size(), job.outputDisplay,
                    (System.nanoTime() - t0) / 1_000_000);
        } catch (MeshFormatException e) {
            job.failed("bad mesh " + job.meshDisplay + ": " + e.getMessage());
            log.warn("job {} failed: {}", job.id, e.getMessage());
        } catch (IllegalArgumentException e) {
            job.failed(e.getMessage());
            log.warn("job {} failed: {}", job.id, e.getMessage());
        } catch (OutOfMemoryError e) {
            job.failed("the server ran out of memory rendering " + job.meshDisplay
                    + " (try a smaller image_size or fewer views)");
            log.error("job {} ran out of memory", job.id);
        } catch (RuntimeException e) {
            boolean interrupted = Thread.currentThread().isInterrupted() || !accepting();
            job.failed(interrupted ? "the server stopped while rendering" : "rendering failed: " + e.getMessage());
            log.error("job {} failed", job.id, e);
        } finally {
            synchronized (this) {
                active.remove(job.outputDir, job);
            }
            if (meters != null) {
                Timer.builder("sam6d.render.job").description("render job duration").tag("outcome", outcome)
                        .register(meters).record(System.nanoTime() - t0, TimeUnit.NANOSECONDS);
            }
        }
    }

    /** Remembers a job, forgetting the oldest finished ones beyond the configured count. Holds the monitor. */
    private void remember(RenderJob job) {
        jobs.put(job.id, job);
        int excess = jobs.size() - properties.recentJobs();
        for (Iterator<RenderJob> it = jobs.values().iterator(); excess > 0 && it.hasNext(); ) {
            if (it.next().isFinished()) {
                it.remove();
                excess--;
            }
        }
    }

    private ConfigTemplateRendering toConfig(RenderOptions options) {
        ConfigTemplateRendering c = new ConfigTemplateRendering();
        RenderProperties.Defaults d = properties.defaults();
        c.views = d.views();
        c.imageSize = d.imageSize();
        c.distanceFactor = d.distanceFactor();
        c.threads = properties.viewThreads();
        if (options != null) {
            if (options.views() != null) {
                c.views = options.views();
            }
            if (options.imageSize() != null) {
                c.imageSize = options.imageSize();
            }
            if (options.distanceMm() != null) {
                c.distanceMm = options.distanceMm();
            }
            if (options.unitScale() != null) {
                c.unitScale = options.unitScale();
            }
        }
        try {
            c.checkValidity();
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("options", "options: " + e.getMessage());
        }
        return c;
    }

    /** {@code static/meshes/<class>/<object>.{ply,obj,stl}}, .ply preferred; extensions in any case. */
    private Path findMesh(String className, String objectName) {
        Path classDir = staticDir.resolveRequestPath("meshes/" + className, "class_name");
        if (!Files.isDirectory(classDir)) {
            throw ApiException.notFound("class_name", "no class '" + className + "' in static/meshes");
        }
        List<Path> candidates = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(classDir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                int dot = name.lastIndexOf('.');
                if (dot > 0 && name.substring(0, dot).equals(objectName) && MESH_EXTENSIONS.contains(extension(f))
                        && Files.isRegularFile(f)) {
                    candidates.add(f);
                }
            }
        } catch (IOException e) {
            throw ApiException.notFound("class_name", "cannot list static/meshes/" + className);
        }
        if (candidates.isEmpty()) {
            throw ApiException.notFound("object_name", "no mesh '" + objectName + ".ply|.obj|.stl' in static/meshes/"
                    + className);
        }
        candidates.sort(Comparator.comparingInt(p -> MESH_EXTENSIONS.indexOf(extension(p))));
        Path mesh = candidates.get(0);
        // re-check through the guard: a link in the class folder must not lead out of static/
        return staticDir.resolveRequestPath(staticDir.root().relativize(mesh).toString(), "object_name");
    }

    private static String stemAsObjectName(Path meshFile) {
        String name = meshFile.getFileName().toString();
        String stem = name.substring(0, name.lastIndexOf('.'));
        try {
            return StaticDirectory.requireSafeName(stem, "object_name");
        } catch (ApiException e) {
            throw ApiException.badRequest("object_name", "the mesh file name '" + stem
                    + "' is not a valid object name; give object_name");
        }
    }

    private static String extension(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }
}
