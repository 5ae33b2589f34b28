package io.sam6d.vision.pose;

import java.util.List;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.segmentation.Detection;

/** Development diagnostics (not a test). */
public final class PoseDiag {
    public static void main(String[] args) {
        BopDataset ds = BopDataset.open(SharedData.ycbv());
        int scene = Integer.parseInt(args[0]);
        int im = Integer.parseInt(args[1]);
        ConfigWeightFreePose cfg = new ConfigWeightFreePose();
        for (int a = 2; a < args.length; a++) {
            String[] kv = args[a].split("=", 2);
            ConfigArgs.apply(cfg, kv[0], kv[1]);
        }
        WeightFreePoseEstimator est = new WeightFreePoseEstimator(cfg);
        BopFrame f = ds.frames("test", scene).get(im - 1);
        RgbdFrame frame = YcbvFrames.frame(f);
        List<Detection> dets = YcbvFrames.detections(f, YcbvFrames.MaskMode.GT, 0);
        for (int g = 0; g < f.gt().size(); g++) {
            int objId = f.gt().get(g).objId();
            long t0 = System.nanoTime();
            PpfModel pm = est.prepare(YcbvFrames.objectModel(ds, objId));
            long t1 = System.nanoTime();
            RigidTransform gt = f.gt().get(g).modelToCamera();
            Mask mask = dets.get(g).mask();
            PoseScorer sc = new PoseScorer(cfg.score).setObservation(frame.depth(), frame.camera(), mask);
            Mask grown = MaskOps.dilate(mask, 4);
            long t2 = System.nanoTime();
            SceneCloud voting = est.votingCloud(pm, frame.depth(), frame.camera(), grown);
            long t3 = System.nanoTime();
            SceneCloud icpCloud = est.refinementCloud(pm, frame.depth(), frame.camera(), grown);
            long t4 = System.nanoTime();
            List<PoseCandidate> cands = new PpfMatcher(cfg.ppf).match(pm, voting, voting.inside(mask));
            long t5 = System.nanoTime();
            System.out.printf("obj %d: ppf pts %d dense %d mem %.1fMB prep %d ms; voting %d pts (%d ms), icp %d pts (%d ms), match %d ms%n",
                    objId, pm.ppfCount(), pm.densePoints().length / 3, pm.memoryBytes() / 1e6, (t1 - t0) / 1000000,
                    voting.size(), (t3 - t2) / 1000000, icpCloud.size(), (t4 - t3) / 1000000, (t5 - t4) / 1000000);
            PointToPlaneIcp icp = new PointToPlaneIcp(cfg.icp);
            PoseScore sGt = sc.score(pm, gt);
            IcpResult rGt = icp.refine(pm, icpCloud, gt);
            PoseScore sGtR = sc.score(pm, rGt.modelToCamera());
            ConfigPoseScore tc = new ConfigPoseScore();
            tc.depthToleranceMm = 4;
            tc.depthToleranceRel = 0;
            PoseScorer tight = new PoseScorer(tc).setObservation(frame.depth(), frame.camera(), mask);
            PoseScore t4g = tight.score(pm, rGt.modelToCamera());
            System.out.printf("  gt+icp rms %.2f inl %.2f tight %.3f (fit %.3f cov %.3f)%n", rGt.rmsMm(), rGt.inlierFraction(), t4g.score(), t4g.depthFit(), t4g.coverage());
            System.out.printf("  gt score %.3f (fit %.3f cov %.3f iou %.3f); gt+icp %.3f (fit %.3f cov %.3f iou %.3f) moved rot %.2f deg t %.1f mm rms %.2f%n",
                    sGt.score(), sGt.depthFit(), sGt.coverage(), sGt.silhouetteIou(), sGtR.score(), sGtR.depthFit(),
                    sGtR.coverage(), sGtR.silhouetteIou(), Math.toDegrees(rGt.modelToCamera().rotationAngleTo(gt)),
                    rGt.modelToCamera().translationDistanceTo(gt), rGt.rmsMm());
            float[] ev = YcbvFrames.evalPoints(ds, objId);
            int k = 0;
            long t6 = System.nanoTime();
            for (PoseCandidate c : cands) {
                IcpResult r = icp.refine(pm, icpCloud, c.modelToCamera());
                PoseScore s0 = sc.score(pm, c.modelToCamera());
                PoseScore s = sc.score(pm, r.modelToCamera());
                RigidTransform rel = gt.inverse().compose(r.modelToCamera());
                double[] ax = axis(rel);
                PoseScore tt = tight.score(pm, r.modelToCamera());
                System.out.printf("  cand %2d votes %6.0f n %3d: raw rot %6.1f score %.3f -> icp rot %6.1f t %6.1f add %6.1f score %.3f (fit %.3f cov %.3f iou %.3f) rms %.2f inl %.2f | tight %.3f (fit %.3f cov %.3f)  axis %.2f %.2f %.2f%n",
                        k++, c.votes(), c.clusterSize(), Math.toDegrees(c.modelToCamera().rotationAngleTo(gt)), s0.score(),
                        Math.toDegrees(r.modelToCamera().rotationAngleTo(gt)), r.modelToCamera().translationDistanceTo(gt),
                        PoseAccuracy.add(ev, r.modelToCamera(), gt), s.score(), s.depthFit(), s.coverage(), s.silhouetteIou(),
                        r.rmsMm(), r.inlierFraction(), tt.score(), tt.depthFit(), tt.coverage(), ax[0], ax[1], ax[2]);
                if (k >= 10) {
                    break;
                }
            }
            System.out.printf("  10 icp+score: %d ms%n", (System.nanoTime() - t6) / 1000000);
            io.sam6d.vision.image.RgbImage img = new io.sam6d.vision.image.RgbImage(frame.width(), frame.height(), frame.rgb().rgb().clone());
            Overlay.draw(img, pm, gt, frame.camera(), 0, 255, 0);
            List<PoseResult> res = est.estimate(frame, List.of(dets.get(g)), List.of(pm), false);
            if (!res.isEmpty()) {
                Overlay.draw(img, pm, res.get(0).modelToCamera(), frame.camera(), 255, 0, 0);
            }
            io.sam6d.vision.image.ImageFiles.write(java.nio.file.Path.of("/tmp/pose_overlay_" + scene + "_" + im + "_" + objId + ".png"),
                    io.sam6d.vision.image.ImageFiles.encodeRgbPng(img));
        }
    }

    static double[] axis(RigidTransform t) {
        double[] r = t.rotation();
        double x = r[7] - r[5], y = r[2] - r[6], z = r[3] - r[1];
        double n = Math.sqrt(x * x + y * y + z * z);
        if (n < 1e-6) {
            // angle near pi: axis from diagonal
            double ax = Math.sqrt(Math.max(0, (r[0] + 1) / 2)), ay = Math.sqrt(Math.max(0, (r[4] + 1) / 2)), az = Math.sqrt(Math.max(0, (r[8] + 1) / 2));
            return new double[] {ax, Math.copySign(ay, r[1] + r[3]), Math.copySign(az, r[2] + r[6])};
        }
        return new double[] {x / n, y / n, z / n};
    }
}
