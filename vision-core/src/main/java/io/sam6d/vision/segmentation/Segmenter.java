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
}
