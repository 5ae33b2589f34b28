package io.sam6d.vision.segmentation;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import io.sam6d.vision.eval.DatasetObjects;
import io.sam6d.vision.eval.GtMasks;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;

/**
 * Dev tool: every verified candidate of every asked object with its verification features and its truth (mask IoU
 * with the ground truth, ADD-S relative to the diameter), as CSV: the data to choose the scene-level score on.
 * Args: dataset-dir out.csv [scenes e.g. 0,1] [absent per frame]
 */
public final class CandidateDump {
    public static void main(String[] args) throws Exception {
        Locale.setDefault(Locale.ROOT);
        BopDataset ds = BopDataset.open(Path.of(args[0]));
        Path out = Path.of(args[1]);
        List<Integer> scenes = new ArrayList<>();
        if (args.length > 2 && !args[2].equals("all")) {
            for (String x : args[2].split(",")) scenes.add(Integer.parseInt(x));
        } else {
            scenes.addAll(ds.scenes("test"));
        }
        int absent = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int maxFrames = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        DatasetObjects objs = new DatasetObjects(ds, null);
        ConfigWeightFreeSegmentation config = new ConfigWeightFreeSegmentation();
        WeightFreeSegmenter seg = new WeightFreeSegmenter(config);
        Map<Integer, WeightFreeModel> models = new HashMap<>();
        List<Integer> allIds = objs.objIds();
        try (PrintStream ps = new PrintStream(Files.newOutputStream(out))) {
            ps.println("scene,image,obj,present,source,score,fit,contour,q,n,inImage,sunk,explained,visible,unoccluded,"
                    + "match,violation,rimViolation,occluded,unknown,silhouette,contourContradicted,border,rms,color,"
                    + "maskArea,iou,adds,continues,counted");
            for (int sc : scenes) {
                int fcount = 0;
                for (BopFrame bf : ds.frames("test", sc)) {
                    if (fcount++ >= maxFrames) break;
                    RgbImage rgb = ImageFiles.readRgb(bf.rgb());
                    DepthImage depth = ImageFiles.readDepth(bf.depth(), bf.depthScale());
                    RgbdFrame frame = new RgbdFrame(rgb, depth, bf.camera());
                    GtMasks gm = GtMasks.load(bf, frame.width(), frame.height(), depth, null);
                    TreeSet<Integer> asked = new TreeSet<>();
                    bf.gt().forEach(g -> asked.add(g.objId()));
                    DevQueries.addAbsent(asked, bf, sc, allIds, absent);
                    List<WeightFreeModel> prepared = DevQueries.prepared(asked, models, seg, objs);
                    double maxD = DevQueries.widestFace(prepared);
                    long t0 = System.nanoTime();
                    DepthScene scene = new DepthScene(frame, config, maxD);
                    List<WeightFreeSegmenter.Found> cands = seg.candidates(scene, prepared);
                    long t1 = System.nanoTime();
                    System.err.printf("scene %d image %d: %d objects, %d candidates, %.2f s%n", sc, bf.imageId(),
                            asked.size(), cands.size(), (t1 - t0) / 1e9);
                    for (WeightFreeSegmenter.Found f : cands) {
                        int id = DatasetObjects.objId(f.model().model.name());
                        Verification.Result r = f.result();
                        boolean[] fm = r.frameMask(frame.width(), frame.height());
                        double bestIou = 0, bestAdds = 9;
                        boolean present = false;
                        for (int g = 0; g < bf.gt().size(); g++) {
                            BopFrame.GtPose gp = bf.gt().get(g);
                            if (gp.objId() != id) continue;
                            present = true;
                            Mask gtm = gm.masks().get(g);
                            if (gtm != null) bestIou = Math.max(bestIou, iou(fm, gtm.bits()));
                            bestAdds = Math.min(bestAdds, adds(f.model(), r.r, r.t, gp.modelToCamera().rotation(),
                                    gp.modelToCamera().translation()) / f.model().diameterMm);
                        }
                        ps.printf("%d,%d,%d,%d,%s,%.4f,%.4f,%.4f,%.4f,%.4f,%.3f,%.3f,%.3f,%.4f,%.4f,%d,%d,%d,%d,%d,%d,%d,%d,%.2f,%.4f,%d,%.4f,%.4f,%d,%d%n",
                                sc, bf.imageId(), id, present ? 1 : 0, r.sceneWide ? "scene" : "seg", r.score, r.fit(),
                                r.contour, r.depthQuality, r.normalAgreement, r.inImage, r.sunk, r.explained,
                                r.visible(), r.unoccluded(), r.match, r.violation, r.rimViolation, r.occluded,
                                r.unknown, r.silhouette, r.contourContradicted, r.border, r.rmsMm, r.color,
                                r.maskArea, bestIou, bestAdds, r.contourContinues, r.contourCount);
                    }
                    ps.flush();
                }
            }
        }
    }

    static double iou(boolean[] a, boolean[] b) {
        int inter = 0, uni = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] && b[i]) inter++;
            if (a[i] || b[i]) uni++;
        }
        return uni == 0 ? 0 : inter / (double) uni;
    }

    /** ADD-S (mean distance to the closest ground-truth-posed point), mm, on a subsample. */
    static double adds(WeightFreeModel m, double[] r, double[] t, double[] rg, double[] tg) {
        float[] p = m.points;
        int n = p.length / 3;
        int step = Math.max(1, n / 600);
        List<double[]> a = new ArrayList<>(), b = new ArrayList<>();
        for (int i = 0; i < n; i += step) {
            double x = p[3 * i], y = p[3 * i + 1], z = p[3 * i + 2];
            a.add(new double[] {r[0] * x + r[1] * y + r[2] * z + t[0], r[3] * x + r[4] * y + r[5] * z + t[1],
                    r[6] * x + r[7] * y + r[8] * z + t[2]});
            b.add(new double[] {rg[0] * x + rg[1] * y + rg[2] * z + tg[0], rg[3] * x + rg[4] * y + rg[5] * z + tg[1],
                    rg[6] * x + rg[7] * y + rg[8] * z + tg[2]});
        }
        double sum = 0;
        for (double[] q : b) {
            double best = Double.MAX_VALUE;
            for (double[] o : a) {
                double d = (q[0] - o[0]) * (q[0] - o[0]) + (q[1] - o[1]) * (q[1] - o[1]) + (q[2] - o[2]) * (q[2] - o[2]);
                if (d < best) best = d;
            }
            sum += Math.sqrt(best);
        }
        return sum / b.size();
    }
}
