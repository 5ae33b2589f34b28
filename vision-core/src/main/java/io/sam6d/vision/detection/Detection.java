package io.sam6d.vision.detection;

import java.util.List;

import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.Mask;

/**
 * One instance of a known object in a frame.
 *
 * @param objectName     which object
 * @param score          confidence 0..1, higher is better
 * @param mask           the instance's visible pixels, frame-sized
 * @param bbox           {@code [x, y, w, h]} of the mask, pixels
 * @param templateViews  the best-matching template views, best first
 * @param coarsePose     a model-to-camera pose hypothesis found on the way (t in mm), or null; a pose estimator may
 *                       start from it
 */
public record Detection(String objectName, double score, Mask mask, int[] bbox, List<TemplateMatch> templateViews,
        RigidTransform coarsePose) {

    /** A template view and how well it matched, 0..1. */
    public record TemplateMatch(int viewId, double score) {
    }
}
