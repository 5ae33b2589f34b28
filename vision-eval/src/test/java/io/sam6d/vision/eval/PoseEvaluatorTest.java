package io.sam6d.vision.eval;

import static io.sam6d.vision.eval.EvalFixtures.boxPoints;
import static io.sam6d.vision.eval.EvalFixtures.diameter;
import static io.sam6d.vision.eval.EvalFixtures.facing;
import static io.sam6d.vision.eval.EvalFixtures.genericPose;
import static io.sam6d.vision.eval.EvalFixtures.halfTurnZ;
import static io.sam6d.vision.eval.EvalFixtures.info;
import static io.sam6d.vision.eval.EvalFixtures.squarePoints;
import static io.sam6d.vision.eval.EvalFixtures.translated;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.sam6d.vision.eval.bop.BopEstimate;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.io.bop.BopFrame;

class PoseEvaluatorTest {

    private static final CameraIntrinsics CAM = new CameraIntrinsics(1000, 1000, 320, 240);
    private static final double JUST = 1e-6;

    private final float[] box = boxPoints(50, 30, 20, 10);
    private final float[] square = squarePoints(40, 8);
    private final Map<Integer, EvalModel> models = Map.of(
            1, new EvalModel(1, box, diameter(box), List.of(), false),
            2, new EvalModel(2, box, diameter(box),
                    Symmetries.bop(info(2, diameter(box), false, List.of(halfTurnZ()), List.of()), 0.01), true),
            3, new EvalModel(3, box, diameter(box), List.of(), true),
            4, new EvalModel(4, square, diameter(square), List.of(), false));

    private PoseEvaluator.ObjectScores score(int objId, RigidTransform gt, RigidTransform est, int width) {
        PoseEvaluator ev = new PoseEvaluator(models::get);
        BopFrame frame = frame(List.of(new BopFrame.GtPose(objId, gt)), List.of());
        ev.addFrame(frame, width, List.of(new BopEstimate(0, 1, objId, 0.9, est, -1)));
        return ev.scores().overall();
    }

    private static BopFrame frame(List<BopFrame.GtPose> gt, List<BopFrame.GtInfo> info) {
        return new BopFrame(0, 1, null, null, null, CAM, 1.0, null, gt, info);
    }

    @Test
    void identicalPosesScoreOneOnEveryMetric() {
        for (int objId : models.keySet()) {
            PoseEvaluator.ObjectScores s = score(objId, genericPose(), genericPose(), 640);
            assertEquals(1, s.targets());
            assertEquals(1.0, s.addRecall());
            assertEquals(1.0, s.arMssd());
            assertEquals(1.0, s.arMspd());
            assertEquals(1.0, s.ar());
        }
    }

    @Test
    void addFailsExactlyAtATenthOfTheDiameter() {
        double d = models.get(1).diameterMm();
        RigidTransform gt = genericPose();
        assertEquals(1.0, score(1, gt, translated(gt, 0.1 * d * (1 - JUST), 0, 0), 640).addRecall());
        assertEquals(0.0, score(1, gt, translated(gt, 0.1 * d * (1 + JUST), 0, 0), 640).addRecall());
        // BOP compares strictly: an error equal to the threshold fails
        assertEquals(0, PoseMatching.countMatches(new double[][] {{0.1}}, new boolean[] {true}, 0.1));
    }

    @Test
    void mssdRecallCountsTheThresholdsAboveTheError() {
        double d = models.get(1).diameterMm();
        RigidTransform gt = genericPose();
        // 0.2 d: the thresholds 0.2 (just below: passes) .. 0.5 pass, i.e. 7 of 10
        PoseEvaluator.ObjectScores below = score(1, gt, translated(gt, 0, 0.2 * d * (1 - JUST), 0), 640);
        assertEquals(0.7, below.arMssd(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 0, 1, 1, 1, 1, 1, 1, 1}, below.mssdRecalls());
        PoseEvaluator.ObjectScores above = score(1, gt, translated(gt, 0, 0.2 * d * (1 + JUST), 0), 640);
        assertEquals(0.6, above.arMssd(), 1e-12);
        assertEquals(0.0, above.addRecall());
    }

    @Test
    void mspdThresholdsScaleWithTheImageWidth() {
        RigidTransform gt = facing(1000);
        // 12 mm sideways at 1000 mm with fx = 1000: 12 px for every point
        RigidTransform est = translated(gt, 12, 0, 0);
        assertEquals(0.8, score(4, gt, est, 640).arMspd(), 1e-12, "15..50 px pass at width 640");
        assertEquals(0.9, score(4, gt, est, 1280).arMspd(), 1e-12, "12 px at 1280 counts as 6 px: 10..50 pass");
        assertEquals(0.9, score(4, gt, translated(gt, 10 * (1 - JUST), 0, 0), 640).arMspd(), 1e-12);
        assertEquals(0.8, score(4, gt, translated(gt, 10 * (1 + JUST), 0, 0), 640).arMspd(), 1e-12);
    }

