package io.sam6d.vision.segmentation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sam6d.vision.eval.FrameRun;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.MeshReader;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.ModelInfo;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.geometry.MeshOps;

/** Dev tool: the best candidates per object on one frame without ground truth. Args: rgb depth camera models_dir ids... */
public final class FrameCandidates {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        RgbdFrame frame = FrameRun.readFrame(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
        Path modelsDir = Path.of(args[3]);
        Map<Integer, ModelInfo> info = BopDataset.readModelsInfo(modelsDir.resolve("models_info.json"));
        ConfigWeightFreeSegmentation config = new ConfigWeightFreeSegmentation();
        config.parallel = !Boolean.getBoolean("serial");
        if (System.getProperty("reach") != null) {
            config.outlineReachRims = Integer.parseInt(System.getProperty("reach"));
        }
        WeightFreeSegmenter seg = new WeightFreeSegmenter(config);
        List<WeightFreeModel> prepared = new ArrayList<>();
        double maxD = 0;
        for (int a = 4; a < args.length; a++) {
            int id = Integer.parseInt(args[a]);
            var mesh = MeshReader.read(modelsDir.resolve(String.format("obj_%06d.ply", id)));
            ObjectModel om = new ObjectModel(String.format("obj_%06d", id), mesh, info.get(id).diameter(), List.of(), null);
            WeightFreeModel m = (WeightFreeModel) seg.prepare(om);
            prepared.add(m);
            maxD = Math.max(maxD, m.diameterMm);
        }
        seg.candidates(new DepthScene(frame, config, WeightFreeModel.widestFace(prepared)), prepared); // warm-up
        long t0 = System.nanoTime();
        DepthScene scene = new DepthScene(frame, config, WeightFreeModel.widestFace(prepared));
        System.err.printf("scene %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        List<WeightFreeSegmenter.Found> cands = seg.candidates(scene, prepared);
        System.err.printf("all %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        for (WeightFreeModel m : prepared) {
            List<WeightFreeSegmenter.Found> mine = new ArrayList<>();
            for (WeightFreeSegmenter.Found f : cands) if (f.model() == m) mine.add(f);
            mine.sort(Comparator.comparingDouble(f -> -f.result().score));
            System.out.println("== " + m.model.name() + " (" + mine.size() + " candidates)");
            for (int k = 0; k < Math.min(6, mine.size()); k++) {
                Verification.Result r = mine.get(k).result();
                int[] bb = r.bbox();
                if (k == 0 && m.colors != null) {
                    double[] sm = new double[3], si = new double[3];
                    int cnt = 0;
                    PoseRender pr = new PoseRender();
                    pr.render(m, r.r, r.t, scene, 2);
                    java.util.List<Double> dcs = new java.util.ArrayList<>();
                    for (int v = 0; v < pr.h; v++) for (int u = 0; u < pr.w; u++) {
                        int kk = v * pr.w + u;
                        if (!pr.inside(kk)) continue;
                        int i = (pr.v0 + v) * scene.width + pr.u0 + u;
                        if (scene.z[i] <= 0 || Math.abs(scene.z[i] - pr.depth[kk]) > 10) continue;
                        int p = pr.point[kk];
                        double[] a = new double[3], b = new double[3];
                        for (int c = 0; c < 3; c++) { a[c] = m.colors[3*p+c] & 0xFF; b[c] = scene.rgb[3*i+c] & 0xFF; sm[c] += a[c]; si[c] += b[c]; }
                        double sa = a[0]+a[1]+a[2], sb = b[0]+b[1]+b[2];
                        if (sa > 30 && sb > 30) dcs.add(0.5*(Math.abs(a[0]/sa-b[0]/sb)+Math.abs(a[1]/sa-b[1]/sb)+Math.abs(a[2]/sa-b[2]/sb)));
                        cnt++;
                    }
                    java.util.Collections.sort(dcs);
                    System.out.printf("  colour: model %.0f %.0f %.0f image %.0f %.0f %.0f; raw chroma diff median %.3f p25 %.3f p75 %.3f%n",
                        sm[0]/cnt, sm[1]/cnt, sm[2]/cnt, si[0]/cnt, si[1]/cnt, si[2]/cnt, dcs.get(dcs.size()/2), dcs.get(dcs.size()/4), dcs.get(3*dcs.size()/4));
                }
                System.out.printf("  %s score %.2f cf %.2f fit %.2f cont %.2f q %.2f n %.2f col %.2f vis %.2f unocc %.2f inImg %.2f sunk %.2f match %d sil %d bbox %d,%d,%d,%d t %.0f,%.0f,%.0f%n",
                        r.sceneWide ? "scene" : "seg  ", r.score, r.contourContinues / (double) Math.max(1, r.contourCount), r.fit(), r.contour, r.depthQuality, r.normalAgreement, r.color,
                        r.visible(), r.unoccluded(), r.inImage, r.sunk, r.match, r.silhouette, bb[0], bb[1], bb[2], bb[3], r.t[0], r.t[1], r.t[2]);
            }
        }
    }
}
