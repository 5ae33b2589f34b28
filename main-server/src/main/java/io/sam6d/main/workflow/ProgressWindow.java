package io.sam6d.main.workflow;

import io.sam6d.main.jobs.JobContext;

/** Maps a pipeline's own 0..100 onto its share of the job (a batch item gets 1/n of the bar). */
record ProgressWindow(JobContext job, int from, int to) {

    static ProgressWindow whole(JobContext job) {
        return new ProgressWindow(job, 0, 100);
    }

    void stage(String stage, int percent) {
        job.stage(stage, at(percent));
    }

    void progress(int percent) {
        job.progress(at(percent));
    }

    private int at(int percent) {
        return from + (to - from) * Math.max(0, Math.min(100, percent)) / 100;
    }
}
