package io.sam6d.vision.pose;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.model.ObjectModel;

/** prepare() time and size for every YCB-Video and LM-O model (not a test). */
public final class PrepareBenchmark {
    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        WeightFreePoseEstimator est = new WeightFreePoseEstimator();
        // warm up the JIT on one model
        est.prepare(YcbvFrames.objectModel(BopDataset.open(SharedData.ycbv()), 1));
        for (String set : new String[] {"ycbv", "lmo"}) {
            BopDataset ds = set.equals("ycbv") ? BopDataset.open(SharedData.ycbv())
                    : BopDataset.open(SharedData.lmoModels(), SharedData.lmoModels().resolve("models"));
            for (int id : ds.modelsInfo().keySet()) {
                ObjectModel om = new ObjectModel(String.format("obj_%06d", id), ds.model(id), ds.modelInfo(id).diameter(),
                        ds.modelInfo(id).discreteSymmetries(), null);
                long c0 = mx.getCurrentThreadCpuTime(), w0 = System.nanoTime();
                PpfModel pm = est.prepare(om);
                System.out.printf("%s obj %2d %-24s ppf %5d dense %5d %5.1f MB  prepare cpu %5d ms wall %5d ms%n", set, id,
                        ds.modelInfo(id).name() == null ? "" : ds.modelInfo(id).name(), pm.ppfPoints().length / 3,
                        pm.densePoints().length / 3, pm.memoryBytes() / 1e6, (mx.getCurrentThreadCpuTime() - c0) / 1000000,
                        (System.nanoTime() - w0) / 1000000);
            }
        }
    }

    private PrepareBenchmark() {
    }
}
