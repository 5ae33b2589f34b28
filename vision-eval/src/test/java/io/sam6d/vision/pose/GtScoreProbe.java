package io.sam6d.vision.pose;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.sam6d.vision.eval.DatasetObjects;
import io.sam6d.vision.eval.GtMasks;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;

/** Dev probe: PEM on the ground-truth mask, and the scores of the ground-truth pose. Args: dataset scene image objId. */
public final class GtScoreProbe {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        BopDataset ds = BopDataset.open(Path.of(args[0]));
        int sc = Integer.parseInt(args[1]), im = Integer.parseInt(args[2]), obj = Integer.parseInt(args[3]);
        DatasetObjects objs = new DatasetObjects(ds, null);
        WeightFreePoseEstimator est = new WeightFreePoseEstimator();
        PpfModel model = est.prepare(objs.objectModel(obj));
        BopFrame bf = ds.frames("test", sc).stream().filter(f -> f.imageId() == im).findFirst().orElseThrow();
        RgbImage rgb = ImageFiles.readRgb(bf.rgb());
        DepthImage depth = ImageFiles.readDepth(bf.depth(), bf.depthScale());
        GtMasks gm = GtMasks.load(bf, rgb.width(), rgb.height(), depth, null);
        for (int g = 0; g < bf.gt().size(); g++) {
            if (bf.gt().get(g).objId() != obj) continue;
            RigidTransform gt = bf.gt().get(g).modelToCamera();
            PoseScorer scorer = new PoseScorer();
            scorer.setObservation(depth, bf.camera(), gm.masks().get(g), rgb);
            System.out.println("gt pose score " + scorer.score(model, gt));
            PoseResult r = est.estimateInstance(model, new RgbdFrame(rgb, depth, bf.camera()), gm.masks().get(g), null, true);
            System.out.printf("estimate score %.3f rot err %.1f deg, t err %.1f mm%n", r.score(),
                    Math.toDegrees(r.modelToCamera().rotationAngleTo(gt)), r.modelToCamera().translationDistanceTo(gt));
            System.out.println("  " + scorer.score(model, r.modelToCamera()));
            System.out.println("  decision: " + r.decision());
            for (PoseResult.Hypothesis h : r.rejected()) {
                System.out.printf("  rejected %s score %.3f rot err %.1f t err %.1f%n", h.stage(), h.score(),
                        Math.toDegrees(h.modelToCamera().rotationAngleTo(gt)), h.modelToCamera().translationDistanceTo(gt));
            }
        }
    }
}
