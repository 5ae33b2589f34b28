package io.sam6d.vision.eval;

import static io.sam6d.vision.eval.EvalFixtures.boxPoints;
import static io.sam6d.vision.eval.EvalFixtures.diameter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;

class GtMasksTest {

    @Test
    void ycbvLabelsGiveOneMaskPerInstance() {
        BopDataset ds = BopDataset.open(SharedData.ycbv());
        DatasetObjects objs = new DatasetObjects(ds, null);
        BopFrame f = ds.frames("test", 1).get(0);
        int[] size = new int[2];
        int[] labels = ImageFiles.decodeLabels(ImageFiles.readBytes(f.label()), size);
        GtMasks m = GtMasks.load(f, size[0], size[1], null, objs::evalModel);
        assertEquals("label", m.source());
        assertTrue(m.complete());
        assertEquals(4, m.masks().size());
        for (int g = 0; g < 4; g++) {
            int objId = f.gt().get(g).objId();
            long expected = java.util.Arrays.stream(labels).filter(v -> v == objId).count();
            assertEquals(expected, m.masks().get(g).area());
            assertTrue(expected > 500, "object " + objId + " is visible");
        }
    }

    @Test
    void maskVisibFilesArePreferred(@TempDir Path dir) {
        Path scene = dir.resolve("test").resolve("000000");
        boolean[] bits = new boolean[8 * 4];
        bits[5] = bits[6] = true;
        ImageFiles.write(scene.resolve("mask_visib").resolve("000001_000000.png"), ImageFiles.encodeMaskPng(bits, 8, 4));
        BopFrame f = new BopFrame(0, 1, scene, null, null, new CameraIntrinsics(10, 10, 4, 2), 1, null,
                List.of(new BopFrame.GtPose(3, RigidTransform.identity())), List.of());
        GtMasks m = GtMasks.load(f, 8, 4, null, id -> null);
        assertEquals("mask_visib", m.source());
        assertArrayEquals(bits, m.masks().get(0).bits());
    }

    /**
     * Two instances of one object share label 1. The box (40 mm) stands twice at 500 mm, 120 mm apart; the depth
     * image holds the front faces. Each label pixel must go to the instance it shows; pixels without depth go by
     * the projected centres.
     */
    @Test
    void twoInstancesSharingALabelAreSplitByTheirPoses() {
        int w = 160, h = 80;
        CameraIntrinsics cam = new CameraIntrinsics(400, 400, 79.5, 39.5);
        float[] box = boxPoints(20, 20, 20, 8);
        EvalModel model = new EvalModel(1, box, diameter(box), List.of(), false);
        RigidTransform left = new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {-60, 0, 500});
        RigidTransform right = new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {60, 0, 500});
        int[] labels = new int[w * h];
        float[] depth = new float[w * h];
        boolean[] expectLeft = new boolean[w * h], expectRight = new boolean[w * h];
        for (int v = 0; v < h; v++) {
            for (int u = 0; u < w; u++) {
                // the front face (z = 480) of each box, projected
                double x = (u - cam.cx()) * 480 / cam.fx(), y = (v - cam.cy()) * 480 / cam.fy();
                int i = v * w + u;
                if (Math.abs(y) <= 20 && (Math.abs(x + 60) <= 20 || Math.abs(x - 60) <= 20)) {
                    labels[i] = 1;
                    depth[i] = u % 7 == 0 ? 0 : 480; // some pixels without depth
                    (x < 0 ? expectLeft : expectRight)[i] = true;
                }
            }
        }
        boolean[][] split = GtMasks.split(labels, 1, w, h, new DepthImage(w, h, depth), cam, List.of(left, right), model);
        assertArrayEquals(expectLeft, split[0]);
        assertArrayEquals(expectRight, split[1]);
        assertThat(new Mask(w, h, split[0]).area()).isGreaterThan(100);
    }
}
