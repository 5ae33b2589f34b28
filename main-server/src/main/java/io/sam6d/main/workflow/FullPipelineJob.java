package io.sam6d.main.workflow;

import java.nio.file.Path;

import io.sam6d.main.jobs.JobContext;
import io.sam6d.main.jobs.JobHandler;
import io.sam6d.model.workflow.FullPipelineRequest;
import io.sam6d.model.workflow.PipelineResult;
import org.springframework.stereotype.Component;

/** {@code full_pipeline}: one frame, one or more objects of a class. */
@Component
class FullPipelineJob implements JobHandler {

    private final PipelineInputs inputs;
    private final PipelineRunner runner;
    private final OutputFolders folders;

    FullPipelineJob(PipelineInputs inputs, PipelineRunner runner, OutputFolders folders) {
        this.inputs = inputs;
        this.runner = runner;
        this.folders = folders;
    }

    @Override
    public String type() {
        return JobTypes.FULL_PIPELINE;
    }

    @Override
    public PipelineResult run(JobContext job) {
        PipelinePlan plan = inputs.check(job.input(FullPipelineRequest.class), "");
        Path dir = plan.outputMode() == OutputMode.NONE ? null : folders.create(plan.outputDir(), tag(plan));
        return runner.run(job, plan, dir, null, ProgressWindow.whole(job));
    }

    /** The tag of a run that names no output_dir: class and objects. */
    static String tag(PipelinePlan plan) {
        return plan.className() + "_" + String.join("-", plan.objectNames());
    }
}
