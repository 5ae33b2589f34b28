package io.sam6d.model.render;

import java.util.List;

/**
 * {@code GET /api/v1/render/jobs}: recent render jobs, newest first.
 *
 * @param jobs  at most the requested number of jobs
 * @param total jobs the server currently remembers (queued, running and recently finished)
 */
public record RenderJobList(List<RenderJobStatus> jobs, int total) {
}
