package io.sam6d.vision.segmentation;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import io.sam6d.vision.eval.DatasetObjects;
import io.sam6d.vision.eval.GtMasks;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;

/** Dev diagnostic: verification at the ground-truth pose and the proposals covering each instance. */
public final class GtDiagnostic {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        BopDataset ds = BopDataset.open(Path.of(args[0]));
        int scene = Integer.parseInt(args[1]);
        int image = Integer.parseInt(args[2]);
        DatasetObjects objs = new DatasetObjects(ds, null);
        ConfigWeightFreeSegmentation config = new ConfigWeightFreeSegmentation();
        for (BopFrame bf : ds.frames("test", scene)) {
            if (bf.imageId() != image) continue;
            RgbImage rgb = ImageFiles.readRgb(bf.rgb());
            DepthImage depth = ImageFiles.readDepth(bf.depth(), bf.depthScale());
            RgbdFrame frame = new RgbdFrame(rgb, depth, bf.camera());
            GtMasks gm = GtMasks.load(bf, frame.width(), frame.height(), depth, null);
            double maxD = 0;
            for (BopFrame.GtPose g : bf.gt()) maxD = Math.max(maxD, objs.objectModel(g.objId()).diameterMm());
            DepthScene s = new DepthScene(frame, config, maxD);
            System.out.printf("planes %d segments %d%n", s.planes.size(), s.segments.size());
            for (int g = 0; g < bf.gt().size(); g++) {
                BopFrame.GtPose gp = bf.gt().get(g);
                WeightFreeModel m = WeightFreeModel.build(objs.objectModel(gp.objId()), config);
                InstanceMatcher im = new InstanceMatcher(s, m, config);
                Verification ver = new Verification(s, m, config);
                Mask gtm = gm.masks().get(g);
                boolean[] bits = gtm == null ? null : gtm.bits();
                int gtArea = 0;
                if (bits != null) for (boolean b : bits) if (b) gtArea++;
                // best overlapping segment
                Segment bestSeg = null; int bestIn = 0;
                for (Segment seg : s.segments) {
                    int in = 0;
                    if (bits != null) for (int i : seg.pixels) if (bits[i]) in++;
                    if (in > 0) {
                        System.out.printf("  obj %d seg %d level %d px %d inGt %d (%.2f of seg, %.2f of gt) ext %.0f/%.0f/%.0f plausible %b%n",
                            gp.objId(), seg.id, seg.level, seg.pixels.length, in, in / (double) seg.pixels.length,
                            in / (double) Math.max(1, gtArea), seg.extents()[0], seg.extents()[1], seg.extents()[2], im.plausible(seg));
                    }
                    if (in > bestIn) { bestIn = in; bestSeg = seg; }
                }
                double[] r = gp.modelToCamera().rotation();
                double[] t = gp.modelToCamera().translation();
                Verification.Result res = ver.verify(r, t, -1, 0, bestSeg);
                if (res == null) { System.out.println("obj " + gp.objId() + ": not projected"); continue; }
                res.score = im.score(res);
                int kinds[] = new int[4];
                if (bits != null) for (int i = 0; i < bits.length; i++) if (bits[i]) kinds[s.kind[i]]++;
                System.out.printf("obj %d diam %.0f gtArea %d kinds(inv/free/plane/beyond) %d/%d/%d/%d%n   GT-pose score %.3f fit %.2f contour %.2f q %.2f n %.2f explains %.2f inImage %.2f sunk %.2f match %d viol %d occl %d unk %d%n",
                    gp.objId(), m.diameterMm, gtArea, kinds[0], kinds[1], kinds[2], kinds[3], res.score, res.fit(), res.contour, res.depthQuality,
                    res.normalAgreement, res.explained, res.inImage, res.sunk, res.match, res.violation, res.occluded, res.unknown);
            }
        }
    }
}
