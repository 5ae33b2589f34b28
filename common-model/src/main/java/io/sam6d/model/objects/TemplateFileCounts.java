package io.sam6d.model.objects;

/** How many template files of each kind an object's template folder holds. */
public record TemplateFileCounts(int maskCount, int rgbCount, int xyzCount) {
}
