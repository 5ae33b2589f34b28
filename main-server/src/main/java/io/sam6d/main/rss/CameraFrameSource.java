package io.sam6d.main.rss;

/**
 * Takes one RGB-D frame from a RealSense streaming server ("RSS": {@code /streams/status}, {@code /streams/calib},
 * {@code /streams/color_jpeg} or {@code /streams/color_raw}, {@code /streams/depth_raw}) and turns it into the
 * frame the pipeline consumes.
 */
public interface CameraFrameSource {

    /**
     * @param baseUrl    the camera server, e.g. {@code http://camera-host:8080}
     * @param alignColor reproject depth into the colour camera (when the server does not align itself)
     * @throws CameraUnavailableException with a message a user can act on, when the server cannot be reached,
     *                                    is not streaming, or answers something that is not a frame
     */
    CapturedFrame capture(String baseUrl, boolean alignColor);
}
