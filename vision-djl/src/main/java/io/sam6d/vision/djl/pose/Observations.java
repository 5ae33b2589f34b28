package io.sam6d.vision.djl.pose;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PoseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The part of a TorchScript pose request every contract shares: which detections have a prepared object and enough
 * depth to observe, and their poses computed batch by batch.
 *
 * @param <P> the engine's prepared model
 * @param <O> the engine's observation of one detection
 */
final class Observations<P extends PreparedModel, O> {

    private static final Logger log = LoggerFactory.getLogger(Observations.class);

    /** Observes one detection of a prepared object; null when its mask has too little depth. */
    interface Observer<P, O> {
        O observe(int detectionIndex, Detection detection, P model);
    }

    final Map<String, P> byName = new HashMap<>();
    final List<Integer> index = new ArrayList<>();
    final List<O> observed = new ArrayList<>();

    /**
     * @throws IllegalArgumentException when a model was prepared by another engine
     */
    Observations(List<Detection> detections, List<PreparedModel> models, Class<P> type, String engine,
            Observer<P, O> observer) {
        for (PreparedModel pm : models) {
            if (!type.isInstance(pm)) {
                throw new IllegalArgumentException("model " + pm.model().name() + " was not prepared by the "
                        + engine + " pose estimator");
            }
            byName.put(pm.model().name(), type.cast(pm));
        }
        for (int i = 0; i < detections.size(); i++) {
            Detection d = detections.get(i);
            P p = byName.get(d.objectName());
            if (p == null) {
                continue;
            }
            O o = observer.observe(i, d, p);
            if (o == null) {
                log.debug("detection {} of {}: too few depth points in the mask, no pose", i, d.objectName());
                continue;
            }
            index.add(i);
            observed.add(o);
        }
    }

    /** Runs batches of at most {@code maxBatch} (detection indices, observations) and joins their poses. */
    List<PoseResult> inBatches(int maxBatch, BiFunction<List<Integer>, List<O>, List<PoseResult>> run) {
        List<PoseResult> results = new ArrayList<>();
        for (int from = 0; from < index.size(); from += maxBatch) {
            int to = Math.min(index.size(), from + maxBatch);
            results.addAll(run.apply(index.subList(from, to), observed.subList(from, to)));
        }
        return results;
    }
}
