package io.sam6d.model.objects;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code GET /api/v1/objects/{class_name}/{object_name}}: one object in full. */
public record ObjectDetail(String name, @JsonProperty("class") String className, CadInfo cadInfo,
        TemplateInfo templateInfo, String status) {

    /**
     * The CAD file.
     *
     * @param format     {@code ply}, {@code obj} or {@code stl}
     * @param sizeBytes  file size in bytes
     */
    public record CadInfo(String file, String path, String format, long sizeBytes, Instant lastModified) {
    }

    /**
     * The rendered templates.
     *
     * @param lastGenerated  newest modification time among the template files, null when there are none
     */
    public record TemplateInfo(boolean hasTemplate, String path, TemplateFiles files, Instant lastGenerated) {
    }

    public record TemplateFiles(int maskFiles, int rgbFiles, int xyzFiles) {
    }
}
