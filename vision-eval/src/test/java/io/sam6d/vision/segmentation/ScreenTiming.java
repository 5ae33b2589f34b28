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

/**
 * Dev tool: time of the template search (every asked object's screen of every proposal) on one thread, the best of
 * a few repetitions per frame, summed. Args: dataset frames reps.
 */
public final class ScreenTiming {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        BopDataset ds = BopDataset.open(Path.of(args[0]));
        int maxFrames = Integer.parseInt(args[1]), reps = Integer.parseInt(args[2]);
        DatasetObjects objs = new DatasetObjects(ds, null);
        ConfigWeightFreeSegmentation config = new ConfigWeightFreeSegmentation();
        WeightFreeSegmenter seg = new WeightFreeSegmenter(config);
        Map<Integer, WeightFreeModel> cache = new HashMap<>();
        List<WeightFreeModel> prepared = DevQueries.prepared(objs.objIds(), cache, seg, objs);
        double total = 0;
        long checksum = 0;
        int frames = 0;
        outer:
        for (int sc : ds.scenes("test")) {
            for (BopFrame bf : ds.frames("test", sc)) {
                if (frames++ >= maxFrames) {
                    break outer;
                }
                RgbImage rgb = ImageFiles.readRgb(bf.rgb());
                DepthImage depth = ImageFiles.readDepth(bf.depth(), bf.depthScale());
                DepthScene scene = new DepthScene(new RgbdFrame(rgb, depth, bf.camera()), config,
                        DevQueries.widestFace(prepared));
                long best = Long.MAX_VALUE;
                for (int r = 0; r < reps; r++) {
                    long t0 = System.nanoTime();
                    for (WeightFreeModel m : prepared) {
                        for (InstanceMatcher.Screened s : new InstanceMatcher(scene, m, config).screen()) {
                            if (r == 0) {
                                checksum += Double.doubleToLongBits(s.best());
                            }
                        }
                    }
                    best = Math.min(best, System.nanoTime() - t0);
                }
                total += best / 1e9;
            }
        }
        System.out.printf("screen: %.3f s over %d frames (best of %d), checksum %d%n", total, frames - 1, reps, checksum);
    }
}
