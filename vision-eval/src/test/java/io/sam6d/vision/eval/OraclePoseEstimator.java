package io.sam6d.vision.eval;

import java.util.ArrayList;
import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PoseEstimator;
import io.sam6d.vision.pose.PoseResult;

/**
 * Test fixture, never shipped: a "pose estimator" that returns the ground-truth pose of the instance a detection
 * covers, optionally shifted sideways (camera x) by a fraction of the object's diameter. Registered for tests as
 * {@code oracle-gt}.
 */
public final class OraclePoseEstimator implements PoseEstimator {

    private final double shiftDiameters;

    public OraclePoseEstimator() {
        this(0);
    }

    OraclePoseEstimator(double shiftDiameters) {
        this.shiftDiameters = shiftDiameters;
    }

    @Override
    public String name() {
        return shiftDiameters == 0 ? "oracle-gt" : "oracle-shifted";
    }

    @Override
    public PreparedModel prepare(ObjectModel model) {
        return new OracleSegmenter.Prepared(model);
    }

    @Override
    public List<PoseResult> estimate(RgbdFrame frame, List<Detection> detections, List<PreparedModel> models,
            boolean keepRejected) {
        BopFrame bf = GroundTruthIndex.forDefaultDataset().frameOf(frame.rgb());
        List<PoseResult> out = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            Detection d = detections.get(i);
            ObjectModel model = models.stream().map(PreparedModel::model).filter(m -> m.name().equals(d.objectName()))
                    .findFirst().orElse(null);
            if (model == null) {
                continue;
            }
            int objId = DatasetObjects.objId(d.objectName());
            double cu = d.bbox()[0] + d.bbox()[2] / 2.0, cv = d.bbox()[1] + d.bbox()[3] / 2.0;
            RigidTransform best = null;
            double bestDist = Double.POSITIVE_INFINITY;
            for (BopFrame.GtPose g : bf.gt()) {
                if (g.objId() != objId) {
                    continue;
                }
                double[] t = g.modelToCamera().translation();
                double du = frame.camera().fx() * t[0] / t[2] + frame.camera().cx() - cu;
                double dv = frame.camera().fy() * t[1] / t[2] + frame.camera().cy() - cv;
                if (du * du + dv * dv < bestDist) {
                    bestDist = du * du + dv * dv;
                    best = g.modelToCamera();
                }
            }
            if (best == null) {
                continue;
            }
            double[] t = best.translation();
            t[0] += shiftDiameters * model.diameterMm();
            out.add(new PoseResult(i, d.objectName(), new RigidTransform(best.rotation(), t), d.score(), List.of()));
        }
        return out;
    }
}
