package io.sam6d.vision.pose;

import java.nio.file.Path;
import java.util.List;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.CameraFile;
import io.sam6d.vision.io.MeshReader;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.model.ObjectModel;

/** The LM-O example frame with SAM-6D's mask of the can (green in the right half of reference/vis_ism.png). */
final class LmoExample {

    private LmoExample() {
    }

    static RgbdFrame frame() {
        Path dir = SharedData.lmoExample();
        CameraFile cam = CameraFile.read(dir.resolve("camera.json"));
        DepthImage depth = ImageFiles.readDepth(dir.resolve("depth.png"), cam.depthScale());
        RgbImage rgb = ImageFiles.readRgb(dir.resolve("rgb.png"));
        return new RgbdFrame(rgb, depth, cam.intrinsics());
    }

    static ObjectModel can() {
        Mesh mesh = MeshReader.read(SharedData.lmoExample().resolve("obj_000005.ply"));
        double diameter = BopDataset.open(SharedData.lmoModels(), SharedData.lmoModels().resolve("models"))
                .modelInfo(5).diameter();
        return new ObjectModel("obj_000005", mesh, diameter, List.of(), null);
    }

    /** The green pixels of the reference picture's right half: SAM-6D's ISM mask of the can. */
    static Mask referenceMask() {
        RgbImage vis = ImageFiles.readRgb(SharedData.lmoExample().resolve("reference").resolve("vis_ism.png"));
        int w = vis.width() / 2, h = vis.height();
        boolean[] bits = new boolean[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int r = vis.at(x + w, y, 0), g = vis.at(x + w, y, 1), b = vis.at(x + w, y, 2);
                bits[y * w + x] = g > 150 && g > r + 60 && g > b + 60;
            }
        }
        return new Mask(w, h, bits);
    }
}
