package io.sam6d.vision.pose;

import java.util.List;

import io.sam6d.vision.geometry.RigidTransform;

/**
 * The pose of one detected instance.
 *
 * @param detectionIndex index of the detection it answers, in the request's order
 * @param modelToCamera  x_cam = R x_model + t, t in mm
 * @param score          verification score 0..1 (agreement of the posed model with depth and mask); falls for
 *                       wrong poses so a threshold can drop them
 * @param rejected       other hypotheses with their scores, best first (filled only when asked for)
 * @param decision       how the pose was chosen among near-equal ones, for people reading debug output: the
 *                       symmetric variants tried with their scores and cues, and the cue that decided (empty when the
 *                       engine reports nothing)
 */
public record PoseResult(int detectionIndex, String objectName, RigidTransform modelToCamera, double score,
        List<Hypothesis> rejected, String decision) {

    public PoseResult {
        decision = decision != null ? decision : "";
    }

    /** A result without a decision report. */
    public PoseResult(int detectionIndex, String objectName, RigidTransform modelToCamera, double score,
            List<Hypothesis> rejected) {
        this(detectionIndex, objectName, modelToCamera, score, rejected, "");
    }

    /** A pose considered and not chosen. */
    public record Hypothesis(RigidTransform modelToCamera, double score, String stage) {
    }
}
