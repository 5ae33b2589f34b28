package io.sam6d.main.rss;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sam6d.model.frame.FrameInput;
import io.sam6d.vision.geometry.DepthToColorAligner;
import io.sam6d.vision.geometry.DepthToColorAligner.Pinhole;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Takes one frame from a RealSense streaming server over HTTP (formats in the README, "Camera server (RSS)"):
 * status, calibration, colour (JPEG, else raw RGB8) and raw depth; aligns depth to colour when asked; returns it
 * as the pipeline's {@link FrameInput} (PNG colour, 16-bit PNG depth in the camera's raw units, {@code cam_K} of the
 * colour camera, BOP {@code depth_scale} = metres per unit × 1000).
 */
@Component
public class RssCameraClient implements CameraFrameSource {

    private static final Logger log = LoggerFactory.getLogger(RssCameraClient.class);

    private final RssSettings settings;
    private final ObjectMapper json;
    private final HttpClient http;

    RssCameraClient(RssSettings settings) {
        this.settings = settings;
        // the camera server's own documented format, read leniently (extra fields are fine)
        this.json = JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @Override
    public CapturedFrame capture(String baseUrl, boolean alignColor) {
        URI base = checkBaseUrl(baseUrl);
        RssStatus status = getJson(base, "/streams/status", RssStatus.class);
        if (!Boolean.TRUE.equals(status.streaming())) {
            throw new CameraUnavailableException("camera server " + base + " is not streaming (/streams/status: "
                    + "streaming=" + status.streaming() + "); start the camera's pipeline and try again");
        }
        RssCalibration calib = getJson(base, "/streams/calib", RssCalibration.class);
        Pinhole colourCamera = pinhole(calib.colorIntrinsics(), "color_intrinsics");
        double metresPerUnit = depthScale(calib);
        boolean serverAligned = Boolean.TRUE.equals(calib.depthAlignedToColor());
        Pinhole depthCamera = serverAligned ? colourCamera : pinhole(calib.depthIntrinsics(), "depth_intrinsics");

        Map<String, Object> info = new LinkedHashMap<>();
        info.put("rss_url", base.toString());
        info.put("device_name", status.name());
        info.put("serial_number", status.serialNumber());
        info.put("frame_number", status.frameNumber());
        info.put("camera_timestamp_ms", status.timestampMs());
        info.put("captured_at", Instant.now().toString());

        ColourImage colour = colour(base, colourCamera);
        info.put("color_source", colour.source());
        info.put("color_resolution", List.of(colourCamera.width(), colourCamera.height()));
        int[] depth = rawDepth(base, depthCamera);
        info.put("depth_resolution", List.of(depthCamera.width(), depthCamera.height()));
        info.put("depth_scale_m", metresPerUnit);

        if (serverAligned) {
            info.put("aligned", "by_camera_server");
        } else if (alignColor) {
            depth = DepthToColorAligner.align(depth, depthCamera, extrinsic(calib, true), extrinsic(calib, false),
                    metresPerUnit, colourCamera);
            info.put("aligned", "by_main_server");
        } else {
            if (depthCamera.width() != colourCamera.width() || depthCamera.height() != colourCamera.height()) {
                throw new CameraUnavailableException("camera server " + base + " sends depth of "
                        + depthCamera.width() + "x" + depthCamera.height() + " but colour of " + colourCamera.width()
                        + "x" + colourCamera.height() + " and does not align them; set align_color to true");
            }
            info.put("aligned", "no");
        }
        List<String> distortion = distortionNotes(calib);
        if (!distortion.isEmpty()) {
            info.put("warnings", distortion);
        }

        FrameInput frame = frameInput(colour.image(), depth, colourCamera, metresPerUnit);
        log.info("captured frame {} from {} ({}x{}, colour {}, depth aligned: {})", status.frameNumber(), base,
                colourCamera.width(), colourCamera.height(), colour.source(), info.get("aligned"));
        return new CapturedFrame(frame, info);
    }

    /** PNG colour, 16-bit PNG depth in the camera's raw units, cam_K, BOP depth_scale (mm per unit). */
    private static FrameInput frameInput(RgbImage colour, int[] depthRaw, Pinhole camera, double metresPerUnit) {
        double bopDepthScale = metresPerUnit * 1000.0; // BOP: raw x depth_scale = millimetres
        float[] mm = new float[depthRaw.length];
        for (int i = 0; i < depthRaw.length; i++) {
            mm[i] = (float) (depthRaw[i] * bopDepthScale);
        }
        byte[] depthPng = ImageFiles.encodeDepthPng(new DepthImage(camera.width(), camera.height(), mm),
                bopDepthScale);
        List<Double> camK = List.of(camera.fx(), 0.0, camera.ppx(), 0.0, camera.fy(), camera.ppy(), 0.0, 0.0, 1.0);
        Base64.Encoder b64 = Base64.getEncoder();
        return new FrameInput(b64.encodeToString(ImageFiles.encodeRgbPng(colour)), b64.encodeToString(depthPng), camK,
                bopDepthScale);
    }

    /**
     * The camera server's base URL as a URI: absolute http(s) with a host, no credentials, query or fragment, and
     * a host in {@code sam6d.rss.allowed-hosts} when that is set.
     *
     * @throws CameraUnavailableException naming what is wrong with it
     */
    public URI checkBaseUrl(String baseUrl) {
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new CameraUnavailableException("rss_url is empty; give the camera server's base URL, e.g. "
                    + "http://camera-host:8080");
        }
        URI uri;
        try {
            uri = new URI(baseUrl.trim());
        } catch (URISyntaxException e) {
            throw new CameraUnavailableException("rss_url is not a valid URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new CameraUnavailableException("rss_url must be an http:// or https:// URL with a host, got "
                    + baseUrl);
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new CameraUnavailableException("rss_url must be a plain base URL (no credentials, query or "
                    + "fragment), got " + baseUrl);
        }
        if (!settings.allowedHosts().isEmpty()) {
            String host = uri.getHost().toLowerCase(Locale.ROOT);
            String hostPort = host + ":" + uri.getPort();
            boolean allowed = settings.allowedHosts().stream().map(h -> h.toLowerCase(Locale.ROOT))
                    .anyMatch(h -> h.equals(host) || h.equals(hostPort));
            if (!allowed) {
                throw new CameraUnavailableException("rss_url host " + uri.getHost() + " is not among the allowed "
                        + "camera hosts (RSS_ALLOWED_HOSTS)");
            }
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return URI.create(scheme + "://" + uri.getRawAuthority() + path);
    }

    private record ColourImage(RgbImage image, String source) {
    }

    /** JPEG when the server has it; otherwise (absent, failing or undecodable) raw RGB8. */
    private ColourImage colour(URI base, Pinhole camera) {
        String jpegProblem;
        try {
            HttpResponse<byte[]> r = get(base, "/streams/color_jpeg");
            if (r.statusCode() == 200) {
                RgbImage img = ImageFiles.decodeRgb(r.body());
                if (img.width() == camera.width() && img.height() == camera.height()) {
                    return new ColourImage(img, "color_jpeg");
                }
                jpegProblem = "JPEG is " + img.width() + "x" + img.height() + ", calibration says "
                        + camera.width() + "x" + camera.height();
            } else {
                jpegProblem = "HTTP " + r.statusCode();
            }
        } catch (CameraUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            jpegProblem = e.getMessage();
        }
        log.debug("colour JPEG not usable from {} ({}); reading color_raw", base, jpegProblem);
        byte[] raw = getBytes(base, "/streams/color_raw", camera.width(), camera.height(), 3, "RGB8 colour");
        return new ColourImage(new RgbImage(camera.width(), camera.height(), raw), "color_raw");
    }

    private int[] rawDepth(URI base, Pinhole camera) {
        byte[] bytes = getBytes(base, "/streams/depth_raw", camera.width(), camera.height(), 2, "uint16 depth");
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int[] raw = new int[camera.width() * camera.height()];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = Short.toUnsignedInt(buf.getShort());
        }
        return raw;
    }

