package io.sam6d.model.objects;

import java.util.List;

/** {@code GET /api/v1/objects/classes/{class_name}}: the objects of one class. */
public record ClassObjectsResponse(String className, List<ObjectSummary> objects, int objectCount, int templateCount,
        double templateCompletionRate) {
}
