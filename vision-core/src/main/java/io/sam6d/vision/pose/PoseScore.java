package io.sam6d.vision.pose;

/**
 * How well a posed model agrees with an observation. All ratios are 0..1, higher is better.
 *
 * @param score         the verification score: {@code sqrt(depthFit × coverage)} with a mask, {@code depthFit}
 *                      without; falls for wrong poses
 * @param depthFit      of the rendered model pixels with observed depth, the (tolerance-weighted) share that lies on
 *                      the observed surface; contradicting pixels (model in front of the observed surface, or behind
 *                      it inside the mask) count against it, occluded ones (behind it, outside the mask) do not
 * @param coverage      share of the mask's depth pixels that the posed model explains (NaN without a mask)
 * @param silhouetteIou IoU of the model's unoccluded silhouette with the mask (NaN without a mask)
 * @param renderedPx    model pixels rendered in the image
 * @param inlierPx      rendered pixels on the observed surface (within tolerance)
 * @param frontPx       rendered pixels in front of the observed surface (a free-space contradiction)
 * @param behindPx      rendered pixels behind the observed surface (occluded, or a contradiction inside the mask)
 */
public record PoseScore(double score, double depthFit, double coverage, double silhouetteIou, int renderedPx,
        int inlierPx, int frontPx, int behindPx) {

    /** The score of a pose that puts the model out of sight or behind the camera. */
    public static PoseScore none() {
        return new PoseScore(0, 0, 0, 0, 0, 0, 0, 0);
    }
}
