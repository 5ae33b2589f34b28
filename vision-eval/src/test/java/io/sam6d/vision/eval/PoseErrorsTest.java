package io.sam6d.vision.eval;

import static io.sam6d.vision.eval.EvalFixtures.boxPoints;
import static io.sam6d.vision.eval.EvalFixtures.cylinderPoints;
import static io.sam6d.vision.eval.EvalFixtures.diameter;
import static io.sam6d.vision.eval.EvalFixtures.facing;
import static io.sam6d.vision.eval.EvalFixtures.genericPose;
import static io.sam6d.vision.eval.EvalFixtures.halfTurnZ;
import static io.sam6d.vision.eval.EvalFixtures.info;
import static io.sam6d.vision.eval.EvalFixtures.squarePoints;
import static io.sam6d.vision.eval.EvalFixtures.translated;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.io.bop.ModelInfo;

class PoseErrorsTest {

    private static final double TOL = 1e-9;
    private static final CameraIntrinsics CAM = new CameraIntrinsics(1000, 1000, 320, 240);

    private final float[] box = boxPoints(50, 30, 20, 10);
    private final double boxDiameter = diameter(box);
    /** No symmetry: ADD, MSSD over the identity only. */
    private final EvalModel plain = new EvalModel(1, box, boxDiameter, List.of(), false);
    /** The box's half turn about z listed as a discrete symmetry (as in models_info.json). */
    private final EvalModel listed = new EvalModel(2, box, boxDiameter,
            Symmetries.bop(info(2, boxDiameter, false, List.of(halfTurnZ()), List.of()), Symmetries.BOP_MAX_SYM_DISC_STEP),
            true);
    /** Flagged symmetric_adds with no transform: closest-point MSSD and MSPD. */
    private final EvalModel flagged = new EvalModel(3, box, boxDiameter, List.of(), true);

    @Test
    void identicalPosesHaveZeroErrorOnEveryMetric() {
        RigidTransform pose = genericPose();
        for (EvalModel m : List.of(plain, listed, flagged)) {
            assertEquals(0, PoseErrors.add(m, pose, pose), TOL);
            assertEquals(0, PoseErrors.adi(m, pose, pose), TOL);
            assertEquals(0, PoseErrors.mssd(m, pose, pose), TOL);
            assertEquals(0, PoseErrors.mspd(m, pose, pose, CAM), TOL);
        }
    }

    @Test
    void aTranslationOffsetIsExactlyTheAddAndMssdError() {
        RigidTransform gt = genericPose();
        // 7.5 mm along (2, -1, 2)/3
        RigidTransform est = translated(gt, 5, -2.5, 5);
        assertEquals(7.5, PoseErrors.add(plain, est, gt), 1e-9);
        assertEquals(7.5, PoseErrors.mssd(plain, est, gt), 1e-9);
        assertEquals(7.5, PoseErrors.mssd(listed, est, gt), 1e-9, "the identity is the best symmetry here");
        assertTrue(PoseErrors.adi(plain, est, gt) <= 7.5 + 1e-9, "closest points are never farther than the same point");
    }

    @Test
    void mspdOfAnInPlaneShiftOfAFlatObjectFacingTheCamera() {
        float[] square = squarePoints(40, 8);
        EvalModel m = new EvalModel(4, square, diameter(square), List.of(), false);
        RigidTransform gt = facing(1000);
        // every point is 1000 mm deep: 4 mm sideways is 4 * fx / z = 4 px
        assertEquals(4.0, PoseErrors.mspd(m, translated(gt, 4, 0, 0), gt, CAM), 1e-9);
        assertEquals(5.0, PoseErrors.mspd(m, translated(gt, 3, 4, 0), gt, CAM), 1e-9);
    }

    @Test
    void aHalfTurnIsFreeForAnObjectWithThatSymmetryAndCostlyOtherwise() {
        RigidTransform gt = genericPose();
        RigidTransform est = gt.compose(halfTurnZ());
        // without the symmetry the farthest corners move by the diagonal of the x-y face
        double faceDiagonal = 2 * Math.hypot(50, 30);
        assertEquals(faceDiagonal, PoseErrors.mssd(plain, est, gt), 1e-4);
        assertTrue(PoseErrors.add(plain, est, gt) > 40);

        for (EvalModel symmetric : List.of(listed, flagged)) {
            assertEquals(0, PoseErrors.mssd(symmetric, est, gt), 1e-4);
            assertEquals(0, PoseErrors.mspd(symmetric, est, gt, CAM), 1e-4);
            assertEquals(0, PoseErrors.adi(symmetric, est, gt), 1e-4);
        }
    }

    @Test
    void aQuarterTurnIsNotASymmetryOfAnOblongBoxEvenForClosestPoints() {
        RigidTransform gt = genericPose();
        RigidTransform est = gt.compose(RigidTransform.fromAxisAngle(0, 0, 1, Math.PI / 2, new double[3]));
        // the long side (x = ±50) lands where the short side was (y = ±30): at least 20 mm off
        assertTrue(PoseErrors.mssd(flagged, est, gt) >= 20 - 1e-4);
        assertTrue(PoseErrors.mssd(listed, est, gt) >= 20 - 1e-4);
        assertTrue(PoseErrors.mspd(flagged, est, gt, CAM) > 10);
    }

