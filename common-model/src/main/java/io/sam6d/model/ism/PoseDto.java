package io.sam6d.model.ism;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A model-to-camera pose: {@code x_cam = R x_model + t}.
 *
 * @param r  3x3 rotation, rows
 * @param t  translation, mm
 */
public record PoseDto(@JsonProperty("R") List<List<Double>> r, @JsonProperty("t") List<Double> t) {
}
