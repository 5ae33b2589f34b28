package io.sam6d.model.objects;

import java.util.List;

/**
 * {@code POST /api/v1/objects/rescan}: what a scan of {@code static/} changed in the object database.
 *
 * @param added       objects found for the first time ("class/object")
 * @param updated     objects whose CAD file or templates changed
 * @param removed     objects whose CAD file vanished; their rows are deleted
 * @param durationMs  wall time of the scan
 */
public record RescanResponse(List<String> added, List<String> updated, List<String> removed, int totalObjects,
        long durationMs) {
}
