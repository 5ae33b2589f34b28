package io.sam6d.vision.pose;

import java.util.List;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.segmentation.Detection;

/**
 * Development diagnostics (not a test): turns the ground-truth pose of an object about a model axis in steps, refines
 * each by ICP and scores it, to see whether depth prefers the true angle. Arguments: scene image objId [axis x,y,z].
 */
public final class YawSweepDiag {
    public static void main(String[] args) {
        BopDataset ds = BopDataset.open(SharedData.ycbv());
        int scene = Integer.parseInt(args[0]), im = Integer.parseInt(args[1]), obj = Integer.parseInt(args[2]);
        double[] axis = args.length > 3 ? java.util.Arrays.stream(args[3].split(",")).mapToDouble(Double::parseDouble)
                .toArray() : null;
        WeightFreePoseEstimator est = new WeightFreePoseEstimator();
        BopFrame f = ds.frames("test", scene).get(im - 1);
        RgbdFrame frame = YcbvFrames.frame(f);
        List<Detection> dets = YcbvFrames.detections(f, YcbvFrames.MaskMode.GT, 0);
        for (int g = 0; g < f.gt().size(); g++) {
            if (f.gt().get(g).objId() != obj) {
                continue;
            }
            PpfModel pm = est.prepare(YcbvFrames.objectModel(ds, obj));
            ApproximateSymmetries sym = pm.approximateSymmetries();
            double[] ax = axis != null ? axis : sym.continuous().isEmpty() ? new double[] {0, 0, 1}
                    : sym.continuous().get(0).direction();
            double[] c = sym.continuous().isEmpty() ? new double[3] : sym.continuous().get(0).pointMm();
            RigidTransform gt = f.gt().get(g).modelToCamera();
            var mask = dets.get(g).mask();
            PoseScorer sc = new PoseScorer().setObservation(frame.depth(), frame.camera(), mask);
            ConfigPoseScore tight = new ConfigPoseScore();
            tight.depthToleranceMm = 3;
            tight.depthToleranceRel = 0;
            PoseScorer st = new PoseScorer(tight).setObservation(frame.depth(), frame.camera(), mask);
            SceneCloud cloud = est.refinementCloud(pm, frame.depth(), frame.camera(), MaskOps.dilate(mask, 4));
            ConfigIcp fine = new ConfigIcp();
            fine.maxPoints = new int[] {400, 1200, 3000, 8000};
            fine.maxDistanceRel = new double[] {0.1, 0.05, 0.025, 0.012};
            fine.maxIterationsPerLevel = 30;
            PointToPlaneIcp icp = new PointToPlaneIcp(fine);
            float[] ev = YcbvFrames.evalPoints(ds, obj);
            int step = args.length > 4 ? Integer.parseInt(args[4]) : 15, from = args.length > 5 ? Integer.parseInt(args[5]) : 0;
            for (int deg = from; deg < (from == 0 ? 360 : -from + 1); deg += step) {
                RigidTransform start = gt.compose(ApproximateSymmetries.aboutPoint(ax, Math.toRadians(deg), c));
                IcpResult r = icp.refine(pm, cloud, start);
                PoseScore s = sc.score(pm, r.modelToCamera());
                PoseScore t = st.score(pm, r.modelToCamera());
                System.out.printf("turn %3d: rot %5.1f add %6.1f  score %.4f  tight %.4f  rms %.3f  inliers %.3f%n", deg, Math.toDegrees(r.modelToCamera().rotationAngleTo(gt)),
                        PoseAccuracy.add(ev, r.modelToCamera(), gt), s.score(), t.score(), r.rmsMm(),
                        r.inlierFraction());
            }
        }
    }
}
