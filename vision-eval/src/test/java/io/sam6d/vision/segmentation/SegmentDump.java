package io.sam6d.vision.segmentation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
 * Dev tool: per ground-truth instance, the proposals that overlap it and what the proposal path makes of each (size
 * gate, template score, matched pose and its IoU with the truth). Args: dataset scene image [minOverlap].
 */
public final class SegmentDump {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        BopDataset ds = BopDataset.open(Path.of(args[0]));
        int sc = Integer.parseInt(args[1]);
        int im = Integer.parseInt(args[2]);
        DatasetObjects objs = new DatasetObjects(ds, null);
        ConfigWeightFreeSegmentation config = new ConfigWeightFreeSegmentation();
        WeightFreeSegmenter seg = new WeightFreeSegmenter(config);
        BopFrame bf = ds.frames("test", sc).stream().filter(f -> f.imageId() == im).findFirst().orElseThrow();
        RgbImage rgb = ImageFiles.readRgb(bf.rgb());
        DepthImage depth = ImageFiles.readDepth(bf.depth(), bf.depthScale());
        RgbdFrame frame = new RgbdFrame(rgb, depth, bf.camera());
        int w = frame.width(), h = frame.height();
        GtMasks gm = GtMasks.load(bf, w, h, depth, null);
        List<WeightFreeModel> prepared = new ArrayList<>();
        double maxD = 0;
        for (var g : bf.gt()) {
            WeightFreeModel m = (WeightFreeModel) seg.prepare(objs.objectModel(g.objId()));
            prepared.add(m);
            maxD = Math.max(maxD, m.diameterMm);
        }
        DepthScene scene = new DepthScene(frame, config, maxD);
        System.out.printf("%d segments, planes %d%n", scene.segments.size(), scene.planes.size());
        byte[] pic = rgb.rgb().clone();
        java.util.Random rnd = new java.util.Random(1);
        for (Segment s : scene.segments) {
            if (s.level != 0) continue;
            int r = rnd.nextInt(256), g = rnd.nextInt(256), b = rnd.nextInt(256);
            for (int i : s.pixels) {
                pic[3 * i] = (byte) r;
                pic[3 * i + 1] = (byte) g;
                pic[3 * i + 2] = (byte) b;
            }
        }
        for (int i = 0; i < w * h; i++) {
            if (scene.kind[i] == DepthScene.PLANE) {
                pic[3 * i] = (byte) ((pic[3 * i] & 0xFF) / 3);
                pic[3 * i + 1] = (byte) ((pic[3 * i + 1] & 0xFF) / 3);
                pic[3 * i + 2] = (byte) ((pic[3 * i + 2] & 0xFF) / 3);
            }
        }
        ImageFiles.write(Path.of("/work/segs.png"), ImageFiles.encodeRgbPng(new RgbImage(w, h, pic)));
        ConfigWeightFreeSegmentation onlyProposals = config.copy();
        onlyProposals.sceneWide = false;
        WeightFreeSegmenter seg2 = new WeightFreeSegmenter(onlyProposals);
        boolean[] explained = seg2.explained(scene, seg2.candidates(scene, prepared));
        for (int gi = 0; gi < bf.gt().size(); gi++) {
            Mask gmask = gm.masks().get(gi);
            if (gmask == null) continue;
            boolean[] gb = gmask.bits();
            int area = 0;
            for (boolean b : gb) if (b) area++;
            WeightFreeModel m = prepared.get(gi);
            InstanceMatcher matcher = new InstanceMatcher(scene, m, config);
            System.out.printf("GT %d obj %d (%d px)%n", gi, bf.gt().get(gi).objId(), area);
            {
                // the scene-wide vote with its reference points on this instance only: can voting find it at all?
                io.sam6d.vision.pose.SceneCloud voting = scene.surfaceCloud().voxelSubsample(m.ppf.samplingStepMm(),
                        config.ppf.normalClusterAngleDeg);
                int[] pix = voting.pixels();
                int[] keep = new int[voting.size()];
                int n = 0;
                int unexpl = 0;
                for (int i = 0; i < voting.size(); i++) if (pix[i] >= 0 && gb[pix[i]]) {
                    keep[n++] = i;
                    if (!explained[pix[i]]) unexpl++;
                }
                System.out.printf("  %d voting points on it, %d unexplained by the proposals' winners%n", n, unexpl);
                io.sam6d.vision.pose.SceneCloud refs = voting.select(keep, n);
                io.sam6d.vision.pose.ConfigPpf vote = new io.sam6d.vision.pose.ConfigPpf().setTo(config.ppf);
                vote.maxReferencePoints = config.sceneReferencePoints;
                vote.maxClusters = config.sceneClusters;
                List<Verification.Result> rs = n == 0 ? List.of()
                        : matcher.findSceneWide(voting, refs, new io.sam6d.vision.pose.PpfMatcher(vote));
                double bi = 0, bs = 0;
                for (Verification.Result r : rs) {
                    double iou = CandidateDump.iou(r.frameMask(w, h), gb);
                    if (iou > bi) { bi = iou; bs = matcher.sceneScore(r); }
                }
                System.out.printf("  scene-wide with %d refs on it: %d results, best iou %.2f (score %.2f)%n", n,
                        rs.size(), bi, bs);
            }
            for (Segment s : scene.segments) {
                int in = 0;
                for (int i : s.pixels) if (gb[i]) in++;
                if (in < 0.1 * Math.min(area, s.pixels.length) || in == 0) continue;
                boolean ok = matcher.plausible(s);
                String res = "";
                if (ok) {
                    InstanceMatcher.Screened scr = matcher.screen(s);
                    Verification.Result r = matcher.match(scr);
                    res = String.format("template %.2f -> %s", scr.best(), r == null ? "none"
                            : String.format("score %.2f scene %.2f iou %.2f", r.score, matcher.sceneScore(r),
                                    CandidateDump.iou(r.frameMask(w, h), gb)));
                }
                System.out.printf("  seg %d L%d %d px, %.2f of it on GT, covers %.2f of GT, ext %s, plausible %s %s%n",
                        s.id, s.level, s.pixels.length, in / (double) s.pixels.length, in / (double) area,
                        java.util.Arrays.toString(java.util.Arrays.stream(s.extents()).mapToLong(Math::round).toArray()),
                        ok, res);
            }
        }
    }
}
