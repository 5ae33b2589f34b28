package io.sam6d.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.ObjectModel;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The upright prior: of the symmetric variants that depth cannot tell apart, the one standing on its base wins; an
 * object lying on its side is left alone; colour, where there is some, decides first.
 */
class UprightTieBreakTest {

    static final Mesh BOX = SyntheticScenes.box(70, 100, 150);
    static final ObjectModel MODEL = new ObjectModel("box", BOX, MeshOps.diameter(BOX), List.of(), null);
    static final double[] VIEWS_DEG = {25, 110, 200, 290};
    static WeightFreePoseEstimator withPrior;
    static WeightFreePoseEstimator withoutPrior;
    static PpfModel prepared;

    @BeforeAll
    static void prepare() {
        withPrior = new WeightFreePoseEstimator();
        ConfigWeightFreePose off = new ConfigWeightFreePose();
        off.uprightAxis = "none";
        withoutPrior = new WeightFreePoseEstimator(off);
        prepared = withPrior.prepare(MODEL);
    }

    static PoseResult estimate(WeightFreePoseEstimator est, PpfModel model, TableScenes.Frame f, RgbImage rgb) {
        RgbdFrame frame = new RgbdFrame(rgb != null ? rgb : RgbImage.blank(640, 480), f.depth(), SyntheticScenes.CAMERA);
        Detection d = new Detection(model.name(), 1, f.mask(), f.mask().bbox(), List.of(), null);
        return est.estimate(frame, List.of(d), List.of(model), true).get(0);
    }

    /** Cosine between the posed model's +z and the table's up direction, both in the camera frame. */
    static double upright(RigidTransform modelToCamera, RigidTransform worldToCamera) {
        double[] u = modelToCamera.rotate(0, 0, 1);
        double[] n = worldToCamera.rotate(0, 0, 1);
        return u[0] * n[0] + u[1] * n[1] + u[2] * n[2];
    }

    @Test
    void aBoxStandingOnItsBaseComesOutUprightNotUpsideDown() {
        int upsideDownWithoutPrior = 0;
        for (int k = 0; k < VIEWS_DEG.length; k++) {
            RigidTransform cam = TableScenes.worldToCamera(40, VIEWS_DEG[k], 650);
            RigidTransform pose = TableScenes.onTable(RigidTransform.identity(), 15 + 20 * k, 10, -15, 75);
            TableScenes.Frame f = TableScenes.render(BOX, pose, cam, 0.5, 40 + k);
            PoseResult r = estimate(withPrior, prepared, f, null);
            // right up to the box's half turn about its height, and standing on its base
            assertThat(PoseAccuracy.adds(prepared.densePoints(), r.modelToCamera(), f.modelToCamera()))
                    .as("view %d", k).isLessThan(2);
            assertThat(upright(r.modelToCamera(), cam)).as("view %d: %s", k, r.decision()).isGreaterThan(0.99);
            // the variants tried are listed among the rejected hypotheses and the report says what decided
            assertThat(r.rejected()).anySatisfy(h -> assertThat(h.stage()).startsWith("symmetry half-turn"));
            assertThat(r.decision()).contains("support normal");

            PoseResult plain = estimate(withoutPrior, prepared, f, null);
            assertThat(PoseAccuracy.adds(prepared.densePoints(), plain.modelToCamera(), f.modelToCamera()))
                    .isLessThan(2);
            upsideDownWithoutPrior += upright(plain.modelToCamera(), cam) < -0.99 ? 1 : 0;
        }
        // without the prior the shape alone leaves it to chance
        assertThat(upsideDownWithoutPrior).as("upside down without the prior").isGreaterThanOrEqualTo(1);
    }

    @Test
    void aBoxLyingOnItsSideIsLeftAlone() {
        // model +x up: every variant has its +z level with the table
        RigidTransform onSide = RigidTransform.fromAxisAngle(0, 1, 0, -Math.PI / 2, new double[3]);
        for (int k = 0; k < 2; k++) {
            RigidTransform cam = TableScenes.worldToCamera(45, VIEWS_DEG[k], 650);
            RigidTransform pose = TableScenes.onTable(onSide, 30 * k, 0, 10, 35);
            TableScenes.Frame f = TableScenes.render(BOX, pose, cam, 0.5, 60 + k);
            PoseResult r = estimate(withPrior, prepared, f, null);
            PoseResult plain = estimate(withoutPrior, prepared, f, null);
            assertThat(PoseAccuracy.adds(prepared.densePoints(), r.modelToCamera(), f.modelToCamera())).isLessThan(2);
            assertThat(Math.abs(upright(r.modelToCamera(), cam))).isLessThan(0.05);
            // the prior had nothing to say: the same pose as without it
            assertThat(Math.toDegrees(r.modelToCamera().rotationAngleTo(plain.modelToCamera()))).as(r.decision())
                    .isLessThan(0.01);
            assertThat(r.decision()).contains("decided by score");
        }
    }

    @Test
    void aColouredBoxUpsideDownIsDecidedByItsColoursNotByThePrior() {
        Mesh coloured = SyntheticScenes.colouredBox(70, 100, 150);
        PpfModel model = withPrior.prepare(new ObjectModel("cbox", coloured, MeshOps.diameter(coloured),
                List.of(), null));
        RigidTransform upsideDown = RigidTransform.fromAxisAngle(1, 0, 0, Math.PI, new double[3]);
        for (int k = 0; k < 2; k++) {
            RigidTransform cam = TableScenes.worldToCamera(40, VIEWS_DEG[k] + 10, 650);
            RigidTransform pose = TableScenes.onTable(upsideDown, 20 + 25 * k, 0, 0, 75);
            TableScenes.Frame f = TableScenes.render(coloured, pose, cam, 0.5, 80 + k);
            RgbImage rgb = SyntheticScenes.renderColour(coloured, f.modelToCamera(), f.mask(), 80 + k);
            PoseResult r = estimate(withPrior, model, f, rgb);
            assertThat(Math.toDegrees(r.modelToCamera().rotationAngleTo(f.modelToCamera()))).as(r.decision())
                    .isLessThan(2);
            assertThat(upright(r.modelToCamera(), cam)).isLessThan(-0.99);
            assertThat(r.decision()).contains("decided by colour");
        }
    }

    @Test
    void theUpAxisIsANamedAxisThreeNumbersOrNone() {
        ConfigWeightFreePose c = new ConfigWeightFreePose();
        assertThat(c.uprightAxisVector()).containsExactly(0, 0, 1);
        c.uprightAxis = "-Y";
        assertThat(c.uprightAxisVector()).containsExactly(0, -1, 0);
        c.uprightAxis = "0, 3, 4";
        assertThat(c.uprightAxisVector()).containsExactly(new double[] {0, 0.6, 0.8},
                org.assertj.core.data.Offset.offset(1e-12));
        c.uprightAxis = "none";
        assertThat(c.uprightAxisVector()).isNull();
        c.checkValidity();
        for (String bad : new String[] {"up", "0,0", "0,0,0", "1,x,2"}) {
            c.uprightAxis = bad;
            assertThatThrownBy(c::checkValidity).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
