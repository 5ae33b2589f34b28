package io.sam6d.vision.segmentation;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sam6d.vision.eval.DatasetObjects;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;

/** Dev probe: how the verification scores the ground-truth pose. Args: dataset scene image objId. */
public final class ContourProbe {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        BopDataset ds = BopDataset.open(Path.of(args[0]));
        int sc = Integer.parseInt(args[1]), im = Integer.parseInt(args[2]), obj = Integer.parseInt(args[3]);
        DatasetObjects objs = new DatasetObjects(ds, null);
        ConfigWeightFreeSegmentation config = new ConfigWeightFreeSegmentation();
        WeightFreeSegmenter seg = new WeightFreeSegmenter(config);
        BopFrame bf = ds.frames("test", sc).stream().filter(f -> f.imageId() == im).findFirst().orElseThrow();
        Map<Integer, WeightFreeModel> cache = new HashMap<>();
        List<WeightFreeModel> prepared = DevQueries.prepared(
                bf.gt().stream().map(g -> g.objId()).distinct().toList(), cache, seg, objs);
        RgbImage rgb = ImageFiles.readRgb(bf.rgb());
        DepthImage depth = ImageFiles.readDepth(bf.depth(), bf.depthScale());
        DepthScene scene = new DepthScene(new RgbdFrame(rgb, depth, bf.camera()), config,
                DevQueries.widestFace(prepared));
        WeightFreeModel m = cache.get(obj);
        InstanceMatcher matcher = new InstanceMatcher(scene, m, config);
        Verification v = new Verification(scene, m, config);
        for (BopFrame.GtPose g : bf.gt()) {
            if (g.objId() != obj) continue;
            Verification.Result r = v.verify(g.modelToCamera().rotation(), g.modelToCamera().translation(), 0, 0,
                    null);
            System.out.printf("gt pose: sceneScore %.3f fit %.2f cont %.2f cf %d/%d contradicted %d q %.2f n %.2f"
                    + " known %.2f inImg %.2f%n",
                    matcher.sceneScore(r), r.fit(), r.contour, r.contourContinues, r.contourCount,
                    r.contourContradicted,
                    r.depthQuality, r.normalAgreement, 1 - r.unknown / (double) Math.max(1, r.silhouette), r.inImage);
        }
    }
}
