package io.sam6d.main.workflow;

import java.net.URI;
import java.util.List;

import io.sam6d.main.jobs.JobService;
import io.sam6d.main.rss.RssUrlPolicy;
import io.sam6d.model.workflow.BatchRequest;
import io.sam6d.model.workflow.FullPipelineRequest;
import io.sam6d.model.workflow.Job;
import io.sam6d.model.workflow.RenderTemplatesWorkflowRequest;
import io.sam6d.model.workflow.RssPipelineRequest;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workflow submission: every request is checked here (400 naming the field, 404 for unknown classes and objects),
 * stored as a pending job and answered 202 at once; a worker of any main-server instance runs it.
 */
@RestController
@RequestMapping("/api/v1/workflow")
@Tag(name = "workflow", description = "Render -> ISM -> PEM workflows as durable background jobs")
class WorkflowController {

    /** Most items in one batch and most frames in one RSS job. */
    static final int MAX_ITEMS = 1000;

    private final JobService jobs;
    private final PipelineInputs inputs;
    private final RenderTemplatesJob renderTemplates;
    private final RssUrlPolicy rssUrls;
    private final FrameFiles frameFiles;

    WorkflowController(JobService jobs, PipelineInputs inputs, RenderTemplatesJob renderTemplates,
            RssUrlPolicy rssUrls, FrameFiles frameFiles) {
        this.jobs = jobs;
        this.frameFiles = frameFiles;
        this.inputs = inputs;
        this.renderTemplates = renderTemplates;
        this.rssUrls = rssUrls;
    }

    @PostMapping("/full-pipeline")
    @Operation(summary = "Render (only missing templates) -> ISM -> PEM on one frame, given as paths under static/"
            + " (input_images) or Base64 (images); 202 with the job")
    ResponseEntity<Job> fullPipeline(@RequestBody(required = false) FullPipelineRequest request) {
        inputs.check(request, "");
        return accepted(jobs.submit(JobTypes.FULL_PIPELINE, jobId -> frameFiles.fullPipeline(request, jobId)));
    }

    @PostMapping("/render-templates")
    @Operation(summary = "Render the templates of a class's objects (all when object_names is empty), skipping"
            + " complete ones unless force_regenerate; 202 with the job")
    ResponseEntity<Job> renderTemplates(@RequestBody(required = false) RenderTemplatesWorkflowRequest request) {
        if (request == null) {
            throw ApiException.badRequest("body", "a JSON body is required");
        }
        StaticDirectory.requireSafeName(request.className(), "class_name");
        if (renderTemplates.objects(request).isEmpty()) {
            throw ApiException.notFound("class_name", "class '" + request.className() + "' has no objects");
        }
        return accepted(jobs.submit(JobTypes.RENDER_TEMPLATES, request));
    }

    @PostMapping("/full-pipeline-from-rss")
    @Operation(summary = "Capture frames from a RealSense streaming server and run the full pipeline on each"
            + " (frames > 1 runs as a batch); 202 with the job")
    ResponseEntity<Job> fullPipelineFromRss(@RequestBody(required = false) RssPipelineRequest request) {
        if (request == null) {
            throw ApiException.badRequest("body", "a JSON body is required");
        }
        try {
            rssUrls.check(request.rssUrl());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("rss_url", e.getMessage());
        }
        String className = StaticDirectory.requireSafeName(request.className(), "class_name");
        inputs.pipelineObjects(className, request.objectName(), request.objectNames(), "");
        if (request.frames() != null && (request.frames() < 1 || request.frames() > MAX_ITEMS)) {
            throw ApiException.badRequest("frames", "frames must be between 1 and " + MAX_ITEMS);
        }
        OutputMode.parse(request.outputMode(), "output_mode");
        outputTag(request.outputDir());
        PipelineInputs.checkDetectionOptions(request.scoreThreshold(), request.maxDetections(), "");
        return accepted(jobs.submit(JobTypes.FULL_PIPELINE_RSS, request));
    }

    @PostMapping("/batch")
    @Operation(summary = "Many full pipelines in one job; each item succeeds or fails on its own, the output is a"
            + " summary (also batch_summary.json); 202 with the job")
    ResponseEntity<Job> batch(@RequestBody(required = false) BatchRequest request) {
        if (request == null) {
            throw ApiException.badRequest("body", "a JSON body is required");
        }
        List<FullPipelineRequest> items = request.items();
        if (items == null || items.isEmpty()) {
            throw ApiException.badRequest("items", "items must list at least one full-pipeline request");
        }
        if (items.size() > MAX_ITEMS) {
            throw ApiException.badRequest("items", "at most " + MAX_ITEMS + " items in one batch");
        }
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) == null) {
                throw ApiException.badRequest("items[" + i + "]", "items[" + i + "] must be a JSON object");
            }
        }
        OutputMode.parse(request.outputMode(), "output_mode");
        outputTag(request.outputDir());
        return accepted(jobs.submit(JobTypes.BATCH, jobId -> frameFiles.batch(request, jobId)));
    }

    private static void outputTag(String tag) {
        if (tag != null && !tag.isBlank()) {
            StaticDirectory.requireSafeName(tag, "output_dir");
        }
    }

    private static ResponseEntity<Job> accepted(Job job) {
        return ResponseEntity.accepted().location(URI.create("/api/v1/workflow/jobs/" + job.jobId())).body(job);
    }
}
