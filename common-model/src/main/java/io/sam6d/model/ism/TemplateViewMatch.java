package io.sam6d.model.ism;

/** A template view that matched a detection, and how well (0..1). */
public record TemplateViewMatch(int viewId, double score) {
}
