package io.sam6d.model.pem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The pose of one detection, BOP form.
 *
 * @param detectionIndex index into the request's detections
 * @param r              3x3 rotation model to camera, rows
 * @param t              translation, mm
 * @param score          verification score 0..1; wrong poses score low
 * @param rejected       rejected hypotheses (only with {@code debug=true})
 */
public record PoseEstimateDto(int detectionIndex, String objectName, @JsonProperty("R") List<List<Double>> r,
        @JsonProperty("t") List<Double> t, double score, List<RejectedHypothesis> rejected) {

    public record RejectedHypothesis(@JsonProperty("R") List<List<Double>> r, @JsonProperty("t") List<Double> t,
            double score, String stage) {
    }
}
