package io.sam6d.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.model.ObjectModel;
import org.junit.jupiter.api.Test;

/** Symmetries found from the shape: a box's half turns, a cylinder's axis and flip, none for the mug. */
class ApproximateSymmetriesTest {

    static PpfModel build(String name, Mesh mesh, List<RigidTransform> given) {
        return PpfModel.build(new ObjectModel(name, mesh, MeshOps.diameter(mesh), given, null), new ConfigPpf());
    }

    /** Where the symmetry takes the model's axis {@code a} (a unit vector). */
    static double[] mapped(ApproximateSymmetries.Symmetry s, double... a) {
        return s.modelToModel().rotate(a[0], a[1], a[2]);
    }

    static double dot(double[] a, double... b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    @Test
    void aBoxHasItsThreeHalfTurns() {
        ApproximateSymmetries sym = build("box", SyntheticScenes.box(100, 70, 45), List.of()).approximateSymmetries();
        assertThat(sym.continuous()).isEmpty();
        assertThat(sym.discrete()).hasSize(3);
        int[] axesHit = new int[3];
        for (ApproximateSymmetries.Symmetry s : sym.discrete()) {
            assertThat(Math.toDegrees(s.modelToModel().rotationAngleTo(RigidTransform.identity())))
                    .isCloseTo(180, org.assertj.core.data.Offset.offset(1.0));
            double[] axis = ApproximateSymmetries.rotationAxis(s.modelToModel());
            for (int k = 0; k < 3; k++) {
                axesHit[k] += Math.abs(axis[k]) > 0.999 ? 1 : 0;
            }
            // about the box's centre: the centre stays put
            assertThat(s.modelToModel().translation()).containsExactly(new double[] {0, 0, 0},
                    org.assertj.core.data.Offset.offset(0.5));
            assertThat(s.excessMm()).isLessThan(sym.toleranceMm());
        }
        assertThat(axesHit).containsExactly(1, 1, 1);
    }

    @Test
    void aSquarePrismAlsoHasItsQuarterTurns() {
        ApproximateSymmetries sym = build("post", SyntheticScenes.box(60, 60, 150), List.of()).approximateSymmetries();
        assertThat(sym.continuous()).isEmpty();
        // the dihedral group of the square: three turns about z, four half turns across it
        assertThat(sym.discrete()).hasSize(7);
        long quarter = sym.discrete().stream().filter(s -> Math.abs(Math.toDegrees(
                s.modelToModel().rotationAngleTo(RigidTransform.identity())) - 90) < 1).count();
        assertThat(quarter).isEqualTo(2);
    }

    @Test
    void aCylinderHasItsAxisAndAFlip() {
        ApproximateSymmetries sym = build("can", SyntheticScenes.cylinder(40, 110, 96), List.of())
                .approximateSymmetries();
        assertThat(sym.continuous()).hasSize(1);
        ApproximateSymmetries.Axis axis = sym.continuous().get(0);
        assertThat(Math.abs(axis.direction()[2])).isGreaterThan(0.999);
        assertThat(Math.hypot(axis.pointMm()[0], axis.pointMm()[1])).isLessThan(0.5);
        // the flip, once: flips about other horizontal axes are the same flip turned about the axis
        assertThat(sym.discrete()).hasSize(1);
        assertThat(mapped(sym.discrete().get(0), 0, 0, 1)[2]).isLessThan(-0.999);
    }

    @Test
    void anLShapedPrismHasNone() {
        ApproximateSymmetries sym = build("ell", SyntheticScenes.lPrism(120, 80, 40, 50), List.of())
                .approximateSymmetries();
        assertThat(sym.isEmpty()).isTrue();
    }

    @Test
    void givenSymmetriesAreKeptAndToleranceZeroFindsNothingElse() {
        RigidTransform given = RigidTransform.fromAxisAngle(0, 0, 1, Math.PI, new double[3]);
        Mesh box = SyntheticScenes.box(100, 70, 45);
        ObjectModel model = new ObjectModel("box", box, MeshOps.diameter(box), List.of(given), null);
        ConfigPpf off = new ConfigPpf();
        off.symmetryToleranceRel = 0;
        ApproximateSymmetries sym = PpfModel.build(model, off).approximateSymmetries();
        assertThat(sym.discrete()).hasSize(1);
        assertThat(sym.discrete().get(0).label()).isEqualTo("given");
        // found ones and the given one are not listed twice
        ApproximateSymmetries all = PpfModel.build(model, new ConfigPpf()).approximateSymmetries();
        assertThat(all.discrete()).hasSize(3);
    }

    @Test
    void realScansTheMugHasNoneTheMustardBottleOnlyItsHalfTurnAboutItsHeight() {
        BopDataset ds = BopDataset.open(SharedData.ycbv());
        WeightFreePoseEstimator est = new WeightFreePoseEstimator();
        // the mug's handle breaks every rotation
        assertThat(est.prepare(YcbvFrames.objectModel(ds, 14)).approximateSymmetries().isEmpty()).isTrue();
        // the mustard bottle's body turned half round about its height matches within 0.1 mm on average, but
        // nothing turns it upside down
        ApproximateSymmetries mustard = est.prepare(YcbvFrames.objectModel(ds, 5)).approximateSymmetries();
        assertThat(mustard.continuous()).isEmpty();
        assertThat(mustard.discrete()).hasSize(1);
        assertThat(mapped(mustard.discrete().get(0), 0, 0, 1)[2]).isGreaterThan(0.99);
        // the cracker box: three half turns, within 1 mm for a 269 mm box
        ApproximateSymmetries cracker = est.prepare(YcbvFrames.objectModel(ds, 2)).approximateSymmetries();
        assertThat(cracker.discrete()).hasSize(3);
        assertThat(cracker.discrete()).allSatisfy(s -> assertThat(s.excessMm()).isLessThan(1.2));
    }
}
