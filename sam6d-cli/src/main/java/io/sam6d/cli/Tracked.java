package io.sam6d.cli;

import java.util.List;
import java.util.Map;

import io.sam6d.model.workflow.Job;

/** One job the client submits and follows: what it asked for and what became of it. */
final class Tracked {

    /** States a tracked job can end in besides the server's: never submitted, or not ended in time. */
    static final String NOT_SUBMITTED = "not_submitted";
    static final String TIMED_OUT = "timed_out";

    final int index;
    /** What the user recognises it by, e.g. {@code obj_000005 @ frames/f01}. */
    final String label;
    /** {@code full-pipeline}, {@code render-templates}, ... */
    final String workflow;
    final Object body;
    final String objectName;
    final String frame;

    String jobId;
    String status = "queued";
    int progress;
    String stage;
    String error;
    long durationMs;
    int posesFound;
    String outputDir;
    Job job;
    long startedNanos;

    Tracked(int index, String label, String workflow, Object body, String objectName, String frame) {
        this.index = index;
        this.label = label;
        this.workflow = workflow;
        this.body = body;
        this.objectName = objectName;
        this.frame = frame;
    }

    /** Follows a job submitted elsewhere ({@code jobs watch}). */
    static Tracked existing(Job job) {
        Tracked t = new Tracked(0, job.jobType(), null, null, null, null);
        t.jobId = job.jobId();
        t.startedNanos = System.nanoTime();
        t.update(job);
        return t;
    }

    boolean finished() {
        return List.of("completed", "failed", "cancelled", NOT_SUBMITTED, TIMED_OUT).contains(status);
    }

    boolean completed() {
        return status.equals("completed");
    }

    /** Takes the job's state; true when something the user sees changed. */
    boolean update(Job j) {
        boolean changed = !j.status().equals(status) || j.progress() != progress
                || !String.valueOf(j.stage()).equals(String.valueOf(stage));
        job = j;
        jobId = j.jobId();
        status = j.status();
        progress = j.progress();
        stage = j.stage();
        if (finished()) {
            durationMs = (System.nanoTime() - startedNanos) / 1_000_000;
            error = j.error();
            Map<String, Object> output = j.output();
            if (output != null) {
                outputDir = output.get("output_dir") instanceof String s ? s : null;
                posesFound = posesIn(output);
            }
        }
        return changed;
    }

    /** Poses of a full-pipeline output ({@code objects[].poses}), or of a batch's items ({@code poses_found}). */
    static int posesIn(Map<String, Object> output) {
        int n = 0;
        if (output.get("objects") instanceof List<?> objects) {
            for (Object o : objects) {
                if (o instanceof Map<?, ?> m && m.get("poses") instanceof List<?> poses) {
                    n += poses.size();
                }
            }
        }
        if (output.get("items") instanceof List<?> items) {
            for (Object o : items) {
                if (o instanceof Map<?, ?> m && m.get("poses_found") instanceof Number k) {
                    n += k.intValue();
                }
            }
        }
        return n;
    }
}
