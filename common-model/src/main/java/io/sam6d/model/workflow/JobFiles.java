package io.sam6d.model.workflow;

import java.util.List;

/**
 * {@code GET /api/v1/workflow/jobs/{job_id}/files}: what a job wrote into its output folder.
 *
 * @param outputDir the folder relative to {@code static/}, e.g. {@code output/run_12345}
 * @param files     every file under it, paths relative to the folder with {@code /} separators, sorted
 */
public record JobFiles(String jobId, String outputDir, List<File> files) {

    /** @param path e.g. {@code overlay.png} or {@code item_0_obj_000005/result.json} */
    public record File(String path, long sizeBytes) {
    }
}
