package io.sam6d.model.workflow;

import java.util.List;

/**
 * {@code GET /api/v1/workflow/jobs}: newest first.
 *
 * @param total jobs matching the filters (may exceed the list's length)
 */
public record JobList(List<Job> jobs, long total) {
}
