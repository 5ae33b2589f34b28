package io.sam6d.render.templates;

import java.net.URI;

import io.sam6d.model.render.RenderJobList;
import io.sam6d.model.render.RenderJobStatus;
import io.sam6d.model.render.RenderTemplatesRequest;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/render")
@Tag(name = "render", description = "Template rendering of CAD meshes as background jobs")
class RenderController {

    /** Seconds a client is asked to wait when the queue is full. */
    static final int RETRY_AFTER_S = 30;

    private final RenderJobService jobs;

    RenderController(RenderJobService jobs) {
        this.jobs = jobs;
    }

    @PostMapping("/templates")
    @Operation(summary = "Render an object's templates into static/templates/<class>/<object>/ (answers at once"
            + " with the job; poll GET /api/v1/render/jobs/{job_id})")
    ResponseEntity<RenderJobStatus> renderTemplates(@Valid @RequestBody RenderTemplatesRequest request) {
        RenderJobStatus job = jobs.submit(request);
        return ResponseEntity.accepted().location(URI.create("/api/v1/render/jobs/" + job.jobId())).body(job);
    }

    @GetMapping("/jobs/{job_id}")
    @Operation(summary = "State of one render job: pending, running, completed or failed, with progress 0-100")
    RenderJobStatus job(@PathVariable("job_id") String jobId) {
        return jobs.status(jobId);
    }

    @GetMapping("/jobs")
    @Operation(summary = "Recent render jobs, newest first")
    RenderJobList recentJobs(
            @Parameter(description = "at most this many jobs")
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(10_000) int limit,
            @Parameter(description = "only jobs in this state: pending, running, completed or failed")
            @RequestParam(name = "status", required = false) String status) {
        return jobs.recent(limit, status);
    }

    @ExceptionHandler(RenderQueueFullException.class)
    ResponseEntity<ProblemDetail> queueFull(RenderQueueFullException e) {
        ProblemDetail pd = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage());
        pd.setTitle("Render queue full");
        pd.setProperty("retry_after_s", RETRY_AFTER_S);
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", String.valueOf(RETRY_AFTER_S)).body(pd);
    }
}