    /** A raw image of exactly width x height x bytesPerPixel bytes; X-Width/X-Height headers must agree if sent. */
    private byte[] getBytes(URI base, String path, int width, int height, int bytesPerPixel, String what) {
        HttpResponse<byte[]> r = get(base, path);
        requireOk(base, path, r);
        for (String[] h : new String[][] {{"X-Width", String.valueOf(width)}, {"X-Height", String.valueOf(height)}}) {
            Optional<String> sent = r.headers().firstValue(h[0]);
            if (sent.isPresent() && !sent.get().trim().equals(h[1])) {
                throw new CameraUnavailableException("camera server " + base + path + " sends " + h[0] + ": "
                        + sent.get() + " but the calibration says " + width + "x" + height);
            }
        }
        long expected = (long) width * height * bytesPerPixel;
        if (r.body().length != expected) {
            throw new CameraUnavailableException("camera server " + base + path + " sent " + r.body().length
                    + " bytes; " + width + "x" + height + " " + what + " needs " + expected);
        }
        return r.body();
    }

    private <T> T getJson(URI base, String path, Class<T> type) {
        HttpResponse<byte[]> r = get(base, path);
        requireOk(base, path, r);
        try {
            return json.readValue(r.body(), type);
        } catch (IOException e) {
            throw new CameraUnavailableException("camera server " + base + path + " did not send the expected JSON: "
                    + e.getMessage(), e);
        }
    }

