package io.sam6d.main.workflow;

import java.util.List;
import java.util.function.Function;

import io.sam6d.main.jobs.JobService;
import io.sam6d.main.jobs.JobWaits;
import io.sam6d.main.rss.RssUrlPolicy;
import io.sam6d.model.workflow.BatchRequest;
import io.sam6d.model.workflow.FullPipelineRequest;
import io.sam6d.model.workflow.Job;
import io.sam6d.model.workflow.RenderTemplatesWorkflowRequest;
import io.sam6d.model.workflow.RssPipelineRequest;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Workflow submission: every request is checked here (400 naming the field, 404 for unknown classes and objects) and
 * stored as a pending job, which a worker of any main-server instance runs. The answer is 202 with the job at once,
 * or, with {@code "wait": true} in the body or {@code ?wait=<duration>}, 200 with the job once it has ended (202 when
 * the wait runs out first): see {@link JobWaits}.
 */
@RestController
@RequestMapping("/api/v1/workflow")
@Tag(name = "workflow", description = "Render -> ISM -> PEM workflows as durable background jobs")
class WorkflowController {

    /** Most items in one batch and most frames in one RSS job. */
    static final int MAX_ITEMS = 1000;
    private static final String WAIT_DOC = "wait for the job's end: true (up to WORKFLOW_MAX_WAIT), seconds, or a"
            + " duration such as 30s or 2m; 200 with the ended job, 202 when the wait runs out. Overrides the body's"
            + " \"wait\"";

    private final JobService jobs;
    private final JobWaits waits;
    private final PipelineInputs inputs;
    private final OutputFolders folders;
    private final RenderTemplatesJob renderTemplates;
    private final RssUrlPolicy rssUrls;
    private final FrameFiles frameFiles;

    WorkflowController(JobService jobs, JobWaits waits, PipelineInputs inputs, OutputFolders folders,
            RenderTemplatesJob renderTemplates, RssUrlPolicy rssUrls, FrameFiles frameFiles) {
        this.jobs = jobs;
        this.waits = waits;
        this.inputs = inputs;
        this.folders = folders;
        this.renderTemplates = renderTemplates;
        this.rssUrls = rssUrls;
        this.frameFiles = frameFiles;
    }

    @PostMapping("/full-pipeline")
    @Operation(summary = "Render (only missing templates) -> ISM -> PEM on one frame, given as paths under static/"
            + " (input_images) or Base64 (images); 202 with the job, or 200 with the ended job when waiting")
    DeferredResult<ResponseEntity<Job>> fullPipeline(@RequestBody(required = false) FullPipelineRequest request,
            @Parameter(description = WAIT_DOC) @RequestParam(name = "wait", required = false) String wait) {
        inputs.check(request, "");
        return submit(JobTypes.FULL_PIPELINE, jobId -> frameFiles.fullPipeline(request, jobId), wait,
                request.waitForEnd());
    }

    @PostMapping("/render-templates")
    @Operation(summary = "Render the templates of a class's objects (all when object_names is empty), skipping"
            + " complete ones unless force_regenerate; 202 with the job, or 200 with the ended job when waiting")
    DeferredResult<ResponseEntity<Job>> renderTemplates(
            @RequestBody(required = false) RenderTemplatesWorkflowRequest request,
            @Parameter(description = WAIT_DOC) @RequestParam(name = "wait", required = false) String wait) {
        if (request == null) {
            throw ApiException.badRequest("body", "a JSON body is required");
        }
        StaticDirectory.requireSafeName(request.className(), "class_name");
        if (renderTemplates.objects(request).isEmpty()) {
            throw ApiException.notFound("class_name", "class '" + request.className() + "' has no objects");
        }
        return submit(JobTypes.RENDER_TEMPLATES, request, wait, request.waitForEnd());
    }

