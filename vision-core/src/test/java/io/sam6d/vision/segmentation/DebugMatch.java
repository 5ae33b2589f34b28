package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.model.ObjectModel;

/** Scratch: every verified candidate per object per frame, with IoU to the label mask. */
public class DebugMatch {
    static java.io.PrintStream CSV;

    static void lmo(ConfigWeightFreeSegmentation cfg) {
        java.nio.file.Path dir = SharedData.lmoExample();
        RgbdFrame fr = new RgbdFrame(ImageFiles.readRgb(dir.resolve("rgb.png")), ImageFiles.readDepth(dir.resolve("depth.png"), 1.0),
                io.sam6d.vision.geometry.CameraIntrinsics.fromCamK(new double[] {572.4114, 0.0, 325.2611, 0.0, 573.57043, 242.04899, 0.0, 0.0, 1.0}));
        WeightFreeModel m = WeightFreeModel.build(new ObjectModel("can", io.sam6d.vision.io.MeshReader.read(dir.resolve("obj_000005.ply")), Double.parseDouble(System.getProperty("diam", "201.404")), List.of(), null), cfg);
        DepthScene s = new DepthScene(fr, cfg, m.diameterMm);
        // reference mask from SAM-6D's picture: green pixels of the right half
        io.sam6d.vision.image.RgbImage ref = ImageFiles.readRgb(dir.resolve("reference/vis_ism.png"));
        int[] labels = new int[s.width * s.height];
        for (int v = 0; v < s.height; v++) for (int u = 0; u < s.width; u++) {
            int r = ref.at(u + s.width, v, 0), g = ref.at(u + s.width, v, 1), b = ref.at(u + s.width, v, 2);
            if (g > r + 60 && g > b + 60) labels[v * s.width + u] = 5;
        }
        InstanceMatcher im = new InstanceMatcher(s, m, cfg);
        int plaus = 0; for (DepthScene.Segment sg : s.segments) if (im.plausible(sg)) plaus++;
        long t0 = System.nanoTime();
        List<Verification.Result> res = im.find();
        System.out.printf("     TIME coarse %.0f ppf %.0f icp %.0f verify %.0f ms over %d segs%n", InstanceMatcher.TIME.get(0) / 1e6, InstanceMatcher.TIME.get(1) / 1e6, InstanceMatcher.TIME.get(2) / 1e6, InstanceMatcher.TIME.get(3) / 1e6, InstanceMatcher.TIME.get(4));
        System.out.printf("lmo: %d segments, %d plausible, %.0f ms, %d candidates%n", s.segments.size(), plaus, (System.nanoTime() - t0) / 1e6, res.size());
        for (Verification.Result r : res) {
            boolean[] fm = r.frameMask(s.width, s.height);
            int inter = 0, uni = 0;
            for (int i = 0; i < fm.length; i++) { boolean g = labels[i] == 5; if (g && fm[i]) inter++; if (g || fm[i]) uni++; }
            System.out.printf("     score %.3f iou %.2f | fit %.2f vis %.2f unocc %.2f contour %.2f(%d/%d) normal %.2f q %.2f rms %.1f expl %.2f col %.2f sil %d exp %.0f t=[%.0f %.0f %.0f]%n",
                r.score, uni == 0 ? 0 : inter / (double) uni, r.fit(), r.visible(), r.unoccluded(), r.contour, r.contourCount, r.border, r.normalAgreement, r.depthQuality, r.rmsMm, r.explained, r.color, r.silhouette, m.expectedArea(r, s), r.t[0], r.t[1], r.t[2]);
        }
        if (!res.isEmpty()) {
            Verification.DBG = new int[s.width * s.height];
            Verification.Result r = new Verification(s, m, cfg).verify(res.get(0).r, res.get(0).t, res.get(0).view, 0, null);
            io.sam6d.vision.image.RgbImage img = io.sam6d.vision.image.RgbImage.blank(s.width, s.height);
            boolean[] fm = r.frameMask(s.width, s.height);
            int[][] cols = {{0,0,0}, {0, 0, 255}, {128, 128, 128}, {255, 0, 255}, {0, 255, 0}, {255, 255, 0}, {255, 0, 0}, {255, 128, 0}, {128, 64, 0}};
            for (int i = 0; i < s.width * s.height; i++) {
                int gg = (fr.rgb().rgb()[3 * i] & 0xFF) / 3 + (fm[i] ? 60 : 0);
                int[] c = Verification.DBG[i] > 0 ? cols[Verification.DBG[i]] : new int[] {gg, gg, labels[i] == 5 ? 200 : gg};
                img.rgb()[3 * i] = (byte) c[0]; img.rgb()[3 * i + 1] = (byte) c[1]; img.rgb()[3 * i + 2] = (byte) c[2];
            }
            ImageFiles.write(java.nio.file.Path.of("target/debug/lmo_best.png"), ImageFiles.encodeRgbPng(img));
            Verification.DBG = null;
        }
        if (System.getProperty("segs") != null) for (DepthScene.Segment sg : s.segments) {
            int inter = 0; for (int i : sg.pixels) if (labels[i] == 5) inter++;
            if (inter == 0) continue;
            double z = sg.centroid[2]; double[] e = sg.extents();
            System.out.printf("     seg %d lvl %d px %d ref %.2f ext %.0f %.0f %.0f expPx %.0f plaus %b%n", sg.id, sg.level, sg.pixels.length, inter / (double) sg.pixels.length, e[0], e[1], e[2], m.meanSilhouetteMm2 * s.fx * s.fy / (z * z), im.plausible(sg));
        }
    }
    public static void main(String[] args) throws Exception {
        if (System.getProperty("csv") != null) { CSV = new java.io.PrintStream(System.getProperty("csv")); CSV.println("scene,frame,obj,present,iou,score,search,fit,vis,unocc,contour,counted,border,normal,q,rms,expl,color,sil,mask,z,expected,coarse"); }
        Locale.setDefault(Locale.ROOT);
        ConfigWeightFreeSegmentation cfg = new ConfigWeightFreeSegmentation();
        cfg.usePpf = !Boolean.getBoolean("noppf");
        if (System.getProperty("serial") != null) cfg.parallel = false;
        if (Integer.getInteger("refs") != null) cfg.ppf.maxReferencePoints = Integer.getInteger("refs");
        if (System.getProperty("ppfstep") != null) cfg.ppf.samplingStepRel = Double.parseDouble(System.getProperty("ppfstep"));
        if (System.getProperty("nospread") != null) cfg.ppf.spreadBins = false;
        if (System.getProperty("cpvoxel") != null) cfg.ppf.closestPointVoxelRel = Double.parseDouble(System.getProperty("cpvoxel"));
        if (System.getProperty("lmo") != null) { lmo(cfg); return; }
        BopDataset ds = BopDataset.open(SharedData.ycbv());
        String which = args.length > 0 ? args[0] : "gt";
        int frameFilter = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        WeightFreeModel[] models = new WeightFreeModel[22];
        for (int scene : ds.scenes("test")) {
            for (BopFrame f : ds.frames("test", scene)) {
                if (frameFilter > 0 && f.imageId() != frameFilter) continue;
                RgbdFrame fr = new RgbdFrame(ImageFiles.readRgb(f.rgb()), ImageFiles.readDepth(f.depth(), f.depthScale()), f.camera());
                int[] labels = ImageFiles.decodeLabels(ImageFiles.readBytes(f.label()), null);
                long t0 = System.nanoTime();
                DepthScene s = new DepthScene(fr, cfg, 270);
                if (true) System.out.printf("== scene %d frame %d: scene %.0f ms, %d segments%n", scene, f.imageId(), (System.nanoTime() - t0) / 1e6, s.segments.size());
                List<Integer> objs = new ArrayList<>();
                if (which.equals("gt")) f.gt().forEach(g -> objs.add(g.objId()));
                else if (which.equals("all")) for (int o = 1; o <= 21; o++) objs.add(o);
                else for (String p : which.split(",")) objs.add(Integer.parseInt(p));
                if (System.getProperty("scenes") != null) { objs.clear(); for (int o : new int[] {1, 2, 3, 5, 8, 14, 21}) objs.add(o); }
                for (int obj : objs) {
                    if (models[obj] == null) {
                        long p0 = System.nanoTime();
                        models[obj] = WeightFreeModel.build(new ObjectModel("obj_" + obj, ds.model(obj), ds.modelInfo(obj).diameter(), List.of(), null), cfg);
                        System.out.printf("   prepared %d in %.0f ms%n", obj, (System.nanoTime() - p0) / 1e6);
                    }
                    boolean present = f.gt().stream().anyMatch(g -> g.objId() == obj);
                    s = new DepthScene(fr, cfg, models[obj].diameterMm);
                    long t1 = System.nanoTime();
                    InstanceMatcher im = new InstanceMatcher(s, models[obj], cfg);
                    List<Verification.Result> res = im.find();
                    if (System.getProperty("gtdbg") != null) for (int ci = 0; ci < res.size(); ci++) if (ci == Integer.getInteger("gtdbg")) {
                        Verification.DBG = new int[s.width * s.height];
                        double[] R = res.get(ci).r, T = res.get(ci).t;
                        Verification.Result r = new Verification(s, models[obj], cfg).verify(R, T, 0, 0, null);
                        System.out.printf("     GT pose: contra %d fit %.2f vis %.2f unocc %.2f contour %.2f(%d/%d) normal %.2f q %.2f rms %.1f%n", r.contourContradicted, r.fit(), r.visible(), r.unoccluded(), r.contour, r.contourCount, r.border, r.normalAgreement, r.depthQuality, r.rmsMm);
                        io.sam6d.vision.image.RgbImage img = io.sam6d.vision.image.RgbImage.blank(s.width, s.height);
                        boolean[] fm = r.frameMask(s.width, s.height);
                        int[][] cols = {{0,0,0}, {0, 0, 255}, {128, 128, 128}, {255, 0, 255}, {0, 255, 0}, {255, 255, 0}, {255, 0, 0}, {255, 128, 0}, {128, 64, 0}};
                        for (int i = 0; i < s.width * s.height; i++) {
                            int gg = (fr.rgb().rgb()[3 * i] & 0xFF) / 3 + (fm[i] ? 60 : 0);
                            int[] c = Verification.DBG[i] > 0 ? cols[Verification.DBG[i]] : new int[] {gg, gg, gg};
                            img.rgb()[3 * i] = (byte) c[0]; img.rgb()[3 * i + 1] = (byte) c[1]; img.rgb()[3 * i + 2] = (byte) c[2];
                        }
                        ImageFiles.write(java.nio.file.Path.of("target/debug/gtcontour_" + scene + "_" + f.imageId() + "_" + obj + ".png"), ImageFiles.encodeRgbPng(img));
                        Verification.DBG = null;
                    }
                    if (System.getProperty("seg") != null) {
                        DepthScene.Segment sg = s.segments.get(Integer.getInteger("seg"));
                        PoseSearch ps = new PoseSearch(s, models[obj], cfg);
                        List<PoseSearch.Hypothesis> hs = ps.coarse(new double[][] {sg.centroid}, 6);
                        for (BopFrame.GtPose g : f.gt()) if (g.objId() == obj) {
                            double[] R = g.modelToCamera().rotation(), T = g.modelToCamera().translation();
                            double bestS = -9; int bestV = -1;
                            for (WeightFreeModel.View vw : models[obj].views) { double sc = ps.score(R, T, vw, vw.featureCount()); if (sc > bestS) { bestS = sc; bestV = vw.id(); } }
                            Verification.Result r = new Verification(s, models[obj], cfg).verify(R, T, bestV, bestS, sg);
                            System.out.printf("     GT: best view %d quick %.3f verify fit %.2f vis %.2f contour %.2f(%d/%d) normal %.2f%n", bestV, bestS, r.fit(), r.visible(), r.contour, r.contourCount, r.normalAgreement);
                        }
                        Verification ver = new Verification(s, models[obj], cfg);
                        for (PoseSearch.Hypothesis h : hs) {
                            PoseSearch.Hypothesis rh = ps.refine(h);
                            Verification.Result r = ver.verify(rh.r, rh.t, rh.view, rh.score, sg);
                            System.out.printf("     hyp view %d coarse %.3f refined %.3f verify %s%n", h.view, h.score, rh.score, r == null ? "null" : String.format("fit %.2f vis %.2f contour %.2f normal %.2f t=[%.0f %.0f %.0f]", r.fit(), r.visible(), r.contour, r.normalAgreement, r.t[0], r.t[1], r.t[2]));
                        }
                    }
                    if (System.getProperty("segs") != null) for (DepthScene.Segment sg : s.segments) {
                        int inter = 0; for (int i : sg.pixels) if (labels[i] == obj) inter++;
                        double z = sg.centroid[2]; double[] e = sg.extents();
                        System.out.printf("     seg %d lvl %d px %d gt %.2f ext %.0f %.0f %.0f expPx %.0f plaus %b%n", sg.id, sg.level, sg.pixels.length, inter / (double) sg.pixels.length, e[0], e[1], e[2], models[obj].meanSilhouetteMm2 * s.fx * s.fy / (z * z), im.plausible(sg));
                    }
                    double ms = (System.nanoTime() - t1) / 1e6;
                    System.out.printf("     TIME coarse %.0f ppf %.0f icp %.0f verify %.0f ms over %d segs%n", InstanceMatcher.TIME.get(0) / 1e6, InstanceMatcher.TIME.get(1) / 1e6, InstanceMatcher.TIME.get(2) / 1e6, InstanceMatcher.TIME.get(3) / 1e6, InstanceMatcher.TIME.get(4));
                    for (int ti = 0; ti < 5; ti++) InstanceMatcher.TIME.set(ti, 0);
                    System.out.printf("  obj %2d %s: %.0f ms, %d candidates%n", obj, present ? "PRESENT" : "absent ", ms, res.size());
                    {
                        io.sam6d.vision.image.RgbImage img = io.sam6d.vision.image.RgbImage.blank(s.width, s.height);
                        for (int i = 0; i < s.width * s.height; i++) {
                            int g = (fr.rgb().rgb()[3 * i] & 0xFF) / 2;
                            img.rgb()[3 * i] = (byte) g; img.rgb()[3 * i + 1] = (byte) g; img.rgb()[3 * i + 2] = (byte) g;
                            if (labels[i] == obj) img.rgb()[3 * i + 2] = (byte) 255;
                        }
                        int[][] cols = {{0, 255, 0}, {255, 0, 0}, {255, 255, 0}, {255, 0, 255}, {0, 255, 255}};
                        for (int ri = res.size() - 1; ri >= 0; ri--) {
                            boolean[] fm = res.get(ri).frameMask(s.width, s.height);
                            int[] c = cols[Math.min(ri, 4)];
                            for (int v = 1; v < s.height - 1; v++) for (int u = 1; u < s.width - 1; u++) {
                                int i = v * s.width + u;
                                if (fm[i] && (!fm[i - 1] || !fm[i + 1] || !fm[i - s.width] || !fm[i + s.width])) {
                                    img.rgb()[3 * i] = (byte) c[0]; img.rgb()[3 * i + 1] = (byte) c[1]; img.rgb()[3 * i + 2] = (byte) c[2];
                                }
                            }
                        }
                        ImageFiles.write(java.nio.file.Path.of("target/debug/match_" + scene + "_" + f.imageId() + "_" + obj + ".png"), ImageFiles.encodeRgbPng(img));
                    }
                    for (Verification.Result r : res) {
                        boolean[] fm = r.frameMask(s.width, s.height);
                        int inter = 0, uni = 0;
                        for (int i = 0; i < fm.length; i++) { boolean g = labels[i] == obj; if (g && fm[i]) inter++; if (g || fm[i]) uni++; }
                        if (CSV != null) CSV.printf("%d,%d,%d,%d,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%d,%d,%.3f,%.3f,%.2f,%.3f,%.3f,%d,%d,%.1f,%.0f,%.3f%n", scene, f.imageId(), obj, present ? 1 : 0, uni == 0 ? 0 : inter / (double) uni, r.score, r.searchScore, r.fit(), r.visible(), r.unoccluded(), r.contour, r.contourCount, r.border, r.normalAgreement, r.depthQuality, r.rmsMm, r.explained, r.color, r.silhouette, r.maskArea, r.t[2], models[obj].expectedArea(r, s), r.coarseScore);
                        System.out.printf("     coarse %.2f score %.3f iou %.2f | search %.2f fit %.2f vis %.2f unocc %.2f contour %.2f(%d/%d) normal %.2f q %.2f rms %.1f expl %.2f sunk %.2f col %.2f sil %d mask %d t=[%.0f %.0f %.0f]%n",
                                r.coarseScore, r.score, uni == 0 ? 0 : inter / (double) uni, r.searchScore, r.fit(), r.visible(), r.unoccluded(), r.contour, r.contourCount, r.border, r.normalAgreement, r.depthQuality, r.rmsMm, r.explained, r.sunk, r.color, r.silhouette, r.maskArea, r.t[0], r.t[1], r.t[2]);
                    }
                }
            }
        }
        if (CSV != null) CSV.close();
    }
}
