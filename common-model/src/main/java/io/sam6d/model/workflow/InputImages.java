package io.sam6d.model.workflow;

/**
 * A frame given as files under {@code static/}.
 *
 * @param rgbPath    colour image (PNG or JPEG), e.g. {@code static/test/rgb.png} (a leading {@code static/} may be left out)
 * @param depthPath  16-bit depth PNG of raw units
 * @param cameraPath BOP-style camera JSON: {@code cam_K} (9 numbers, row-major, pixels) and {@code depth_scale}
 *                   (mm per depth unit)
 */
public record InputImages(String rgbPath, String depthPath, String cameraPath) {
}
