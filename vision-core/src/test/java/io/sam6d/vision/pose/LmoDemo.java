package io.sam6d.vision.pose;

import java.nio.file.Path;
import java.util.List;

import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.segmentation.Detection;

/** Runs the estimator on the LM-O example and writes an overlay picture (not a test): LmoDemo [out.png]. */
public final class LmoDemo {
    public static void main(String[] args) {
        RgbdFrame frame = LmoExample.frame();
        Mask mask = LmoExample.referenceMask();
        WeightFreePoseEstimator est = new WeightFreePoseEstimator();
        long t0 = System.nanoTime();
        PpfModel model = est.prepare(LmoExample.can());
        long t1 = System.nanoTime();
        List<PoseResult> res = est.estimate(frame, List.of(new Detection("obj_000005", 1, mask, mask.bbox(), List.of(), null)),
                List.of(model), true);
        long t2 = System.nanoTime();
        PoseResult r = res.get(0);
        PoseScore s = new PoseScorer().setObservation(frame.depth(), frame.camera(), mask).score(model, r.modelToCamera());
        System.out.printf("mask area %d; prepare %d ms, estimate %d ms%npose %s%nscore %s%n", mask.area(),
                (t1 - t0) / 1000000, (t2 - t1) / 1000000, r.modelToCamera(), s);
        System.out.println("symmetries: " + model.approximateSymmetries().discrete().size() + " discrete, "
                + model.approximateSymmetries().continuous().size() + " continuous; " + r.decision());
        for (PoseResult.Hypothesis h : r.rejected().subList(0, Math.min(5, r.rejected().size()))) {
            System.out.printf("  alt %.3f %s rot %.1f deg t %.1f mm%n", h.score(), h.stage(),
                    Math.toDegrees(h.modelToCamera().rotationAngleTo(r.modelToCamera())),
                    h.modelToCamera().translationDistanceTo(r.modelToCamera()));
        }
        RgbImage img = new RgbImage(frame.width(), frame.height(), frame.rgb().rgb().clone());
        Overlay.draw(img, model, r.modelToCamera(), frame.camera(), 255, 0, 0);
        ImageFiles.write(Path.of(args.length > 0 ? args[0] : "/tmp/lmo_pose.png"), ImageFiles.encodeRgbPng(img));
    }

    private LmoDemo() {
    }
}
