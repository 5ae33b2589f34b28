package io.sam6d.vision.eval;

import java.util.ArrayList;
import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PoseEstimator;
import io.sam6d.vision.pose.PoseResult;

/**
 * A measuring aid, not a pose engine: the pose of each detection is the coarse pose its segmenter verified, so the
 * benchmark can score what the segmentation stage alone gets right ({@code --pem coarse}) and show what the pose
 * stage adds. Detections without a coarse pose get none.
 */
public final class CoarsePoseEstimator implements PoseEstimator {

    @Override
    public String name() {
        return "coarse";
    }

    @Override
    public PreparedModel prepare(ObjectModel model) {
        return new PreparedModel() {
            @Override
            public ObjectModel model() {
                return model;
            }

            @Override
            public long memoryBytes() {
                return 0;
            }
        };
    }

    @Override
    public List<PoseResult> estimate(RgbdFrame frame, List<Detection> detections, List<PreparedModel> models,
            boolean keepRejected) {
        List<PoseResult> out = new ArrayList<>();
        for (int d = 0; d < detections.size(); d++) {
            Detection det = detections.get(d);
            if (det.coarsePose() != null) {
                out.add(new PoseResult(d, det.objectName(), det.coarsePose(), det.score(), List.of()));
            }
        }
        return out;
    }
}
