package io.sam6d.main.workflow;

import java.util.List;

/**
 * A frame ready for the compute servers.
 *
 * @param rgbBase64   colour image as sent (PNG or JPEG)
 * @param depthBase64 16-bit depth PNG of raw units
 * @param camK        intrinsics of the colour image, row-major, pixels
 * @param depthScale  mm per raw depth unit
 */
record PipelineFrame(String rgbBase64, String depthBase64, List<Double> camK, double depthScale) {
}
