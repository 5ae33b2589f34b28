package io.sam6d.main.workflow;

import java.nio.file.Path;

import io.sam6d.main.jobs.JobContext;
import io.sam6d.main.jobs.JobHandler;
import io.sam6d.main.rss.CameraFrameSource;
import io.sam6d.main.rss.CapturedFrame;
import io.sam6d.model.workflow.FullPipelineRequest;
import io.sam6d.model.workflow.RssPipelineRequest;
import org.springframework.stereotype.Component;

/**
 * {@code full_pipeline_rss}: captures frames from a RealSense streaming server when the job runs and runs the full
 * pipeline on each; one frame gives a full-pipeline output (with the capture information), several a batch summary.
 */
@Component
class RssPipelineJob implements JobHandler {

    private final CameraFrameSource camera;
    private final PipelineInputs inputs;
    private final PipelineRunner runner;
    private final BatchRunner batch;
    private final OutputFolders folders;

    RssPipelineJob(CameraFrameSource camera, PipelineInputs inputs, PipelineRunner runner,
            BatchRunner batch, OutputFolders folders) {
        this.camera = camera;
        this.inputs = inputs;
        this.runner = runner;
        this.batch = batch;
        this.folders = folders;
    }

    @Override
    public String type() {
        return JobTypes.FULL_PIPELINE_RSS;
    }

    @Override
    public Object run(JobContext job) {
        RssPipelineRequest r = job.input(RssPipelineRequest.class);
        boolean align = Boolean.TRUE.equals(r.alignColor());
        OutputMode mode = OutputMode.parse(r.outputMode(), "output_mode");
        int frames = r.frames() == null ? 1 : r.frames();
        if (frames == 1) {
            job.checkCancelled();
            CapturedFrame captured = camera.capture(r.rssUrl(), align);
            PipelinePlan plan = inputs.check(request(r, captured, mode), "");
            Path dir = mode == OutputMode.NONE ? null
                    : folders.create(plan.outputDir(), "rss_" + FullPipelineJob.tag(plan));
            return runner.run(job, plan, dir, captured.captureInfo(), ProgressWindow.whole(job));
        }
        return batch.run(job, frames, i -> {
            CapturedFrame captured = camera.capture(r.rssUrl(), align);
            return new BatchRunner.Item(request(r, captured, mode), captured.captureInfo());
        }, mode, folders.parse(r.outputDir(), "output_dir"), "rss_" + r.className());
    }

    private static FullPipelineRequest request(RssPipelineRequest r, CapturedFrame captured, OutputMode mode) {
        return new FullPipelineRequest(r.className(), r.objectName(), r.objectNames(), null, captured.frame(),
                mode.key(), r.outputDir(), r.scoreThreshold(), r.maxDetections(), r.forceRegenerate(), null);
    }
}
