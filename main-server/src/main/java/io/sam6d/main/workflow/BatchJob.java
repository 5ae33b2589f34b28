package io.sam6d.main.workflow;

import io.sam6d.main.jobs.JobContext;
import io.sam6d.main.jobs.JobHandler;
import io.sam6d.model.workflow.BatchRequest;
import io.sam6d.model.workflow.BatchSummary;
import org.springframework.stereotype.Component;

/** {@code batch}: the items of a batch request, each a full pipeline of its own. */
@Component
class BatchJob implements JobHandler {

    private final BatchRunner runner;
    private final OutputFolders folders;

    BatchJob(BatchRunner runner, OutputFolders folders) {
        this.runner = runner;
        this.folders = folders;
    }

    @Override
    public String type() {
        return JobTypes.BATCH;
    }

    @Override
    public BatchSummary run(JobContext job) {
        BatchRequest request = job.input(BatchRequest.class);
        OutputMode mode = OutputMode.parse(request.outputMode(), "output_mode");
        return runner.run(job, request.items().size(), i -> new BatchRunner.Item(request.items().get(i), null), mode,
                folders.parse(request.outputDir(), "output_dir"), "batch");
    }
}
