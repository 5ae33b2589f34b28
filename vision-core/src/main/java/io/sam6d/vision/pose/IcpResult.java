package io.sam6d.vision.pose;

import io.sam6d.vision.geometry.RigidTransform;

/**
 * Outcome of an ICP refinement.
 *
 * @param modelToCamera  the refined pose, t in mm
 * @param rmsMm          root mean square point-to-plane distance of the inlier pairs at the last iteration, mm
 * @param inliers        scene points paired with the model at the last iteration
 * @param inlierFraction inliers / scene points used at the last iteration (0..1)
 * @param iterations     iterations run over all levels
 */
public record IcpResult(RigidTransform modelToCamera, double rmsMm, int inliers, double inlierFraction,
        int iterations) {
}
