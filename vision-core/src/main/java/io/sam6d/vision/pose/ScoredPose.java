package io.sam6d.vision.pose;

import io.sam6d.vision.geometry.RigidTransform;

/**
 * A pose with its verification score.
 *
 * @param modelToCamera x_cam = R x_model + t, t in mm
 * @param score         agreement with the observation
 * @param stage         where the pose came from: {@link WeightFreePoseEstimator#STAGE_VOTING},
 *                      {@link WeightFreePoseEstimator#STAGE_COARSE} or {@link WeightFreePoseEstimator#STAGE_REFINED}
 */
public record ScoredPose(RigidTransform modelToCamera, PoseScore score, String stage) {
}
