package io.sam6d.vision.segmentation;

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

/** Dev tool: the detections the engine keeps per frame, each labelled with the ground-truth instance it lies on. */
public final class SelectionDump {
    private static final java.util.TreeMap<Double, int[]> SWEEP = new java.util.TreeMap<>();

    private static void sweep(double th, List<WeightFreeSegmenter.Found> kept, BopFrame bf, GtMasks gm, int w, int h) {
        int[] acc = SWEEP.computeIfAbsent(th, k -> new int[2]);
        boolean[] used = new boolean[bf.gt().size()];
        for (WeightFreeSegmenter.Found f : kept) {
            int id = DatasetObjects.objId(f.model().model.name());
            boolean[] fm = f.result().frameMask(w, h);
            int hit = -1;
            for (int g = 0; g < bf.gt().size(); g++) {
                Mask m = gm.masks().get(g);
                if (m != null && bf.gt().get(g).objId() == id && !used[g] && CandidateDump.iou(fm, m.bits()) >= 0.5) {
                    hit = g;
                    break;
                }
            }
            if (hit >= 0) {
                used[hit] = true;
                acc[0]++;
            } else {
                acc[1]++;
            }
        }
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        BopDataset ds = System.getProperty("models") == null ? BopDataset.open(Path.of(args[0]))
                : BopDataset.open(Path.of(args[0]), Path.of(System.getProperty("models")));
        List<Integer> scenes = new ArrayList<>();
        if (args.length > 1 && !args[1].equals("all")) {
            for (String x : args[1].split(",")) scenes.add(Integer.parseInt(x));
        } else {
            scenes.addAll(ds.scenes("test"));
        }
        int absent = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        DatasetObjects objs = new DatasetObjects(ds, null);
        ConfigWeightFreeSegmentation config = new ConfigWeightFreeSegmentation();
        if (System.getProperty("minScore") != null) {
            config.minScore = Double.parseDouble(System.getProperty("minScore"));
        }
        // -Dcfg.<field>=<value>: any public number or switch of the settings, for experiments
        for (String key : System.getProperties().stringPropertyNames()) {
            if (!key.startsWith("cfg.")) continue;
            try {
                java.lang.reflect.Field f = ConfigWeightFreeSegmentation.class.getField(key.substring(4));
                String v = System.getProperty(key);
                Class<?> t = f.getType();
                f.set(config, t == int.class ? (Object) Integer.parseInt(v) : t == boolean.class
                        ? (Object) Boolean.parseBoolean(v) : (Object) Double.parseDouble(v));
                System.out.println("config " + f.getName() + " = " + f.get(config));
            } catch (ReflectiveOperationException e) {
                throw new IllegalArgumentException(key, e);
            }
        }
        WeightFreeSegmenter seg = new WeightFreeSegmenter(config);
        Map<Integer, WeightFreeModel> models = new HashMap<>();
        List<Integer> allIds = objs.objIds();
        int tp = 0, fpSame = 0, fpOther = 0, fpNothing = 0, fpDup = 0, gtCount = 0;
        int stride = Integer.getInteger("stride", 1);
        long nanos = 0;
        int frames = 0;
        for (int sc : scenes) {
            List<BopFrame> all = ds.frames("test", sc);
            for (int fi = 0; fi < all.size(); fi += stride) {
                BopFrame bf = all.get(fi);
                RgbImage rgb = ImageFiles.readRgb(bf.rgb());
                DepthImage depth = ImageFiles.readDepth(bf.depth(), bf.depthScale());
                RgbdFrame frame = new RgbdFrame(rgb, depth, bf.camera());
                GtMasks gm = GtMasks.load(bf, frame.width(), frame.height(), depth, null);
                TreeSet<Integer> asked = new TreeSet<>();
                if (System.getProperty("ask") != null) {
                    for (String x : System.getProperty("ask").split(",")) asked.add(Integer.parseInt(x));
                } else {
                    bf.gt().forEach(g -> asked.add(g.objId()));
                }
                if (System.getProperty("ask") == null) {
                    DevQueries.addAbsent(asked, bf, sc, allIds, absent);
                }
                List<WeightFreeModel> prepared = DevQueries.prepared(asked, models, seg, objs);
                double maxD = DevQueries.widestFace(prepared);
                long t0 = System.nanoTime();
                DepthScene scene = new DepthScene(frame, config, maxD);
                List<WeightFreeSegmenter.Found> cands = seg.candidates(scene, prepared);
                List<WeightFreeSegmenter.Found> kept = SceneInterpretation.select(cands,
                        frame.width(), frame.height(), config.minScore, config.maxDetectionsPerObject, config.maxSharedMask);
                for (double th : new double[] {0.5, 0.55, 0.6, 0.65}) {
                    sweep(th, SceneInterpretation.select(cands, frame.width(), frame.height(), th,
                            config.maxDetectionsPerObject, config.maxSharedMask), bf, gm, frame.width(), frame.height());
                }
                nanos += System.nanoTime() - t0;
                frames++;
                System.out.printf("== scene %d image %d: gt %s%n", sc, bf.imageId(), bf.gt().stream().map(g -> g.objId()).toList());
                boolean[] used = new boolean[bf.gt().size()];
                byte[] pic = rgb.rgb().clone();
                for (int i = 0; i < pic.length; i++) pic[i] = (byte) ((pic[i] & 0xFF) / 2);
                for (int g = 0; g < bf.gt().size(); g++) {
                    Mask m = gm.masks().get(g);
                    int area = 0;
                    if (m != null) for (boolean b : m.bits()) if (b) area++;
                    if (area > 0) gtCount++;
                }
                for (WeightFreeSegmenter.Found f : kept) {
                    int id = DatasetObjects.objId(f.model().model.name());
                    Verification.Result r = f.result();
                    boolean[] fm = r.frameMask(frame.width(), frame.height());
                    double bestIou = 0; int bestG = -1;
                    for (int g = 0; g < bf.gt().size(); g++) {
                        Mask m = gm.masks().get(g);
                        if (m == null) continue;
                        double iou = CandidateDump.iou(fm, m.bits());
                        if (iou > bestIou) { bestIou = iou; bestG = g; }
                    }
                    String verdict;
                    int onObj = bestG < 0 ? -1 : bf.gt().get(bestG).objId();
                    if (bestIou >= 0.5 && onObj == id) {
                        if (used[bestG]) { verdict = "DUP"; fpDup++; } else { verdict = "ok"; tp++; used[bestG] = true; }
                    } else if (bestIou >= 0.3) {
                        verdict = onObj == id ? "SAME-OBJ-POOR" : "ON-OBJ-" + onObj; 
                        if (onObj == id) fpSame++; else fpOther++;
                    } else {
                        verdict = "ON-NOTHING"; fpNothing++;
                    }
                    int tint = verdict.equals("ok") ? 1 : verdict.startsWith("ON-NOTHING") ? 0 : 2;
                    for (int i = 0; i < fm.length; i++) {
                        if (fm[i]) pic[3 * i + tint] = (byte) Math.min(255, (pic[3 * i + tint] & 0xFF) + 110);
                    }
                    System.out.printf("  %-14s obj %2d %s score %.2f fit %.2f cont %.2f q %.2f n %.2f vis %.2f unocc %.2f match %d iou %.2f%n",
                            verdict, id, r.sceneWide ? "scene" : "seg  ", r.score, r.fit(), r.contour, r.depthQuality,
                            r.normalAgreement, r.visible(), r.unoccluded(), r.match, bestIou);
                }
                if (Boolean.getBoolean("misses")) {
                    for (int g = 0; g < bf.gt().size(); g++) {
                        if (used[g] || gm.masks().get(g) == null) continue;
                        int id = bf.gt().get(g).objId();
                        boolean[] gmb = gm.masks().get(g).bits();
                        int area = 0;
                        for (boolean b : gmb) if (b) area++;
                        System.out.printf("  MISSED obj %d (%d visible px); its best candidates:%n", id, area);
                        java.util.function.ToDoubleFunction<WeightFreeSegmenter.Found> iouOf = f -> CandidateDump.iou(
                                f.result().frameMask(frame.width(), frame.height()), gmb);
                        java.util.Comparator<WeightFreeSegmenter.Found> order = Boolean.getBoolean("byIou")
                                ? java.util.Comparator.comparingDouble(f -> -iouOf.applyAsDouble(f))
                                : java.util.Comparator.comparingDouble(f -> -f.result().score);
                        cands.stream().filter(f -> DatasetObjects.objId(f.model().model.name()) == id)
                                .sorted(order).limit(4)
                                .forEach(f -> {
                                    Verification.Result r = f.result();
                                    System.out.printf("    %s score %.2f fit %.2f cont %.2f cf %.2f q %.2f n %.2f known %.2f vis %.2f inImg %.2f match %d iou %.2f%n",
                                            r.sceneWide ? "scene" : "seg  ", r.score, r.fit(), r.contour,
                                            r.contourContinues / (double) Math.max(1, r.contourCount), r.depthQuality,
                                            r.normalAgreement, 1 - r.unknown / (double) Math.max(1, r.silhouette),
                                            r.visible(), r.inImage, r.match,
                                            CandidateDump.iou(r.frameMask(frame.width(), frame.height()), gmb));
                                });
                    }
                }
                if (System.getProperty("pics") != null) {
                    java.nio.file.Path out = java.nio.file.Path.of(System.getProperty("pics"),
                            String.format("s%02d_i%04d.png", sc, bf.imageId()));
                    try {
                        java.nio.file.Files.createDirectories(out.getParent());
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    ImageFiles.write(out, ImageFiles.encodeRgbPng(new RgbImage(frame.width(), frame.height(), pic)));
                }
            }
        }
        for (var e : SWEEP.entrySet()) {
            System.out.printf("SWEEP th %.2f: tp %d fp %d%n", e.getKey(), e.getValue()[0], e.getValue()[1]);
        }
        System.out.printf("TOTAL %s gt %d tp %d dup %d same-poor %d on-other %d on-nothing %d; %.2f s per frame%n",
                args[0], gtCount, tp, fpDup, fpSame, fpOther, fpNothing, nanos / 1e9 / Math.max(1, frames));
    }
}
