package io.sam6d.main.rss;

import java.util.Map;

import io.sam6d.model.frame.FrameInput;

/**
 * A frame taken from the camera server: what the pipeline needs (Base64 colour PNG/JPEG and 16-bit depth PNG,
 * {@code cam_K}, {@code depth_scale}) and what was learned on the way (serial, resolution, timestamps, aligned or
 * not), kept with the job's output.
 */
public record CapturedFrame(FrameInput frame, Map<String, Object> captureInfo) {
}
