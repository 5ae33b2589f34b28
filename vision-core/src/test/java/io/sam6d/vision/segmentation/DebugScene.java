package io.sam6d.vision.segmentation;

import java.nio.file.Path;
import java.util.List;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;

/** Scratch: writes the scene analysis of each frame as PNGs under target/debug. */
public class DebugScene {
    static boolean FINE = true;
    public static void main(String[] args) {
        ConfigWeightFreeSegmentation cfg = new ConfigWeightFreeSegmentation();
        BopDataset ds = BopDataset.open(SharedData.ycbv());
        for (int scene : ds.scenes("test")) {
            for (BopFrame f : ds.frames("test", scene)) {
                if (f.imageId() != 1) continue;
                RgbdFrame fr = new RgbdFrame(ImageFiles.readRgb(f.rgb()), ImageFiles.readDepth(f.depth(), f.depthScale()), f.camera());
                long t0 = System.nanoTime();
                DepthScene s = new DepthScene(fr, cfg, 270);
                System.out.printf("scene %d/%d: %.1f ms, %d segments, planes %d%n", scene, f.imageId(), (System.nanoTime() - t0) / 1e6, s.segments.size(), s.planes.size());
                write(s, fr, Path.of("target/debug/seg_" + scene + "_" + f.imageId() + ".png"));
            }
        }
        Path lmo = SharedData.lmoExample();
        RgbdFrame fr = new RgbdFrame(ImageFiles.readRgb(lmo.resolve("rgb.png")), ImageFiles.readDepth(lmo.resolve("depth.png"), 1.0),
                CameraIntrinsics.fromCamK(new double[] {572.4114, 0.0, 325.2611, 0.0, 573.57043, 242.04899, 0.0, 0.0, 1.0}));
        long t0 = System.nanoTime();
        DepthScene s = new DepthScene(fr, cfg, 270);
        System.out.printf("lmo: %.1f ms, %d segments, median %.0f%n", (System.nanoTime() - t0) / 1e6, s.segments.size(), s.medianDepthMm);
        write(s, fr, Path.of("target/debug/seg_lmo.png"));
    }

    static void write(DepthScene s, RgbdFrame fr, Path out) {
        int w = s.width, h = s.height;
        RgbImage img = RgbImage.blank(2 * w, 2 * h);
        byte[] o = img.rgb();
        for (int v = 0; v < h; v++) for (int u = 0; u < w; u++) {
            int i = v * w + u;
            // top-left: rgb; top-right: normals; bottom-left: kind + creases; bottom-right: segments (coarse) ; 
            int[] c0 = {fr.rgb().at(u, v, 0), fr.rgb().at(u, v, 1), fr.rgb().at(u, v, 2)};
            int[] c1 = s.nz[i] == 0 ? new int[3] : new int[] {(int) (127 + 127 * s.nx[i]), (int) (127 + 127 * s.ny[i]), (int) (127 - 127 * s.nz[i])};
            int[] c2 = switch (s.kind[i]) { case DepthScene.INVALID -> new int[] {0, 0, 0}; case DepthScene.PLANE -> new int[] {0, 0, 160};
                case DepthScene.BEYOND -> new int[] {60, 60, 60}; default -> s.crease[i] ? new int[] {255, 0, 0} : new int[] {200, 200, 200}; };
            int l = -1;
            for (int k = s.segments.size() - 1; k >= 0 && l < 0; k--) { }
            l = s.coarseLabel[i];
            if (FINE) { l = -1; for (DepthScene.Segment sg : s.segments) if (sg.level == 1 && java.util.Arrays.binarySearch(sg.pixels, i) >= 0) { l = sg.id; break; } }
            int[] c3 = l < 0 ? new int[3] : new int[] {(l * 97) % 200 + 55, (l * 57) % 200 + 55, (l * 151) % 200 + 55};
            put(o, 2 * w, u, v, c0); put(o, 2 * w, u + w, v, c1); put(o, 2 * w, u, v + h, c2); put(o, 2 * w, u + w, v + h, c3);
        }
        ImageFiles.write(out, ImageFiles.encodeRgbPng(img));
    }
    static void put(byte[] o, int W, int u, int v, int[] c) { int k = 3 * (v * W + u); o[k] = (byte) c[0]; o[k + 1] = (byte) c[1]; o[k + 2] = (byte) c[2]; }
}
