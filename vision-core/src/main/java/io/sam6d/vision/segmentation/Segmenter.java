package io.sam6d.vision.segmentation;

import java.util.List;

import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;

/**
 * Instance segmentation of known objects: where each object is in an RGB-D frame. Implementations are thread-safe:
 * one instance serves concurrent requests.
 */
public interface Segmenter {

    /** A short name of the engine, reported in responses and health ({@code weight-free}, {@code djl}). */
    String name();

    /** Computes what {@link #segment} needs for one object (reads its templates). Expensive: cache the result. */
    PreparedModel prepare(ObjectModel model);

    /**
     * Finds every instance of the given objects; an object that is not in the frame gets no detection.
     *
     * @param models prepared by this engine's {@link #prepare}
     */
    SegmentationResult segment(RgbdFrame frame, List<PreparedModel> models);

    /**
     * As {@link #segment(RgbdFrame, List)} with the caller's threshold and cap, which may go below the engine's own
     * default: an engine that drops weak detections internally must honour a lower {@code minScore}.
     *
     * @param minScore     detections scoring below are dropped (0..1)
     * @param maxPerObject at most this many detections per object, best first
     */
    default SegmentationResult segment(RgbdFrame frame, List<PreparedModel> models, double minScore,
            int maxPerObject) {
        SegmentationResult all = segment(frame, models);
        java.util.Map<String, Integer> perObject = new java.util.HashMap<>();
        List<io.sam6d.vision.detection.Detection> kept = all.detections().stream()
                .sorted(java.util.Comparator.comparingDouble(d -> -d.score()))
                .filter(d -> d.score() >= minScore && perObject.merge(d.objectName(), 1, Integer::sum) <= maxPerObject)
                .toList();
        return new SegmentationResult(kept, all.warnings());
    }

    /**
     * The threshold this engine's scores are meant to be cut at when the caller gives none (0..1). Engines whose
     * scores are not calibrated say 0.2, the suite's default before engines named their own.
     */
    default double defaultScoreThreshold() {
        return 0.2;
    }
}
