package io.sam6d.model.objects;

import java.util.List;

/** {@code GET /api/v1/objects/classes}: every class with totals over all of them. */
public record ClassListResponse(List<ClassSummary> classes, int totalClasses, int totalObjects, int totalTemplates,
        double overallCompletionRate) {
}
