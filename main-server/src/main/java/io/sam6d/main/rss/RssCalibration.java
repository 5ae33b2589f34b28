package io.sam6d.main.rss;

import java.util.List;

/**
 * {@code GET /streams/calib}: the camera's calibration, named as pyrealsense2 names it (snake_case JSON).
 *
 * @param colorIntrinsics        the colour stream's {@code rs2_intrinsics}
 * @param depthIntrinsics        the depth stream's {@code rs2_intrinsics}
 * @param depthScale             metres per raw depth unit ({@code depth_sensor.get_depth_scale()}, 0.001 on a D4xx)
 * @param depthToColorExtrinsics {@code depth_profile.get_extrinsics_to(color_profile)}
 * @param depthAlignedToColor    true when the server already aligns depth to colour ({@code rs2.align}); then the
 *                               depth image has the colour stream's size and intrinsics
 */
public record RssCalibration(Intrinsics colorIntrinsics, Intrinsics depthIntrinsics, Double depthScale,
        Extrinsics depthToColorExtrinsics, Boolean depthAlignedToColor) {

    /**
     * {@code rs2_intrinsics}: pinhole in pixels, pixel (0,0) the centre of the top-left pixel.
     *
     * @param model  distortion model name ({@code brown_conrady}, {@code inverse_brown_conrady}, {@code none} ...)
     * @param coeffs the five distortion coefficients; read and reported, not applied (the pipeline is pinhole)
     */
    public record Intrinsics(Integer width, Integer height, Double fx, Double fy, Double ppx, Double ppy,
            String model, List<Double> coeffs) {
    }

    /**
     * {@code rs2_extrinsics} from depth to colour: {@code p_color = R p_depth + t}.
     *
     * @param rotation    9 numbers, <b>column-major</b> as librealsense stores it
     *                    ({@code x' = r[0] x + r[3] y + r[6] z + t[0]})
     * @param translation 3 numbers, metres
     */
    public record Extrinsics(List<Double> rotation, List<Double> translation) {
    }
}
