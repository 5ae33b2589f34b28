package io.sam6d.vision.eval;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;

/**
 * Measures how long the pose errors take per estimate on a dataset's models, for poses near the truth and for
 * poses far from it (the slow case of closest-point searches). Prints milliseconds per call.
 */
final class MetricsSpeed {

    private MetricsSpeed() {
    }

    static void run(DatasetObjects objects, List<Integer> objIds, int repeats, PrintStream out) {
        CameraIntrinsics cam = new CameraIntrinsics(1066.8, 1067.5, 313, 241.3);
        RigidTransform gt = RigidTransform.fromAxisAngle(0.3, -0.5, 0.8, 0.7, new double[] {35, -20, 800});
        Random rnd = new Random(7);
        out.printf(Locale.ROOT, "%-4s %-7s %-9s %8s %8s %8s %9s   (ms per call, capped at the largest threshold;"
                + " near: ~0.03 d off, far: ~0.3 d off)%n", "obj", "points", "symmetry", "ADD(-S)", "MSSD", "MSPD",
                "all three");
        for (int id : objIds) {
            EvalModel m = objects.evalModel(id);
            String sym = m.closestPointSymmetry() ? "closest" : m.symmetries().size() > 1
                    ? m.symmetries().size() + " syms" : "none";
            for (double off : new double[] {0.03, 0.3}) {
                RigidTransform[] ests = new RigidTransform[repeats];
                for (int i = 0; i < repeats; i++) {
                    double ang = off * rnd.nextGaussian();
                    double[] t = gt.translation();
                    for (int k = 0; k < 3; k++) {
                        t[k] += off * m.diameterMm() * rnd.nextGaussian() / Math.sqrt(3);
                    }
                    ests[i] = RigidTransform.fromAxisAngle(rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian(),
                            ang, new double[3]).compose(new RigidTransform(gt.rotation(), new double[3]));
                    ests[i] = new RigidTransform(ests[i].rotation(), t);
                }
                double d = m.diameterMm();
                double[] ms = new double[4];
                for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up
                    long t0 = System.nanoTime();
                    for (RigidTransform e : ests) {
                        PoseErrors.addOrAdi(m, e, gt, 0.1 * d);
                    }
                    long t1 = System.nanoTime();
                    for (RigidTransform e : ests) {
                        PoseErrors.mssd(m, e, gt, 0.5 * d);
                    }
                    long t2 = System.nanoTime();
                    for (RigidTransform e : ests) {
                        PoseErrors.mspd(m, e, gt, cam, 50);
                    }
                    long t3 = System.nanoTime();
                    for (RigidTransform e : ests) {
                        PoseErrors.all(m, e, gt, cam, 0.1 * d, 0.5 * d, 50);
                    }
                    long t4 = System.nanoTime();
                    ms[3] = (t4 - t3) / 1e6 / repeats;
                    ms[0] = (t1 - t0) / 1e6 / repeats;
                    ms[1] = (t2 - t1) / 1e6 / repeats;
                    ms[2] = (t3 - t2) / 1e6 / repeats;
                }
                out.printf(Locale.ROOT, "%-4d %-7d %-9s %8.2f %8.2f %8.2f %9.2f   %s%n", id, m.pointCount(), sym, ms[0],
                        ms[1], ms[2], ms[3], off < 0.1 ? "near" : "far");
            }
        }
    }
}
