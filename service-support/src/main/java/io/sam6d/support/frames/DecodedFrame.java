package io.sam6d.support.frames;

import java.util.List;

import io.sam6d.vision.image.RgbdFrame;

/**
 * A request's frame, ready for the engines.
 *
 * @param depthResampled the depth image had another size and was resampled to the colour image
 * @param warnings       plain-language notes for the response
 */
public record DecodedFrame(RgbdFrame frame, boolean depthResampled, List<String> warnings) {
}
