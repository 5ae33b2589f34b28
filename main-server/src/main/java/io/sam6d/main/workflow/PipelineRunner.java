package io.sam6d.main.workflow;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sam6d.main.compute.ComputeClient;
import io.sam6d.main.jobs.JobContext;
import io.sam6d.model.ism.DetectionDto;
import io.sam6d.model.ism.SegmentRequest;
import io.sam6d.model.ism.SegmentResponse;
import io.sam6d.model.pem.EstimateRequest;
import io.sam6d.model.pem.EstimateResponse;
import io.sam6d.model.pem.PoseEstimateDto;
import io.sam6d.model.render.RenderJobStatus;
import io.sam6d.model.workflow.PipelineResult;
import org.springframework.stereotype.Component;

/**
 * One full pipeline on one frame: Render (only objects without templates) -> ISM -> PEM -> output files. Checks for
 * a cancel between stages; each stage's wall time goes to the job's output and the stage timer.
 */
@Component
class PipelineRunner {

    private final PipelineInputs inputs;
    private final TemplateStage templates;
    private final ComputeClient compute;
    private final ResultWriter writer;
    private final OutputFolders folders;
    private final WorkflowMetrics metrics;

    PipelineRunner(PipelineInputs inputs, TemplateStage templates, ComputeClient compute, ResultWriter writer,
            OutputFolders folders, WorkflowMetrics metrics) {
        this.inputs = inputs;
        this.templates = templates;
        this.compute = compute;
        this.writer = writer;
        this.folders = folders;
        this.metrics = metrics;
    }

    /**
     * @param outputDir where to write (created by the caller), or null for mode none
     * @param capture   camera information to keep with the result (RSS), or null
     */
    PipelineResult run(JobContext job, PipelinePlan plan, Path outputDir, Map<String, Object> capture,
            ProgressWindow progress) {
        long start = System.nanoTime();

        progress.stage("render", 0);
        Map<String, Boolean> rendered = new LinkedHashMap<>();
        int n = plan.objectNames().size();
        for (int i = 0; i < n; i++) {
            String object = plan.objectNames().get(i);
            ProgressWindow share = new ProgressWindow(job, progress.from() + (progress.to() - progress.from())
                    * 30 * i / n / 100, progress.from() + (progress.to() - progress.from()) * 30 * (i + 1) / n / 100);
            RenderJobStatus r = templates.ensure(job, plan.className(), object, plan.forceRegenerate(), share);
            rendered.put(object, r != null && !r.skipped());
        }
        // the render timer measures rendering only, not the look-ups that found templates in place
        long renderMs = rendered.containsValue(true) ? lap(start, "render")
                : (System.nanoTime() - start) / 1_000_000;
        job.checkCancelled();

        progress.stage("ism", 30);
        long ismStart = System.nanoTime();
        PipelineFrame frame = inputs.load(plan);
        boolean one = n == 1;
        SegmentResponse ism = compute.segment(new SegmentRequest(frame.rgbBase64(), frame.depthBase64(), frame.camK(),
                frame.depthScale(), plan.className(), one ? plan.objectNames().get(0) : null,
                one ? null : plan.objectNames(), plan.scoreThreshold(), plan.maxDetections()));
        List<DetectionDto> detections = ism.detections() == null ? List.of() : ism.detections();
        long ismMs = lap(ismStart, "ism");
        job.checkCancelled();

        progress.stage("pem", 60);
        long pemStart = System.nanoTime();
        EstimateResponse pem = detections.isEmpty()
                ? new EstimateResponse(List.of(), List.of("no detections: nothing to estimate"), null, 0)
                : compute.estimate(new EstimateRequest(frame.rgbBase64(), frame.depthBase64(), frame.camK(),
                        frame.depthScale(), plan.className(), detections, false));
        List<PoseEstimateDto> poses = pem.poses() == null ? List.of() : pem.poses();
        long pemMs = lap(pemStart, "pem");
        job.checkCancelled();

        progress.stage("output", 90);
        List<PipelineResult.ObjectResult> objects = new ArrayList<>();
        for (String object : plan.objectNames()) {
            objects.add(new PipelineResult.ObjectResult(object, rendered.get(object),
                    detections.stream().filter(d -> object.equals(d.objectName())).toList(),
                    poses.stream().filter(p -> object.equals(objectOf(p, detections))).toList()));
        }
        long totalMs = (System.nanoTime() - start) / 1_000_000;
        PipelineResult result = new PipelineResult(outputDir == null ? null : folders.display(outputDir), objects,
                new PipelineResult.StageTimings(renderMs, ismMs, pemMs, totalMs), capture);
        if (outputDir != null) {
            long outStart = System.nanoTime();
            if (plan.outputMode() == OutputMode.FULL) {
                writer.writeFull(outputDir, plan.className(), frame, ism, pem);
            }
            writer.writeJson(outputDir.resolve("result.json"), result);
            lap(outStart, "output");
        }
        return result;
    }

    /** The pose's object: its own name, or its detection's. */
    private static String objectOf(PoseEstimateDto p, List<DetectionDto> detections) {
        if (p.objectName() != null) {
            return p.objectName();
        }
        return p.detectionIndex() >= 0 && p.detectionIndex() < detections.size()
                ? detections.get(p.detectionIndex()).objectName() : null;
    }

    private long lap(long startNanos, String stage) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        metrics.stage(stage, took);
        return took.toMillis();
    }
}
