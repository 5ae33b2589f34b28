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
 * @param decision       how the pose was chosen among near-equal (symmetric) ones, e.g. the colour or upright
 *                       tie-break (only with {@code debug=true}; empty when nothing needed deciding)
 */
public record PoseEstimateDto(int detectionIndex, String objectName, @JsonProperty("R") List<List<Double>> r,
        @JsonProperty("t") List<Double> t, double score, List<RejectedHypothesis> rejected,
        String decision) {

    public record RejectedHypothesis(@JsonProperty("R") List<List<Double>> r, @JsonProperty("t") List<Double> t,
            double score, String stage) {
    }
}
