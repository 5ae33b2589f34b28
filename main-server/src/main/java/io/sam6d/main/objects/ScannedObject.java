package io.sam6d.main.objects;

import java.time.Instant;

/**
 * What the scanner found on disk for one object. Paths are relative to the project root
 * ({@code static/...}), times are file modification times.
 */
record ScannedObject(String className, String objectName, String cadFile, String cadPath, String cadFormat,
        long cadSizeBytes, Instant cadLastModified, String templatePath, int maskCount, int rgbCount, int xyzCount,
        Instant templateLastGenerated) {

    String key() {
        return className + "/" + objectName;
    }

    /** Complete: at least one view, and as many RGB and XYZ files as masks. */
    boolean hasCompleteTemplates() {
        return maskCount > 0 && rgbCount == maskCount && xyzCount == maskCount;
    }
}
