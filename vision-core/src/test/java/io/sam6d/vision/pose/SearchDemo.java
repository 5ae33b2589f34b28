package io.sam6d.vision.pose;

import java.util.List;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;

/** findInstances over whole ycbv_real frames, one object at a time (not a test): SearchDemo [scene] [image]. */
public final class SearchDemo {
    public static void main(String[] args) {
        BopDataset ds = BopDataset.open(SharedData.ycbv());
        int scene = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int im = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        BopFrame f = ds.frames("test", scene).get(im - 1);
        RgbdFrame frame = YcbvFrames.frame(f);
        WeightFreePoseEstimator est = new WeightFreePoseEstimator();
        for (BopFrame.GtPose g : f.gt()) {
            PpfModel pm = est.prepare(YcbvFrames.objectModel(ds, g.objId()));
            long t0 = System.nanoTime();
            List<ScoredPose> found = est.findInstances(pm, frame.depth(), frame.camera(), null, 3, 0.3);
            long ms = (System.nanoTime() - t0) / 1000000;
            float[] pts = YcbvFrames.evalPoints(ds, g.objId());
            double thr = 0.1 * ds.modelInfo(g.objId()).diameter();
            StringBuilder sb = new StringBuilder();
            for (ScoredPose s : found) {
                RigidTransform p = s.modelToCamera();
                sb.append(String.format(" [score %.3f adds %.1f%s]", s.score().score(), PoseAccuracy.adds(pts, p, g.modelToCamera()),
                        PoseAccuracy.adds(pts, p, g.modelToCamera()) < thr ? " OK" : ""));
            }
            System.out.printf("obj %2d: %d ms%s%n", g.objId(), ms, sb);
        }
    }

    private SearchDemo() {
    }
}
