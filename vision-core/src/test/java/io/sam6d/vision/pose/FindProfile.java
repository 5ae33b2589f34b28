package io.sam6d.vision.pose;

import java.util.List;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.model.ObjectModel;

/** Development profiling of findInstances (not a test). */
public final class FindProfile {
    public static void main(String[] args) {
        WeightFreePoseEstimator est = new WeightFreePoseEstimator();
        Mesh l = WeightFreePoseEstimatorTest.ELL;
        PpfModel ell = est.prepare(new ObjectModel("ell", l, MeshOps.diameter(l, 4000), List.of(), null));
        RigidTransform first = RigidTransform.fromAxisAngle(1, 0.4, 0.2, 2.2, new double[] {-120, -40, 620});
        RigidTransform second = RigidTransform.fromAxisAngle(-0.3, 1, 0.5, 1.1, new double[] {110, 30, 650});
        RigidTransform distractor = RigidTransform.fromAxisAngle(0.2, 0.1, 1, 0.7, new double[] {0, 90, 600});
        SyntheticScenes.Scene scene = SyntheticScenes.renderAll(List.of(l, l, FindInstancesTest.BOX), List.of(first, second, distractor), 760, 0.5, 5);
        for (int rep = 0; rep < 3; rep++) {
            long c0 = PoseProfile.cpu();
            SceneCloud voting = est.votingCloud(ell, scene.depth(), SyntheticScenes.CAMERA, null);
            long c1 = PoseProfile.cpu();
            ConfigPpf search = est.config().ppf;
            search.maxReferencePoints = 600;
            search.maxClusters = 30;
            List<PoseCandidate> cands = new PpfMatcher(search).match(ell, voting, voting);
            long c2 = PoseProfile.cpu();
            SceneCloud dense = SceneCloud.fromDepth(scene.depth(), SyntheticScenes.CAMERA, null, null, 2, 4.6);
            long c3 = PoseProfile.cpu();
            est.findInstances(ell, scene.depth(), SyntheticScenes.CAMERA, null, 5, 0.3);
            long c4 = PoseProfile.cpu();
            System.out.printf("voting %d pts %d ms, match %d ms, dense %d pts %d ms, findInstances total %d ms%n", voting.size(), c1 - c0, c2 - c1, dense.size(), c3 - c2, c4 - c3);
        }
    }
}
