package io.sam6d.vision.pose;

/**
 * How well a posed model agrees with an observation. All ratios are 0..1, higher is better.
 *
 * @param score         the verification score: {@code sqrt(depthFit × coverage)} with a mask,
 *                      {@code depthFit × (1 + edgeSupport) / 2} without; falls for wrong poses
 * @param depthFit      of the rendered model pixels with observed depth, the (tolerance-weighted) share that lies on
 *                      the observed surface; contradicting pixels (model in front of the observed surface, or behind
 *                      it inside the mask) count against it, occluded ones (behind it, outside the mask) do not
 * @param coverage      share of the mask's depth pixels that the posed model explains (NaN without a mask)
 * @param silhouetteIou IoU of the model's unoccluded silhouette with the mask (NaN without a mask)
 * @param renderedPx    model pixels rendered in the image
 * @param inlierPx      rendered pixels on the observed surface (within tolerance)
 * @param frontPx       rendered pixels in front of the observed surface (a free-space contradiction)
 * @param behindPx      rendered pixels behind the observed surface (occluded, or a contradiction inside the mask)
 * @param edgeSupport   of the unoccluded silhouette pixels, the share where the scene just outside lies farther away
 *                      (or has no depth): low for a pose sunk into a larger surface
 * @param colorAgreement mean cosine between the model's colour and the image's colour (as rgb vectors, so brightness
 *                      does not matter) over the pixels that agree in depth, 0..1; NaN when the model or the
 *                      observation has no colour. Not part of {@code score}: it separates poses that the shape
 *                      cannot (a box turned round); grey objects get about the same value for every pose
 */
public record PoseScore(double score, double depthFit, double coverage, double silhouetteIou, int renderedPx,
        int inlierPx, int frontPx, int behindPx, double edgeSupport, double colorAgreement) {

    /** The score of a pose that puts the model out of sight or behind the camera. */
    public static PoseScore none() {
        return new PoseScore(0, 0, 0, 0, 0, 0, 0, 0, 0, Double.NaN);
    }
}
