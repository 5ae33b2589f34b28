package io.sam6d.main.rss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import io.sam6d.model.frame.FrameInput;
import io.sam6d.support.fixtures.RealSenseFixtureServer;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import org.junit.jupiter.api.Test;

/** The RSS client against the RealSense-like fixture server over real HTTP, with recorded frames. */
class RssCameraClientTests {

    static final long MAX_PIXELS = 16_777_216;

    final RssCameraClient client = client(Duration.ofSeconds(10));

    static RssCameraClient client(Duration timeout) {
        return new RssCameraClient(new RssSettings(Duration.ofSeconds(1), timeout, List.of(), 0),
                RssUrlPolicy.anyHost(), MAX_PIXELS);
    }

    @Test
    void ycbvFrameArrivesWithColourIntrinsicsAndBopDepthScale() {
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.ycbv(1, 1).start()) {
            CapturedFrame captured = client.capture(camera.baseUrl(), false);
            FrameInput frame = captured.frame();
            assertThat(frame.depthScale()).isEqualTo(0.1, offset(1e-9));
            double[] k = camera.camK();
            assertThat(frame.camK()).containsExactly(k[0], 0.0, k[2], 0.0, k[4], k[5], 0.0, 0.0, 1.0);
            assertThat(depthRaw(frame)).isEqualTo(camera.alignedDepthRaw());
            RgbImage rgb = ImageFiles.decodeRgb(Base64.getDecoder().decode(frame.rgbImage()));
            assertThat(rgb.width()).isEqualTo(camera.width());
            assertThat(rgb.height()).isEqualTo(camera.height());
            assertThat(captured.captureInfo()).containsEntry("color_source", "color_jpeg")
                    .containsEntry("serial_number", "FIXTURE-ycbv-1-1").containsEntry("aligned", "no");
            assertThat(camera.hits("/streams/color_raw")).isZero();
        }
    }

    @Test
    void withoutJpegTheRawColourIsUsedExactly() {
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.lmo().withoutJpeg().start()) {
            CapturedFrame captured = client.capture(camera.baseUrl() + "/", false);
            assertThat(captured.captureInfo()).containsEntry("color_source", "color_raw");
            assertThat(captured.frame().depthScale()).isEqualTo(1.0, offset(1e-9));
            RgbImage rgb = ImageFiles.decodeRgb(Base64.getDecoder().decode(captured.frame().rgbImage()));
            RgbImage recorded = ImageFiles.readRgb(Path.of(System.getProperty("sam6d.shared.dir"))
                    .resolve("data/lmo_example/rgb.png"));
            assertThat(rgb.rgb()).isEqualTo(recorded.rgb());
            assertThat(depthRaw(captured.frame())).isEqualTo(camera.alignedDepthRaw());
        }
    }

    @Test
    void depthFromASeparateCameraIsAlignedBackOntoTheColourImage() {
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.ycbv(1, 1).separateDepthCamera().start()) {
            CapturedFrame captured = client.capture(camera.baseUrl(), true);
            assertThat(captured.captureInfo()).containsEntry("aligned", "by_main_server");
            int[] aligned = depthRaw(captured.frame());
            int[] truth = camera.alignedDepthRaw();
            int valid = 0, close = 0, misplaced = 0;
            for (int i = 0; i < truth.length; i++) {
                if (truth[i] > 0) {
                    valid++;
                    // within 10 mm (100 units of 0.1 mm); resampling twice costs a little at edges
                    if (aligned[i] > 0 && Math.abs(aligned[i] - truth[i]) <= 100) {
                        close++;
                    }
                } else if (aligned[i] > 0) {
                    misplaced++;
                }
            }
            assertThat((double) close / valid).isGreaterThan(0.9);
            assertThat((double) misplaced / truth.length).isLessThan(0.02);

            CapturedFrame unaligned = client.capture(camera.baseUrl(), false);
            int[] raw = depthRaw(unaligned.frame());
            int rawClose = 0;
            for (int i = 0; i < truth.length; i++) {
                if (truth[i] > 0 && raw[i] > 0 && Math.abs(raw[i] - truth[i]) <= 100) {
                    rawClose++;
                }
            }
            assertThat(rawClose).as("the unaligned depth really is in another camera").isLessThan(close * 9 / 10);
        }
    }

    @Test
    void depthAlignedByTheCameraServerIsNotAlignedAgain() {
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.lmo().alignedByServer().start()) {
            CapturedFrame captured = client.capture(camera.baseUrl(), true);
            assertThat(captured.captureInfo()).containsEntry("aligned", "by_camera_server");
            assertThat(depthRaw(captured.frame())).isEqualTo(camera.alignedDepthRaw());
        }
    }

    @Test
    void notStreamingIsReportedAsSuch() {
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.ycbv(1, 1).notStreaming().start()) {
            assertThatThrownBy(() -> client.capture(camera.baseUrl(), false))
                    .isInstanceOf(CameraUnavailableException.class).hasMessageContaining("not streaming");
        }
    }

    @Test
    void wrongByteCountIsReported() {
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.ycbv(1, 1).truncatedDepth().start()) {
            assertThatThrownBy(() -> client.capture(camera.baseUrl(), false))
                    .isInstanceOf(CameraUnavailableException.class).hasMessageContaining("/streams/depth_raw sent")
                    .hasMessageContaining("needs " + 640 * 480 * 2);
        }
    }

    @Test
    void httpErrorsNameTheEndpointAndStatus() {
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.ycbv(1, 1).start()) {
            assertThatThrownBy(() -> client.capture(camera.baseUrl() + "/not-a-camera", false))
                    .isInstanceOf(CameraUnavailableException.class)
                    .hasMessageContaining("/not-a-camera/streams/status answered HTTP 404");
        }
    }

    @Test
    void unreachableServerIsReported() {
        String url;
        try (RealSenseFixtureServer camera = RealSenseFixtureServer.ycbv(1, 1).start()) {
            url = camera.baseUrl();
        }
        assertThatThrownBy(() -> client.capture(url, false)).isInstanceOf(CameraUnavailableException.class)
                .hasMessageContaining("unreachable");
    }

    @Test
    void aServerThatNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50,
                InetAddress.getLoopbackAddress())) {
            RssCameraClient impatient = client(Duration.ofMillis(300));
            assertThatThrownBy(() -> impatient.capture("http://127.0.0.1:" + silent.getLocalPort(), false))
                    .isInstanceOf(CameraUnavailableException.class)
                    .hasMessageContaining("did not answer /streams/status within 300 ms");
        }
    }

    @Test
    void badBaseUrlsAreRefusedBeforeAnyRequest() {
        for (String bad : List.of("", "camera:8080", "ftp://camera/", "http://user:pw@camera/", "http://camera/?x=1",
                "http:///streams")) {
            assertThatThrownBy(() -> client.capture(bad, false)).as(bad)
                    .isInstanceOf(CameraUnavailableException.class).hasMessageContaining("rss_url");
        }
        RssCameraClient restricted = new RssCameraClient(new RssSettings(Duration.ofSeconds(1),
                Duration.ofSeconds(1), List.of(), 0), new RssUrlPolicy(List.of("camera-1", "cam2:9000"), true),
                MAX_PIXELS);
        assertThat(restricted.checkBaseUrl("http://CAMERA-1:8080/").toString()).isEqualTo("http://CAMERA-1:8080");
        assertThat(restricted.checkBaseUrl("http://cam2:9000").toString()).isEqualTo("http://cam2:9000");
        assertThatThrownBy(() -> restricted.checkBaseUrl("http://cam2:9001"))
                .hasMessageContaining("not among the allowed camera hosts");
    }

    @Test
    void productionReachesOnlyListedCameraHosts() {
        assertThatThrownBy(() -> new RssUrlPolicy(List.of(), true).check("http://camera-1:8080"))
                .hasMessageContaining("RSS_ALLOWED_HOSTS");
        assertThat(new RssUrlPolicy(List.of("*"), true).check("http://anything:1/").toString())
                .isEqualTo("http://anything:1");
        assertThat(new RssUrlPolicy(List.of(), false).check("http://localhost:8080").toString())
                .isEqualTo("http://localhost:8080");
        assertThat(new RssUrlPolicy(List.of("camera-1:80"), true).check("http://camera-1/rs").toString())
                .isEqualTo("http://camera-1/rs");
    }

    @Test
    void aCameraThatStopsMidBodyIsGivenUpOnAtTheDeadline() throws Exception {
        try (StubCamera camera = new StubCamera(ex -> {
            ex.sendResponseHeaders(200, 1000);
            ex.getResponseBody().write("{\"streaming\": ".getBytes());
            ex.getResponseBody().flush();
            Thread.sleep(10_000);
        })) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client(Duration.ofMillis(500)).capture(camera.url(), false))
                    .isInstanceOf(CameraUnavailableException.class)
                    .hasMessageContaining("did not answer /streams/status within 500 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void aBodyLargerThanTheEndpointsAnswerCanBeIsCutOff() throws Exception {
        try (StubCamera camera = new StubCamera(ex -> {
            ex.sendResponseHeaders(200, 0); // chunked: no length announced
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            for (int i = 0; i < 64; i++) {
                ex.getResponseBody().write(chunk);
            }
        })) {
            assertThatThrownBy(() -> client.capture(camera.url(), false))
                    .isInstanceOf(CameraUnavailableException.class).hasMessageContaining("sent more than");
        }
    }

    @Test
    void errorsNameTheFailureWithoutRepeatingWhatTheCameraSent() throws Exception {
        String secret = "root:x:0:0:SECRET-FROM-THE-HOST";
        try (StubCamera failing = new StubCamera(ex -> {
            byte[] body = secret.getBytes();
            ex.sendResponseHeaders(500, body.length);
            ex.getResponseBody().write(body);
        })) {
            assertThatThrownBy(() -> client.capture(failing.url(), false))
                    .isInstanceOf(CameraUnavailableException.class).hasMessageContaining("answered HTTP 500")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET"));
        }
        try (StubCamera notJson = new StubCamera(ex -> {
            byte[] body = secret.getBytes();
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
        })) {
            assertThatThrownBy(() -> client.capture(notJson.url(), false))
                    .isInstanceOf(CameraUnavailableException.class).hasMessageContaining("expected JSON")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("SECRET").doesNotContain("root"));
        }
    }

    /** A camera server that answers every request with one handler. */
    private static final class StubCamera implements AutoCloseable {
        interface Handler {
            void handle(com.sun.net.httpserver.HttpExchange ex) throws Exception;
        }

        private final com.sun.net.httpserver.HttpServer server;

        StubCamera(Handler handler) throws java.io.IOException {
            server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 10);
            server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
            server.createContext("/", ex -> {
                try (ex) {
                    handler.handle(ex);
                } catch (Exception e) {
                    // the client went away
                }
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }

    private static int[] depthRaw(FrameInput frame) {
        return ImageFiles.decodeLabels(Base64.getDecoder().decode(frame.depthImage()), null);
    }
}
