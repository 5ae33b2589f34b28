package io.sam6d.vision.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.model.ObjectModel;
import org.junit.jupiter.api.Test;

class PpfMatcherTest {

    @Test
    void truePoseIsAmongTheBestClusters() {
        Mesh ell = WeightFreePoseEstimatorTest.ELL;
        ObjectModel om = new ObjectModel("ell", ell, MeshOps.diameter(ell), List.of(), null);
        WeightFreePoseEstimator est = new WeightFreePoseEstimator();
        PpfModel model = est.prepare(om);
        Random rnd = new Random(17);
        for (int k = 0; k < 3; k++) {
            RigidTransform gt = SyntheticScenes.randomPose(rnd, 0, 10, 600 + 20 * k);
            SyntheticScenes.Frame f = SyntheticScenes.render(ell, gt, 0.5, 80 + k);
            SceneCloud scene = est.votingCloud(model, f.depth(), SyntheticScenes.CAMERA, f.mask());
            List<PoseCandidate> cands = new PpfMatcher().match(model, scene, scene);
            assertThat(cands).isNotEmpty();
            assertThat(cands.get(0).votes()).isGreaterThanOrEqualTo(cands.get(cands.size() - 1).votes());
            boolean found = false;
            for (PoseCandidate c : cands.subList(0, Math.min(3, cands.size()))) {
                found |= Math.toDegrees(c.modelToCamera().rotationAngleTo(gt)) < 15
                        && c.modelToCamera().translationDistanceTo(gt) < 0.1 * om.diameterMm();
            }
            assertThat(found).as("a top-3 cluster within 15 deg and 0.1 diameter").isTrue();
        }
    }

    @Test
    void symmetricPosesShareOneCluster() {
        // a box 100 x 60 x 40 mm has the three half turns about its axes as symmetries
        Mesh box = SyntheticScenes.box(100, 60, 40);
        double[] zero = new double[3];
        List<RigidTransform> sym = List.of(RigidTransform.fromAxisAngle(1, 0, 0, Math.PI, zero),
                RigidTransform.fromAxisAngle(0, 1, 0, Math.PI, zero), RigidTransform.fromAxisAngle(0, 0, 1, Math.PI, zero));
        WeightFreePoseEstimator est = new WeightFreePoseEstimator();
        PpfModel plain = est.prepare(new ObjectModel("box", box, MeshOps.diameter(box), List.of(), null));
        PpfModel symmetric = est.prepare(new ObjectModel("box", box, MeshOps.diameter(box), sym, null));
        RigidTransform gt = SyntheticScenes.randomPose(new Random(9), 0, 0, 550);
        SyntheticScenes.Frame f = SyntheticScenes.render(box, gt, 0.5, 9);
        SceneCloud scene = est.votingCloud(plain, f.depth(), SyntheticScenes.CAMERA, f.mask());

        List<PoseCandidate> split = new PpfMatcher().match(plain, scene, scene);
        List<PoseCandidate> merged = new PpfMatcher().match(symmetric, scene, scene);
        // with the symmetries declared, no two clusters are the same pose up to symmetry ...
        List<RigidTransform> withIdentity = new ArrayList<>(sym);
        withIdentity.add(RigidTransform.identity());
        for (int i = 0; i < merged.size(); i++) {
            for (int j = i + 1; j < merged.size(); j++) {
                for (RigidTransform s : withIdentity) {
                    RigidTransform a = merged.get(i).modelToCamera(), b = merged.get(j).modelToCamera().compose(s);
                    assertThat(Math.toDegrees(a.rotationAngleTo(b)) < 20 && a.translationDistanceTo(b) < 0.1 * symmetric.diameterMm())
                            .isFalse();
                }
            }
        }
        // ... and the best cluster gathers the votes that were split between the equivalent poses
        assertThat(merged.get(0).votes()).isGreaterThan(1.3 * split.get(0).votes());
    }
}
