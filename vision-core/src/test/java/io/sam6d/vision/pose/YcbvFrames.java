package io.sam6d.vision.pose;

import java.util.ArrayList;
import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.MaskOps;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.model.ObjectModel;

/** Loads ycbv_real frames with ground-truth-label masks as detections, optionally degraded like an imperfect ISM. */
final class YcbvFrames {

    /** How detection masks are degraded. */
    enum MaskMode {
        GT, ERODE, DILATE, NEIGHBOURS
    }

    private YcbvFrames() {
    }

    static String objectName(int objId) {
        return String.format("obj_%06d", objId);
    }

    static ObjectModel objectModel(BopDataset ds, int objId) {
        // models_info of YCB-Video lists no symmetry transforms (only the ADD-S flag)
        return new ObjectModel(objectName(objId), ds.model(objId), ds.modelInfo(objId).diameter(), List.of(), null);
    }

    static RgbdFrame frame(BopFrame f) {
        DepthImage depth = ImageFiles.readDepth(f.depth(), f.depthScale());
        RgbImage rgb = f.rgb() != null && java.nio.file.Files.isRegularFile(f.rgb()) ? ImageFiles.readRgb(f.rgb())
                : RgbImage.blank(depth.width(), depth.height());
        return new RgbdFrame(rgb, depth, f.camera());
    }

    static int[] labels(BopFrame f, int[] size) {
        return ImageFiles.decodeLabels(ImageFiles.readBytes(f.label()), size);
    }

    /** One detection per ground-truth object (in gt order), mask from the label image degraded by {@code mode}. */
    static List<Detection> detections(BopFrame f, MaskMode mode, int px) {
        int[] size = new int[2];
        int[] lab = labels(f, size);
        int w = size[0], h = size[1];
        List<Detection> out = new ArrayList<>();
        for (BopFrame.GtPose g : f.gt()) {
            boolean[] bits = new boolean[w * h];
            for (int i = 0; i < bits.length; i++) {
                bits[i] = lab[i] == g.objId();
            }
            Mask m = new Mask(w, h, bits);
            switch (mode) {
                case ERODE -> m = MaskOps.erode(m, px);
                case DILATE -> m = MaskOps.dilate(m, px);
                case NEIGHBOURS -> {
                    Mask grown = MaskOps.dilate(m, px);
                    boolean[] gb = grown.bits();
                    for (int i = 0; i < bits.length; i++) {
                        bits[i] = bits[i] || gb[i] && lab[i] != 0;
                    }
                    m = new Mask(w, h, bits);
                }
                default -> {
                }
            }
            out.add(new Detection(objectName(g.objId()), 1.0, m, m.bbox(), List.of(), null));
        }
        return out;
    }

    static float[] evalPoints(BopDataset ds, int objId) {
        return PoseAccuracy.subsample(ds.model(objId).positions(), 3000);
    }

    static double diameter(BopDataset ds, int objId) {
        return ds.modelInfo(objId).diameter();
    }

    static double[] center(BopDataset ds, int objId) {
        return MeshOps.boundsCenter(ds.model(objId));
    }
}
