package io.sam6d.main.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import io.sam6d.main.jobs.JobService;
import io.sam6d.model.workflow.Job;
import io.sam6d.model.workflow.JobFiles;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The files a job wrote into its output folder (result, overlay, masks, ISM and PEM answers), so a client on another
 * machine can fetch them. Only files inside the job's own folder under {@code static/output/} are served.
 */
@RestController
@RequestMapping("/api/v1/workflow/jobs/{job_id}/files")
@Tag(name = "jobs")
class JobFilesController {

    /** Most files listed for one job (a batch of 1000 items in mode full writes about 8000). */
    static final int MAX_LISTED = 20_000;

    private final JobService jobs;
    private final OutputFolders folders;

    JobFilesController(JobService jobs, OutputFolders folders) {
        this.jobs = jobs;
        this.folders = folders;
    }

    @GetMapping
    @Operation(summary = "The files in the job's output folder, paths relative to it (404 when it has none: mode"
            + " none, not finished, or the folder was removed)")
    JobFiles list(@PathVariable("job_id") String jobId) {
        Job job = jobs.get(jobId);
        Path dir = folder(job);
        try (Stream<Path> walk = Files.walk(dir)) {
            List<JobFiles.File> files = walk.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .limit(MAX_LISTED)
                    .map(p -> new JobFiles.File(dir.relativize(p).toString().replace('\\', '/'), size(p)))
                    .sorted(java.util.Comparator.comparing(JobFiles.File::path)).toList();
            return new JobFiles(job.jobId(), folders.display(dir), files);
        } catch (IOException | UncheckedIOException e) {
            throw ApiException.notFound("job_id", "the output folder of job " + jobId + " cannot be read");
        }
    }

    @GetMapping("/**")
    @Operation(summary = "One file of the job's output folder, e.g. overlay.png or item_0_obj_000005/result.json")
    ResponseEntity<Resource> file(@PathVariable("job_id") String jobId, HttpServletRequest request) {
        String prefix = "/files/";
        String uri = request.getRequestURI();
        String rel = uri.substring(uri.indexOf(prefix) + prefix.length());
        Path dir = folder(jobs.get(jobId));
        Path file = dir;
        for (String segment : rel.split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            file = file.resolve(StaticDirectory.requireSafeName(segment, "path"));
        }
        if (file.equals(dir) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !inside(file, dir)) {
            throw ApiException.notFound("path", "job " + jobId + " has no file '" + rel + "'");
        }
        return ResponseEntity.ok().contentType(mediaType(file)).contentLength(size(file))
                .header("Content-Disposition", "inline; filename=\"" + file.getFileName() + "\"")
                .body(new FileSystemResource(file));
    }

    /** The job's folder: its output's output_dir (a full pipeline's, or a batch's). */
    private Path folder(Job job) {
        Object shown = job.output() == null ? null : job.output().get("output_dir");
        Path dir = shown instanceof String s ? folders.resolveShown(s) : null;
        if (dir == null || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw ApiException.notFound("job_id", "job " + job.jobId() + " has no output folder (it is "
                    + job.status() + "; output_mode none writes none; a removed folder is gone)");
        }
        return dir;
    }

    /** No link on the way leads out of the folder. */
    private static boolean inside(Path file, Path dir) {
        try {
            return file.toRealPath().startsWith(dir.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static MediaType mediaType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return MediaType.IMAGE_PNG;
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return MediaType.IMAGE_JPEG;
        }
        if (name.endsWith(".json")) {
            return MediaType.APPLICATION_JSON;
        }
        return MediaType.APPLICATION_OCTET_STREAM;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
