package io.sam6d.model.objects;

import java.time.Instant;

/**
 * One object in a class listing.
 *
 * @param status       {@code ready} (templates complete) or {@code needs_template}
 * @param lastUpdated  when the database row last changed (a rescan that found a change)
 */
public record ObjectSummary(String name, String cadFile, String cadPath, String templatePath, boolean hasTemplate,
        TemplateFileCounts templateFiles, String status, Instant lastUpdated) {
}
