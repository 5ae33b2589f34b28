package io.sam6d.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

import io.sam6d.model.workflow.FullPipelineRequest;
import io.sam6d.model.workflow.Job;
import io.sam6d.model.workflow.JobFiles;
import io.sam6d.model.workflow.PipelineResult;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "run", description = {"Runs the full pipeline (templates when missing, ISM, PEM) on one frame and"
        + " writes the result and the overlay picture into a folder here.",
    "The frame: a folder (rgb.png, depth.png, camera.json) or three files; local files travel in the request,"
        + " files under main-server's static/ are named by their path."})
final class RunCommand implements Callable<Integer> {

    /** The frame's own files, already on this side: not downloaded again. */
    private static final Set<String> INPUTS = Set.of("rgb.png", "rgb.jpg", "depth.png", "camera.json");

    @ParentCommand
    Sam6d root;

    @Option(names = {"-c", "--class"}, required = true, paramLabel = "CLASS", description = "the objects' class")
    String className;

    @Option(names = {"-o", "--object"}, required = true, paramLabel = "OBJECT", split = ",",
            description = "object(s) to find, repeated or comma-separated")
    List<String> objects;

    static final class FrameFiles {
        @Parameters(index = "0", paramLabel = "FRAME", description = "a frame folder (rgb.png or rgb.jpg, depth.png,"
                + " camera.json), here or static/... on the server")
        String folder;

        @ArgGroup(exclusive = false)
        Files3 files;
    }

    static final class Files3 {
        @Option(names = "--rgb", required = true, paramLabel = "FILE", description = "colour image (PNG or JPEG)")
        String rgb;

        @Option(names = "--depth", required = true, paramLabel = "FILE", description = "16-bit depth PNG")
        String depth;

        @Option(names = "--camera", required = true, paramLabel = "FILE",
                description = "camera JSON: cam_K (9 numbers), depth_scale (mm per depth unit)")
        String camera;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    FrameFiles frame;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "full",
            description = "full (overlay, masks, every stage's JSON), results_only or none (default: full)")
    String mode;

    @Option(names = "--output-dir", paramLabel = "TAG_OR_PATH",
            description = "main-server's output folder: a tag, or a folder under static/output/")
    String outputDir;

    @Option(names = "--out", paramLabel = "DIR",
            description = "where the result and overlay are written here (default: sam6d-run-<job id>)")
    Path out;

    @Option(names = "--score-threshold", paramLabel = "0..1", description = "ISM's minimum detection score")
    Double scoreThreshold;

    @Option(names = "--max-detections", paramLabel = "N", description = "at most N detections per object")
    Integer maxDetections;

    @Option(names = "--force-regenerate", description = "render the templates again first")
    boolean forceRegenerate;

    @Mixin
    FrameOptions frameOptions;

    @Option(names = "--detach", description = "submit, print the job id and return (`sam6d jobs watch` follows it)")
    boolean detach;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "30m", converter = DurationConverter.class,
            description = "stop following after this long (default: 30m); the job goes on")
    Duration timeout;

    @Override
    public Integer call() {
        Frames frames = frameOptions.frames(root.terminal);
        Frames.Frame f = frame.folder != null ? frames.folderFrame(frame.folder)
                : new Frames.Frame(frame.files.rgb, frame.files.rgb, frame.files.depth, frame.files.camera);
        Frames.Payload payload = frames.payload(f);
        List<String> names = objects.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
        FullPipelineRequest request = new FullPipelineRequest(className, names.size() == 1 ? names.get(0) : null,
                names.size() == 1 ? null : names, payload.paths(), payload.images(), Sam6d.outputMode(mode), outputDir,
                scoreThreshold,
                maxDetections, forceRegenerate ? Boolean.TRUE : null, null);
        Tracked t = new Tracked(0, String.join(",", names) + " @ " + f.label(), "full-pipeline", request,
                String.join(",", names), f.label());
        if (detach) {
            return detach(root, t);
        }
        root.tracker(timeout).run(List.of(t), 1);
        List<String> written = t.job == null ? List.of() : write(root.api(), t.job);
        if (root.json) {
            root.printJson(t.job);
        } else if (t.job != null) {
            report(t);
            if (!written.isEmpty()) {
                root.println("written to %s: %s", folder(t.job), String.join(", ", written));
            }
        }
        return JobTracker.exitCode(List.of(t));
    }

    /** Submits and prints the job id (or the job with --json). */
    static int detach(Sam6d root, Tracked t) {
        Job job = root.api().submit(t.workflow, t.body);
        if (root.json) {
            root.printJson(job);
        } else {
            root.println("%s", job.jobId());
        }
        return ExitCodes.OK;
    }

    private Path folder(Job job) {
        return root.terminal.workDir().resolve(out != null ? out
                : Path.of("sam6d-run-" + job.jobId().substring(0, Math.min(8, job.jobId().length()))));
    }

    /**
     * result.json (the job's output) and job.json here, then what main-server wrote into the job's output folder
     * (overlay.png, masks, the ISM and PEM answers), except the frame's own files.
     */
    private List<String> write(MainServer api, Job job) {
        if (job.output() == null) {
            return List.of();
        }
        Path dir = folder(job);
        List<String> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("result.json"), Json.write(job.output()) + "\n");
            Files.writeString(dir.resolve("job.json"), Json.write(job) + "\n");
            written.add("result.json");
            written.add("job.json");
        } catch (IOException e) {
            throw CliException.usage("cannot write into " + dir + ": " + e.getMessage());
        }
        if (job.output().get("output_dir") instanceof String) {
            JobFiles files = api.files(job.jobId());
            for (JobFiles.File file : files.files()) {
                if (!INPUTS.contains(file.path()) && !file.path().equals("result.json")) {
                    api.download(job.jobId(), file.path(), dir.resolve(file.path()));
                    written.add(file.path());
                }
            }
        }
        return written;
    }

    private void report(Tracked t) {
        Job job = t.job;
        if (!t.completed()) {
            root.println("job %s %s%s", job.jobId(), t.status, t.error == null ? "" : ": " + t.error);
            return;
        }
        PipelineResult r = Json.MAPPER.convertValue(job.output(), PipelineResult.class);
        root.println("job %s completed in %s (render %s, ism %s, pem %s)", job.jobId(),
                Sam6d.seconds(r.timingsMs().total()), Sam6d.seconds(r.timingsMs().render()),
                Sam6d.seconds(r.timingsMs().ism()), Sam6d.seconds(r.timingsMs().pem()));
        for (PipelineResult.ObjectResult o : r.objects()) {
            root.println("%s: %d detection(s), %d pose(s)%s", o.objectName(), o.detections().size(),
                    o.poses().size(), o.templatesRendered() ? " (templates rendered)" : "");
            for (var p : o.poses()) {
                List<Double> tr = p.t();
                root.println("  pose %d  score %.3f  t [%.1f, %.1f, %.1f] mm", p.detectionIndex(), p.score(),
                        tr.get(0), tr.get(1), tr.get(2));
            }
        }
        if (r.outputDir() != null) {
            root.println("main-server's folder: static/%s", r.outputDir());
        }
    }
}