    @Test
    void aSymmetricObjectTurnedByItsSymmetryIsCorrect() {
        RigidTransform gt = genericPose();
        RigidTransform est = gt.compose(halfTurnZ());
        for (int objId : new int[] {2, 3}) {
            PoseEvaluator.ObjectScores s = score(objId, gt, est, 640);
            assertEquals(1.0, s.addRecall(), "ADD-S, object " + objId);
            assertEquals(1.0, s.arMssd(), "MSSD, object " + objId);
            assertEquals(1.0, s.arMspd(), "MSPD, object " + objId);
        }
        PoseEvaluator.ObjectScores plain = score(1, gt, est, 640);
        assertEquals(0.0, plain.addRecall());
    }

    @Test
    void multipleInstancesAreMatchedGreedilyByScoreAmongTheTopK() {
        RigidTransform a = genericPose();
        RigidTransform b = translated(genericPose(), 300, 0, 0);
        BopFrame f = frame(List.of(new BopFrame.GtPose(1, a), new BopFrame.GtPose(1, b)), List.of());
        PoseEvaluator ev = new PoseEvaluator(models::get);
        List<BopEstimate> ests = new ArrayList<>();
        ests.add(new BopEstimate(0, 1, 1, 0.9, a, -1));
        ests.add(new BopEstimate(0, 1, 1, 0.5, translated(a, 0, 0, 150), -1)); // wrong, but ranked second
        ests.add(new BopEstimate(0, 1, 1, 0.2, b, -1)); // right, but beyond the top 2
        ev.addFrame(f, 640, ests);
        PoseEvaluator.ObjectScores s = ev.scores().overall();
        assertEquals(2, s.targets());
        assertEquals(2, s.estimates());
        assertEquals(0.5, s.addRecall());
        assertEquals(0.5, s.ar(), 1e-12);
    }

    @Test
    void oneEstimateMatchesOnlyOneOfTwoIdenticalInstances() {
        RigidTransform a = genericPose();
        BopFrame f = frame(List.of(new BopFrame.GtPose(1, a), new BopFrame.GtPose(1, a)), List.of());
        PoseEvaluator ev = new PoseEvaluator(models::get);
        ev.addFrame(f, 640, List.of(new BopEstimate(0, 1, 1, 0.9, a, -1), new BopEstimate(0, 1, 1, 0.8, a, -1)));
        assertEquals(1.0, ev.scores().overall().addRecall());
        ev.addFrame(f, 640, List.of(new BopEstimate(0, 1, 1, 0.9, a, -1)));
        assertEquals(0.75, ev.scores().overall().addRecall());
    }

    @Test
    void barelyVisibleInstancesAreNotTargetsAndOtherObjectsAreIgnored() {
        RigidTransform a = genericPose();
        RigidTransform b = translated(a, 300, 0, 0);
        List<BopFrame.GtInfo> info = List.of(new BopFrame.GtInfo(new int[4], new int[4], 100, 0.5),
                new BopFrame.GtInfo(new int[4], new int[4], 3, 0.09));
        BopFrame f = frame(List.of(new BopFrame.GtPose(1, a), new BopFrame.GtPose(4, b)), info);
        PoseEvaluator ev = new PoseEvaluator(models::get);
        ev.addFrame(f, 640, List.of(new BopEstimate(0, 1, 1, 0.9, a, -1),
                new BopEstimate(0, 1, 4, 0.9, translated(b, 0, 0, 500), -1),
                new BopEstimate(0, 1, 2, 0.9, a, -1)));
        PoseEvaluator.Scores s = ev.scores();
        assertEquals(1, s.perObject().size(), "only object 1 has a target");
        assertEquals(1, s.overall().targets());
        assertEquals(1.0, s.overall().ar());
    }

    @Test
    void aMissingEstimateCountsAsAMiss() {
        PoseEvaluator ev = new PoseEvaluator(models::get);
        RigidTransform a = genericPose();
        ev.addFrame(frame(List.of(new BopFrame.GtPose(1, a)), List.of()), 640, List.of(new BopEstimate(0, 1, 1, 1, a, -1)));
        ev.addFrame(new BopFrame(0, 2, null, null, null, CAM, 1.0, null, List.of(new BopFrame.GtPose(1, a)), List.of()),
                640, List.of());
        PoseEvaluator.ObjectScores s = ev.scores().overall();
        assertEquals(2, s.targets());
        assertEquals(0.5, s.ar(), 1e-12);
    }
}
