package io.sam6d.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.sam6d.model.workflow.Job;
import io.sam6d.model.workflow.JobList;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "jobs", description = "Workflow jobs: list them, show or watch one, cancel one.",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Show.class, JobsCommand.Watch.class,
            JobsCommand.Cancel.class})
final class JobsCommand implements Runnable {

    @ParentCommand
    Sam6d root;

    @Override
    public void run() {
        root.spec.commandLine().getSubcommands().get("jobs").usage(root.terminal.out());
    }

    @Command(name = "list", description = "Jobs, newest first.")
    static final class ListJobs implements Callable<Integer> {

        @ParentCommand
        JobsCommand jobs;

        @Option(names = "--status", paramLabel = "STATUS",
                description = "pending, running, completed, failed or cancelled")
        String status;

        @Option(names = "--type", paramLabel = "TYPE",
                description = "full_pipeline, full_pipeline_rss, batch or render_templates")
        String type;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "at most N (default: 20)")
        int limit;

        @Override
        public Integer call() {
            Sam6d root = jobs.root;
            JobList list = root.api().jobs(status, type, limit);
            if (root.json) {
                root.printJson(list);
                return ExitCodes.OK;
            }
            root.println("%-36s %-17s %-10s %4s  %-7s %s", "JOB", "TYPE", "STATUS", "%", "STAGE", "CREATED");
            for (Job j : list.jobs()) {
                root.println("%-36s %-17s %-10s %4d  %-7s %s", j.jobId(), j.jobType(), j.status(), j.progress(),
                        j.stage() == null ? "-" : j.stage(), j.createdAt());
            }
            root.println("%d of %d job(s)", list.jobs().size(), list.total());
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", description = "One job as it is now (status, progress, input, output, error).")
    static final class Show implements Callable<Integer> {

        @ParentCommand
        JobsCommand jobs;

        @Parameters(paramLabel = "JOB_ID")
        String jobId;

        @Override
        public Integer call() {
            Job j = jobs.root.api().job(jobId);
            jobs.root.printJson(j);
            return ExitCodes.OK;
        }
    }

    @Command(name = "watch", description = {"Follows a job with a progress bar until it ends.",
        "Exit code 0 when it completed, 1 when it failed or was cancelled, 6 when --timeout ran out."})
    static final class Watch implements Callable<Integer> {

        @ParentCommand
        JobsCommand jobs;

        @Parameters(paramLabel = "JOB_ID")
        String jobId;

        @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
                description = "stop following after this long (default: 1h)")
        Duration timeout;

        @Override
        public Integer call() {
            Sam6d root = jobs.root;
            Tracked t = root.tracker(timeout).watch(root.api().job(jobId));
            if (root.json) {
                root.printJson(t.job);
            }
            return JobTracker.exitCode(List.of(t));
        }
    }

    @Command(name = "cancel", description = {"Cancels a job: a pending one at once, a running one after its current"
        + " stage.", "Exit code 3 when it has already ended or is unknown."})
    static final class Cancel implements Callable<Integer> {

        @ParentCommand
        JobsCommand jobs;

        @Parameters(paramLabel = "JOB_ID")
        String jobId;

        @Override
        public Integer call() {
            Sam6d root = jobs.root;
            Job j = root.api().cancel(jobId);
            if (root.json) {
                root.printJson(j);
            } else if ("cancelled".equals(j.status())) {
                root.println("job %s cancelled", j.jobId());
            } else {
                root.println("job %s: cancel requested; it stops after its current stage (%s)", j.jobId(),
                        j.stage() == null ? j.status() : j.stage());
            }
            return ExitCodes.OK;
        }
    }
}