    @PostMapping("/full-pipeline-from-rss")
    @Operation(summary = "Capture frames from a RealSense streaming server (rss_url, or base, or host and port) and"
            + " run the full pipeline on each (frames > 1 runs as a batch); 202 with the job, or 200 with the ended"
            + " job when waiting")
    DeferredResult<ResponseEntity<Job>> fullPipelineFromRss(@RequestBody(required = false) RssPipelineRequest request,
            @Parameter(description = WAIT_DOC) @RequestParam(name = "wait", required = false) String wait) {
        if (request == null) {
            throw ApiException.badRequest("body", "a JSON body is required");
        }
        String url = cameraUrl(request);
        String className = StaticDirectory.requireSafeName(request.className(), "class_name");
        inputs.pipelineObjects(className, request.objectName(), request.objectNames(), "");
        if (request.frames() != null && (request.frames() < 1 || request.frames() > MAX_ITEMS)) {
            throw ApiException.badRequest("frames", "frames must be between 1 and " + MAX_ITEMS);
        }
        OutputMode.parse(request.outputMode(), "output_mode");
        folders.parse(request.outputDir(), "output_dir");
        PipelineInputs.checkDetectionOptions(request.scoreThreshold(), request.maxDetections(), "");
        // the job keeps one spelling of the camera's address
        RssPipelineRequest stored = new RssPipelineRequest(url, request.className(), request.objectName(),
                request.objectNames(), request.alignColor(), request.frames(), request.outputMode(),
                request.outputDir(), request.scoreThreshold(), request.maxDetections(), request.forceRegenerate(),
                null, null, null, request.waitForEnd());
        return submit(JobTypes.FULL_PIPELINE_RSS, stored, wait, request.waitForEnd());
    }

    /**
     * {@code rss_url}, or the design documents' {@code base}, or {@code host} and {@code port}, checked by the
     * {@link RssUrlPolicy} (a plain http(s) base URL of an allowed camera host).
     */
    private String cameraUrl(RssPipelineRequest r) {
        String url = blankToNull(r.rssUrl());
        String base = blankToNull(r.base());
        String field = "rss_url";
        if (url != null && base != null && !url.equals(base)) {
            throw ApiException.badRequest("base", "rss_url and base name different camera servers; give one");
        }
        if (url == null && base != null) {
            url = base;
            field = "base";
        }
        if (url == null && blankToNull(r.host()) != null) {
            if (r.port() != null && (r.port() < 1 || r.port() > 65535)) {
                throw ApiException.badRequest("port", "port must be between 1 and 65535");
            }
            url = "http://" + r.host().trim() + (r.port() == null ? "" : ":" + r.port());
            field = "host";
        }
        if (url == null) {
            throw ApiException.badRequest(field, field + " must be the camera server's http(s) base URL (rss_url,"
                    + " base, or host and port)");
        }
        try {
            rssUrls.check(url);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, e.getMessage());
        }
        return url;
    }

    @PostMapping("/batch")
    @Operation(summary = "Many full pipelines in one job; each item succeeds or fails on its own, the output is a"
            + " summary (also batch_summary.json); 202 with the job, or 200 with the ended job when waiting")
    DeferredResult<ResponseEntity<Job>> batch(@RequestBody(required = false) BatchRequest request,
            @Parameter(description = WAIT_DOC) @RequestParam(name = "wait", required = false) String wait) {
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
        folders.parse(request.outputDir(), "output_dir");
        return submit(JobTypes.BATCH, jobId -> frameFiles.batch(request, jobId), wait, request.waitForEnd());
    }

    /** The wait is checked before the job is stored, so a bad {@code wait} never leaves a job behind. */
    private DeferredResult<ResponseEntity<Job>> submit(String type, Object request, String queryWait,
            Boolean bodyWait) {
        return submit(type, jobId -> request, queryWait, bodyWait);
    }

    /** @param input the job's input made knowing its id (frames sent in the body become the job's files) */
    private DeferredResult<ResponseEntity<Job>> submit(String type, Function<String, Object> input,
            String queryWait, Boolean bodyWait) {
        var wait = waits.requested(queryWait, bodyWait);
        return waits.answer(jobs.submit(type, input), wait);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
