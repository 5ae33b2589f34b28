package io.sam6d.vision.pose;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.segmentation.Detection;

/** Development profiling (not a test): CPU time of each stage. */
public final class PoseProfile {
    static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    static long cpu() {
        return MX.getCurrentThreadCpuTime() / 1_000_000;
    }

    public static void main(String[] args) {
        BopDataset ds = BopDataset.open(SharedData.ycbv());
        ConfigWeightFreePose cfg = new ConfigWeightFreePose();
        for (String a : args) {
            String[] kv = a.split("=");
            switch (kv[0]) {
                case "step" -> cfg.ppf.samplingStepRel = Double.parseDouble(kv[1]);
                case "refs" -> cfg.ppf.maxReferencePoints = Integer.parseInt(kv[1]);
                case "spread" -> cfg.ppf.spreadBins = Boolean.parseBoolean(kv[1]);
                case "vox" -> cfg.ppf.closestPointVoxelRel = Double.parseDouble(kv[1]);
                case "cap" -> cfg.ppf.maxEntriesPerBin = Integer.parseInt(kv[1]);
                case "dense" -> cfg.ppf.denseSamples = Integer.parseInt(kv[1]);
                default -> throw new IllegalArgumentException(a);
            }
        }
        WeightFreePoseEstimator est = new WeightFreePoseEstimator(cfg);
        for (int rep = 0; rep < 2; rep++) {
            for (int scene : new int[] {0, 1}) {
                BopFrame f = ds.frames("test", scene).get(0);
                RgbdFrame frame = YcbvFrames.frame(f);
                List<Detection> dets = YcbvFrames.detections(f, YcbvFrames.MaskMode.GT, 0);
                for (int g = 0; g < f.gt().size(); g++) {
                    int objId = f.gt().get(g).objId();
                    long c0 = cpu();
                    PpfModel pm = est.prepare(YcbvFrames.objectModel(ds, objId));
                    long c1 = cpu();
                    Mask mask = dets.get(g).mask();
                    Mask grown = MaskOps.dilate(mask, 4);
                    long c2 = cpu();
                    SceneCloud voting = est.votingCloud(pm, frame.depth(), frame.camera(), grown);
                    long c3 = cpu();
                    SceneCloud icpCloud = est.refinementCloud(pm, frame.depth(), frame.camera(), grown);
                    long c4 = cpu();
                    List<PoseCandidate> cands = new PpfMatcher(cfg.ppf).match(pm, voting, voting.inside(mask));
                    long c5 = cpu();

                    PointToPlaneIcp icp = new PointToPlaneIcp(cfg.icp);
                    for (int k = 0; k < Math.min(10, cands.size()); k++) {
                        icp.refine(pm, icpCloud, cands.get(k).modelToCamera());
                    }
                    long c6 = cpu();
                    PoseScorer sc = new PoseScorer(cfg.score).setObservation(frame.depth(), frame.camera(), mask);
                    for (int k = 0; k < Math.min(10, cands.size()); k++) {
                        sc.score(pm, cands.get(k).modelToCamera());
                    }
                    long c7 = cpu();
                    long w0 = System.nanoTime();
                    est.estimate(frame, List.of(dets.get(g)), List.of(pm), false);
                    long c8 = cpu();
                    System.out.printf("obj %2d ppf %4d dense %5d: prep %5d | dilate %3d voting %4d pts %3d | icpcloud %5d pts %3d | match %4d | 10 icp %4d | 10 score %3d | estimate cpu %4d wall %4d%n",
                            objId, pm.ppfCount(), pm.densePoints().length / 3, c1 - c0, c2 - c1, voting.size(), c3 - c2,
                            icpCloud.size(), c4 - c3, c5 - c4, c6 - c5, c7 - c6, c8 - c7, (System.nanoTime() - w0) / 1000000);
                }
            }
        }
    }
}
