package io.sam6d.vision.pose;

import io.sam6d.vision.geometry.RigidTransform;

/**
 * A pose hypothesis from point-pair voting.
 *
 * @param modelToCamera x_cam = R x_model + t, t in mm
 * @param votes         summed votes of the pose cluster (higher is better; comparable within one match)
 * @param clusterSize   how many reference-point peaks joined the cluster
 */
public record PoseCandidate(RigidTransform modelToCamera, double votes, int clusterSize) {
}
