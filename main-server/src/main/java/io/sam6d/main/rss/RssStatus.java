package io.sam6d.main.rss;

/**
 * {@code GET /streams/status}: whether the camera streams, and what.
 *
 * @param streaming    false while the pipeline is stopped; frames are refused then
 * @param name         device name, e.g. {@code Intel RealSense D435}
 * @param serialNumber device serial ({@code rs2.camera_info.serial_number})
 * @param color        the colour stream's profile
 * @param depth        the depth stream's profile
 * @param frameNumber  number of the latest frame, when known
 * @param timestampMs  the latest frame's timestamp, milliseconds, when known
 */
public record RssStatus(Boolean streaming, String name, String serialNumber, StreamProfile color,
        StreamProfile depth, Long frameNumber, Double timestampMs) {

    /** @param format {@code rgb8} for colour, {@code z16} for depth */
    public record StreamProfile(Integer width, Integer height, Integer fps, String format) {
    }
}
