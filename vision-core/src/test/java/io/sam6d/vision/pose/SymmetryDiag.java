package io.sam6d.vision.pose;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.io.bop.BopDataset;

/** Development diagnostics (not a test): the approximate symmetries found for YCB-Video models. */
public final class SymmetryDiag {
    public static void main(String[] args) {
        BopDataset ds = BopDataset.open(SharedData.ycbv());
        ConfigPpf cfg = new ConfigPpf();
        boolean lmo = false;
        for (String a : args) {
            if (a.equals("lmo")) {
                ds = BopDataset.open(SharedData.lmoModels(), SharedData.lmoModels().resolve("models"));
                lmo = true;
                continue;
            }
            if (a.startsWith("tol=")) {
                cfg.symmetryToleranceRel = Double.parseDouble(a.substring(4));
                continue;
            }
            int id = Integer.parseInt(a);
            long t0 = System.nanoTime();
            PpfModel m = PpfModel.build(lmo ? new io.sam6d.vision.model.ObjectModel(YcbvFrames.objectName(id),
                    ds.model(id), ds.modelInfo(id).diameter(),
                    ds.modelInfo(id).symmetryTransforms(io.sam6d.vision.model.ObjectModels.CONTINUOUS_SYMMETRY_STEPS),
                    null) : YcbvFrames.objectModel(ds, id), cfg);
            long t1 = System.nanoTime();
            ApproximateSymmetries s = m.approximateSymmetries();
            System.out.printf("obj %d %s given %d diam %.1f floor %.2f mm tol %.2f mm (build %d ms)%n", id,
                    ds.modelInfo(id).name(), m.symmetries().size(), m.diameterMm(), s.floorMm(), s.toleranceMm(), (t1 - t0) / 1000000);
            for (ApproximateSymmetries.Symmetry y : s.discrete()) {
                System.out.printf("   %s excess %.2f mm%n", y.label(), y.excessMm());
            }
            for (ApproximateSymmetries.Axis y : s.continuous()) {
                System.out.printf("   continuous about (%.2f %.2f %.2f) through (%.1f %.1f %.1f) excess %.2f mm%n",
                        y.direction()[0], y.direction()[1], y.direction()[2], y.pointMm()[0], y.pointMm()[1],
                        y.pointMm()[2], y.excessMm());
            }
        }
    }
}
