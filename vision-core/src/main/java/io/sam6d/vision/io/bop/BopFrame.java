package io.sam6d.vision.io.bop;

import java.nio.file.Path;
import java.util.List;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;

/**
 * One image of a BOP scene with what the dataset knows about it.
 *
 * @param rgb        colour image file ({@code rgb/} or {@code gray/}), png or jpg
 * @param depth      16-bit depth file in raw units
 * @param depthScale millimetres per raw depth unit
 * @param label      YCB-Video style per-pixel object id image ({@code label/}), or null
 * @param gt         ground-truth poses in the order of {@code scene_gt.json}; empty when unknown
 * @param gtInfo     {@code scene_gt_info.json} entries in the same order, or empty when the file is absent
 */
public record BopFrame(int sceneId, int imageId, Path sceneDir, Path rgb, Path depth, CameraIntrinsics camera,
        double depthScale, Path label, List<GtPose> gt, List<GtInfo> gtInfo) {

    /** A ground-truth pose: model to camera, t in mm. */
    public record GtPose(int objId, RigidTransform modelToCamera) {
    }

    /**
     * @param bboxVisib   [x, y, w, h] of the visible part, pixels
     * @param visibFract  visible fraction of the object's silhouette, 0..1
     */
    public record GtInfo(int[] bboxObj, int[] bboxVisib, int pxCountVisib, double visibFract) {
    }

    /** BOP's visible mask of the gt-th annotation ({@code mask_visib/IIIIII_GGGGGG.png}), which may not exist. */
    public Path visibleMask(int gtIndex) {
        return sceneDir.resolve("mask_visib").resolve(String.format("%06d_%06d.png", imageId, gtIndex));
    }
}
