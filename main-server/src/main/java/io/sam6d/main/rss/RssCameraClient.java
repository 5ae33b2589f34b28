package io.sam6d.main.rss;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
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
import org.springframework.beans.factory.annotation.Value;
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
    private final RssUrlPolicy urls;
    private final long maxPixels;
    private final ObjectMapper json;
    private final HttpClient http;

    /** @param maxPixels most pixels a camera image may have ({@code MAX_IMAGE_PIXELS}) */
    RssCameraClient(RssSettings settings, RssUrlPolicy urls, @Value("${sam6d.max-image-pixels}") long maxPixels) {
        this.settings = settings;
        this.urls = urls;
        this.maxPixels = maxPixels;
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
     * The camera server's base URL, checked by the {@link RssUrlPolicy}.
     *
     * @throws CameraUnavailableException naming what is wrong with it
     */
    public URI checkBaseUrl(String baseUrl) {
        try {
            return urls.check(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new CameraUnavailableException(e.getMessage());
        }
    }

    private record ColourImage(RgbImage image, String source) {
    }

    /** JPEG when the server has it; otherwise (absent, failing or undecodable) raw RGB8. */
    private ColourImage colour(URI base, Pinhole camera) {
        String jpegProblem;
        try {
            // a JPEG larger than the raw image it encodes is not a camera frame
            HttpResponse<byte[]> r = get(base, "/streams/color_jpeg", (long) camera.width() * camera.height() * 3);
            if (r.statusCode() == 200) {
                RgbImage img = ImageFiles.decodeRgb(r.body(), maxPixels);
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
        long expected = (long) width * height * bytesPerPixel;
        HttpResponse<byte[]> r = get(base, path, expected);
        requireOk(base, path, r);
        for (String[] h : new String[][] {{"X-Width", String.valueOf(width)}, {"X-Height", String.valueOf(height)}}) {
            Optional<String> sent = r.headers().firstValue(h[0]);
            if (sent.isPresent() && !sent.get().trim().equals(h[1])) {
                throw new CameraUnavailableException("camera server " + base + path + " sends " + h[0] + ": "
                        + sent.get() + " but the calibration says " + width + "x" + height);
            }
        }
        if (r.body().length != expected) {
            throw new CameraUnavailableException("camera server " + base + path + " sent " + r.body().length
                    + " bytes; " + width + "x" + height + " " + what + " needs " + expected);
        }
        return r.body();
    }

    private <T> T getJson(URI base, String path, Class<T> type) {
        HttpResponse<byte[]> r = get(base, path, settings.maxJsonBytes());
        requireOk(base, path, r);
        try {
            return json.readValue(r.body(), type);
        } catch (IOException e) {
            // the parser's own message quotes the body: say where it went wrong instead
            String where = e instanceof MismatchedInputException m && !m.getPath().isEmpty()
                    ? ": field " + m.getPath().stream().map(ref -> ref.getFieldName() != null ? ref.getFieldName()
                            : "[" + ref.getIndex() + "]").collect(Collectors.joining(".")).replace(".[", "[")
                            + " has a value of the wrong type"
                    : e instanceof JsonProcessingException j && j.getLocation() != null
                            ? ": not valid JSON at line " + j.getLocation().getLineNr() + ", column "
                                    + j.getLocation().getColumnNr()
                            : "";
            throw new CameraUnavailableException("camera server " + base + path + " did not send the expected JSON"
                    + where, e);
        }
    }

    /**
     * One GET with an overall deadline ({@code RSS_TIMEOUT}: headers and body together, so a camera that stops
     * mid-body cannot hold a job) and a size limit: a body larger than {@code maxBytes} is cut off and refused.
     */
    private HttpResponse<byte[]> get(URI base, String path, long maxBytes) {
        URI uri = URI.create(base + path);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET().build();
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, info -> new LimitedBody(maxBytes,
                info.headers().firstValueAsLong("Content-Length").orElse(-1)));
        try {
            return answer.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            answer.cancel(true);
            throw new CameraUnavailableException("camera server " + base + " did not answer " + path + " within "
                    + settings.timeout().toMillis() + " ms (RSS_TIMEOUT)", e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw new CameraUnavailableException("interrupted while reading " + uri, e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof BodyTooLargeException) {
                throw new CameraUnavailableException("camera server " + base + path + " sent more than " + maxBytes
                        + " bytes, more than this endpoint's answer can be", cause);
            }
            if (cause instanceof HttpConnectTimeoutException) {
                throw new CameraUnavailableException("camera server " + base + " is unreachable (no connection "
                        + "within " + settings.connectTimeout().toMillis() + " ms)", cause);
            }
            if (cause instanceof HttpTimeoutException) {
                throw new CameraUnavailableException("camera server " + base + " did not answer " + path + " within "
                        + settings.timeout().toMillis() + " ms (RSS_TIMEOUT)", cause);
            }
            if (cause instanceof ConnectException) {
                throw new CameraUnavailableException("camera server " + base + " is unreachable (connection refused "
                        + "or no route)", cause);
            }
            throw new CameraUnavailableException("camera server " + base + " failed on " + path + ": "
                    + cause.getClass().getSimpleName(), cause);
        }
    }

    /** The camera's error body is not repeated: it may say anything, and it is not the camera's API. */
    private static void requireOk(URI base, String path, HttpResponse<byte[]> r) {
        if (r.statusCode() != 200) {
            throw new CameraUnavailableException("camera server " + base + path + " answered HTTP "
                    + r.statusCode());
        }
    }

    /** A response body read into memory up to a limit; more is refused (the transfer is cancelled). */
    private static final class LimitedBody implements HttpResponse.BodySubscriber<byte[]> {
        private final long maxBytes;
        private final long declared;
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private ByteArrayOutputStream out;
        private Flow.Subscription subscription;

        LimitedBody(long maxBytes, long declared) {
            this.maxBytes = maxBytes;
            this.declared = declared;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (declared > maxBytes) {
                s.cancel();
                result.completeExceptionally(new BodyTooLargeException());
                return;
            }
            out = new ByteArrayOutputStream((int) Math.min(maxBytes, declared > 0 ? declared : 64 * 1024));
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer b : items) {
                if (out.size() + (long) b.remaining() > maxBytes) {
                    subscription.cancel();
                    result.completeExceptionally(new BodyTooLargeException());
                    return;
                }
                byte[] chunk = new byte[b.remaining()];
                b.get(chunk);
                out.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable t) {
            result.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            result.complete(out == null ? new byte[0] : out.toByteArray());
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }
    }

    private static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("response body too large");
        }
    }

    private Pinhole pinhole(RssCalibration.Intrinsics in, String field) {
        if (in == null || in.width() == null || in.height() == null || in.fx() == null || in.fy() == null
                || in.ppx() == null || in.ppy() == null) {
            throw new CameraUnavailableException("/streams/calib lacks " + field
                    + " (width, height, fx, fy, ppx, ppy)");
        }
        if ((long) in.width() * in.height() > maxPixels) {
            throw new CameraUnavailableException("/streams/calib " + field + " is " + in.width() + "x" + in.height()
                    + ", more than the " + maxPixels + " pixels accepted (MAX_IMAGE_PIXELS)");
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