    private HttpResponse<byte[]> get(URI base, String path) {
        URI uri = URI.create(base + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpConnectTimeoutException e) {
            throw new CameraUnavailableException("camera server " + base + " is unreachable (no connection within "
                    + settings.connectTimeout().toMillis() + " ms)", e);
        } catch (HttpTimeoutException e) {
            throw new CameraUnavailableException("camera server " + base + " did not answer " + path + " within "
                    + settings.timeout().toMillis() + " ms", e);
        } catch (ConnectException e) {
            throw new CameraUnavailableException("camera server " + base + " is unreachable (connection refused "
                    + "or no route): " + e, e);
        } catch (IOException e) {
            throw new CameraUnavailableException("camera server " + base + " failed on " + path + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CameraUnavailableException("interrupted while reading " + uri, e);
        }
    }

    private static void requireOk(URI base, String path, HttpResponse<byte[]> r) {
        if (r.statusCode() != 200) {
            String body = new String(r.body(), 0, Math.min(r.body().length, 200),
                    java.nio.charset.StandardCharsets.UTF_8).trim();
            throw new CameraUnavailableException("camera server " + base + path + " answered HTTP " + r.statusCode()
                    + (body.isEmpty() ? "" : ": " + body));
        }
    }

    private static Pinhole pinhole(RssCalibration.Intrinsics in, String field) {
        if (in == null || in.width() == null || in.height() == null || in.fx() == null || in.fy() == null
                || in.ppx() == null || in.ppy() == null) {
            throw new CameraUnavailableException("/streams/calib lacks " + field
                    + " (width, height, fx, fy, ppx, ppy)");
        }
        try {
            return new Pinhole(in.width(), in.height(), in.fx(), in.fy(), in.ppx(), in.ppy());
        } catch (IllegalArgumentException e) {
            throw new CameraUnavailableException("/streams/calib " + field + ": " + e.getMessage());
        }
    }

    private static double depthScale(RssCalibration calib) {
        Double s = calib.depthScale();
        if (s == null || !(s > 0) || !Double.isFinite(s) || s > 1) {
            throw new CameraUnavailableException("/streams/calib depth_scale must be metres per depth unit "
                    + "(0 < depth_scale <= 1, e.g. 0.001), got " + s);
        }
        return s;
    }

    /** The rotation (column-major, 9) or the translation (metres, 3) from depth to colour. */
    private static double[] extrinsic(RssCalibration calib, boolean rotation) {
        RssCalibration.Extrinsics e = calib.depthToColorExtrinsics();
        List<Double> values = e == null ? null : rotation ? e.rotation() : e.translation();
        int n = rotation ? 9 : 3;
        if (values == null || values.size() != n || values.stream().anyMatch(v -> v == null || !Double.isFinite(v))) {
            throw new CameraUnavailableException("/streams/calib depth_to_color_extrinsics needs "
                    + (rotation ? "rotation (9 numbers, column-major)" : "translation (3 numbers, metres)")
                    + " to align depth to colour");
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static List<String> distortionNotes(RssCalibration calib) {
        RssCalibration.Intrinsics c = calib.colorIntrinsics();
        if (c.coeffs() != null && c.coeffs().stream().anyMatch(v -> v != null && Math.abs(v) > 1e-9)) {
            return List.of("colour distortion (" + c.model() + ") is not corrected; poses assume a pinhole camera");
        }
        return List.of();
    }
}
