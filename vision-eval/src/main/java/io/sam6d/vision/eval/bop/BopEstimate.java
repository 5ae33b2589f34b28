package io.sam6d.vision.eval.bop;

import io.sam6d.vision.geometry.RigidTransform;

/**
 * One pose estimate in BOP's results format: a row of the results CSV or an entry of the results JSON.
 *
 * @param score         confidence, higher is better (BOP ranks the estimates of an object in an image by it)
 * @param modelToCamera {@code x_cam = R x_model + t}, t in mm
 * @param timeSec       wall time spent on the whole image in seconds, the same for every estimate of that image;
 *                      -1 when unknown
 */
public record BopEstimate(int sceneId, int imageId, int objId, double score, RigidTransform modelToCamera,
        double timeSec) {
}
