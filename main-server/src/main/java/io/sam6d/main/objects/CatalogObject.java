package io.sam6d.main.objects;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of the {@code objects} table: one CAD model under {@code static/meshes/<class>/} and its templates. */
@Entity
@Table(name = "objects")
class CatalogObject {

    static final String STATUS_READY = "ready";
    static final String STATUS_NEEDS_TEMPLATE = "needs_template";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "class_name", nullable = false)
    private String className;

    @Column(name = "object_name", nullable = false)
    private String objectName;

    @Column(name = "cad_file", nullable = false)
    private String cadFile;

    /** Relative to the project root, e.g. {@code static/meshes/test/obj_000005.ply}. */
    @Column(name = "cad_path", nullable = false)
    private String cadPath;

    @Column(name = "cad_format", nullable = false)
    private String cadFormat;

    @Column(name = "cad_size_bytes")
    private long cadSizeBytes;

    @Column(name = "cad_last_modified")
    private Instant cadLastModified;

    @Column(name = "template_path")
    private String templatePath;

    @Column(name = "has_template", nullable = false)
    private boolean hasTemplate;

    @Column(name = "template_mask_count", nullable = false)
    private int templateMaskCount;

    @Column(name = "template_rgb_count", nullable = false)
    private int templateRgbCount;

    @Column(name = "template_xyz_count", nullable = false)
    private int templateXyzCount;

    @Column(name = "template_last_generated")
    private Instant templateLastGenerated;

    @Column(nullable = false)
    private String status;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CatalogObject() {
    }

    CatalogObject(String className, String objectName, Instant now) {
        this.className = className;
        this.objectName = objectName;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /**
     * Copies what the scanner saw; returns whether anything changed (and then bumps {@code updated_at}).
     */
    boolean applyScan(ScannedObject s, Instant now) {
        boolean changed = !s.cadFile().equals(cadFile) || !s.cadPath().equals(cadPath)
                || !s.cadFormat().equals(cadFormat) || s.cadSizeBytes() != cadSizeBytes
                || !s.cadLastModified().equals(cadLastModified) || !s.templatePath().equals(templatePath)
                || s.maskCount() != templateMaskCount || s.rgbCount() != templateRgbCount
                || s.xyzCount() != templateXyzCount
                || !java.util.Objects.equals(s.templateLastGenerated(), templateLastGenerated);
        if (!changed) {
            return false;
        }
        cadFile = s.cadFile();
        cadPath = s.cadPath();
        cadFormat = s.cadFormat();
        cadSizeBytes = s.cadSizeBytes();
        cadLastModified = s.cadLastModified();
        templatePath = s.templatePath();
        templateMaskCount = s.maskCount();
        templateRgbCount = s.rgbCount();
        templateXyzCount = s.xyzCount();
        templateLastGenerated = s.templateLastGenerated();
        hasTemplate = s.hasCompleteTemplates();
        status = hasTemplate ? STATUS_READY : STATUS_NEEDS_TEMPLATE;
        updatedAt = now;
        return true;
    }

    Long getId() {
        return id;
    }

    String getClassName() {
        return className;
    }

    String getObjectName() {
        return objectName;
    }

    String key() {
        return className + "/" + objectName;
    }

    String getCadFile() {
        return cadFile;
    }

    String getCadPath() {
        return cadPath;
    }

    String getCadFormat() {
        return cadFormat;
    }

    long getCadSizeBytes() {
        return cadSizeBytes;
    }

    Instant getCadLastModified() {
        return cadLastModified;
    }

    String getTemplatePath() {
        return templatePath;
    }

    boolean isHasTemplate() {
        return hasTemplate;
    }

    int getTemplateMaskCount() {
        return templateMaskCount;
    }

    int getTemplateRgbCount() {
        return templateRgbCount;
    }

    int getTemplateXyzCount() {
        return templateXyzCount;
    }

    Instant getTemplateLastGenerated() {
        return templateLastGenerated;
    }

    String getStatus() {
        return status;
    }

    Instant getUpdatedAt() {
        return updatedAt;
    }
}
