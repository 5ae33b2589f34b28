package io.sam6d.main.workflow;

/** The workflow {@code job_type} values. */
final class JobTypes {

    static final String RENDER_TEMPLATES = "render_templates";
    static final String FULL_PIPELINE = "full_pipeline";
    static final String FULL_PIPELINE_RSS = "full_pipeline_rss";
    static final String BATCH = "batch";

    private JobTypes() {
    }
}