    @Test
    void continuousSymmetriesAreSampledAsBopDoes() {
        float[] cyl = cylinderPoints(40, 100, 720, 10);
        double d = diameter(cyl);
        ModelInfo info = info(5, d, false, List.of(),
                List.of(new ModelInfo.ContinuousSymmetry(new double[] {0, 0, 1}, new double[] {0, 0, 0})));
        List<RigidTransform> syms = Symmetries.bop(info, Symmetries.BOP_MAX_SYM_DISC_STEP);
        assertEquals(315, syms.size(), "ceil(pi / 0.01) rotations");
        assertTrue(Symmetries.isIdentity(syms.get(0), 1e-12));
        EvalModel m = new EvalModel(5, cyl, d, syms, true);

        RigidTransform gt = genericPose();
        RigidTransform est = gt.compose(RigidTransform.fromAxisAngle(0, 0, 1, 1.2345, new double[3]));
        // the nearest sample is at most half a step (pi / 315) away: the rim moves at most r * pi / 315
        double mssd = PoseErrors.mssd(m, est, gt);
        assertTrue(mssd <= 40 * Math.PI / 315 + 1e-6, "mssd " + mssd);
        assertTrue(mssd < 0.05 * d);
        assertEquals(0, PoseErrors.adi(m, est, gt), 40 * 2 * Math.PI / 720);
    }

    @Test
    void discreteSymmetryWithAnOffsetAxis() {
        // a half turn about a z axis through (10, 0, 0): x -> 20 - x, y -> -y
        RigidTransform s = new RigidTransform(halfTurnZ().rotation(), new double[] {20, 0, 0});
        float[] shifted = boxPoints(50, 30, 20, 10);
        for (int i = 0; i < shifted.length; i += 3) {
            shifted[i] += 10;
        }
        double d = diameter(shifted);
        EvalModel m = new EvalModel(6, shifted, d,
                Symmetries.bop(info(6, d, false, List.of(s), List.of()), Symmetries.BOP_MAX_SYM_DISC_STEP), true);
        RigidTransform gt = genericPose();
        assertEquals(0, PoseErrors.mssd(m, gt.compose(s), gt), 1e-4);
        assertEquals(0, PoseErrors.mspd(m, gt.compose(s), gt, CAM), 1e-4);
    }

    @Test
    void cappedErrorsAreExactBelowTheCapAndInfiniteFromIt() {
        RigidTransform gt = genericPose();
        RigidTransform est = translated(gt, 6, 0, 8); // 10 mm
        assertEquals(10, PoseErrors.add(plain, est, gt, 10.5), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, PoseErrors.add(plain, est, gt, 10.0 - 1e-6));
        assertEquals(10, PoseErrors.mssd(listed, est, gt, 10.5), 1e-9);
        assertEquals(Double.POSITIVE_INFINITY, PoseErrors.mssd(listed, est, gt, 9.99));
        assertEquals(Double.POSITIVE_INFINITY, PoseErrors.mssd(flagged, translated(gt, 0, 0, 60), gt, 30));
        double adi = PoseErrors.adi(flagged, est, gt);
        assertEquals(adi, PoseErrors.adi(flagged, est, gt, adi * 1.01), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, PoseErrors.adi(flagged, est, gt, adi * 0.99));
        double mspd = PoseErrors.mspd(plain, est, gt, CAM);
        assertEquals(mspd, PoseErrors.mspd(plain, est, gt, CAM, mspd + 1e-6), 1e-12);
        assertEquals(Double.POSITIVE_INFINITY, PoseErrors.mspd(plain, est, gt, CAM, mspd - 1e-6));
    }

    @Test
    void allAtOnceAgreesWithTheSingleFunctions() {
        java.util.Random rnd = new java.util.Random(11);
        RigidTransform gt = genericPose();
        for (int k = 0; k < 20; k++) {
            double s = k < 10 ? 3 : 40;
            RigidTransform est = translated(RigidTransform.fromAxisAngle(rnd.nextGaussian(), rnd.nextGaussian(),
                    rnd.nextGaussian(), s / 100 * rnd.nextGaussian(), new double[3]).compose(gt),
                    s * rnd.nextGaussian(), s * rnd.nextGaussian(), s * rnd.nextGaussian());
            for (EvalModel m : List.of(plain, listed, flagged)) {
                double[] all = PoseErrors.all(m, est, gt, CAM);
                assertEquals(PoseErrors.addOrAdi(m, est, gt), all[0], 1e-9);
                assertEquals(PoseErrors.mssd(m, est, gt), all[1], 1e-9);
                assertEquals(PoseErrors.mspd(m, est, gt, CAM), all[2], 1e-9);
                double[] capped = PoseErrors.all(m, est, gt, CAM, 0.1 * boxDiameter, 0.5 * boxDiameter, 50);
                assertEquals(all[0] < 0.1 * boxDiameter ? all[0] : Double.POSITIVE_INFINITY, capped[0], 1e-9);
                assertEquals(all[1] < 0.5 * boxDiameter ? all[1] : Double.POSITIVE_INFINITY, capped[1], 1e-9);
                assertEquals(all[2] < 50 ? all[2] : Double.POSITIVE_INFINITY, capped[2], 1e-9);
            }
        }
    }

    @Test
    void symmetryFlagsDecideAddOrAddS() {
        assertFalse(plain.scoredWithAddS());
        assertTrue(listed.scoredWithAddS());
        assertFalse(listed.closestPointSymmetry());
        assertTrue(flagged.closestPointSymmetry());
        RigidTransform gt = genericPose();
        RigidTransform est = gt.compose(halfTurnZ());
        assertEquals(PoseErrors.add(plain, est, gt), PoseErrors.addOrAdi(plain, est, gt), 0);
        assertEquals(0, PoseErrors.addOrAdi(listed, est, gt), 1e-4);
    }
}
