package io.sam6d.vision.pose;

import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;

/**
 * 6D pose estimation of detected instances of known objects. Implementations are thread-safe.
 */
public interface PoseEstimator {

    /** A short name of the engine ({@code weight-free}, {@code djl}). */
    String name();

    /** Computes what {@link #estimate} needs for one object (sampled model, point-pair tables). Cache the result. */
    PreparedModel prepare(ObjectModel model);

    /**
     * One result per detection whose object is among {@code models}, in detection order. A detection for which no
     * pose could be found gets no result.
     *
     * @param models       prepared by this engine's {@link #prepare}, for the objects named by the detections
     * @param keepRejected also return the hypotheses that were not chosen
     */
    List<PoseResult> estimate(RgbdFrame frame, List<Detection> detections, List<PreparedModel> models,
            boolean keepRejected);
}
