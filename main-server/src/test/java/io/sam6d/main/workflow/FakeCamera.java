package io.sam6d.main.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.sam6d.main.rss.CameraFrameSource;
import io.sam6d.main.rss.CameraUnavailableException;
import io.sam6d.main.rss.CapturedFrame;
import io.sam6d.model.frame.FrameInput;

/**
 * A camera frame source that hands out the LM-O frame (the real HTTP camera fixture belongs to the RSS ingestion's
 * own tests). A URL ending in {@code /flaky} fails every second capture, as a camera that drops frames.
 */
final class FakeCamera implements CameraFrameSource {

    private final Path staticDir;
    private final AtomicInteger captures = new AtomicInteger();

    FakeCamera(Path staticDir) {
        this.staticDir = staticDir;
    }

    @Override
    public CapturedFrame capture(String baseUrl, boolean alignColor) {
        int n = captures.incrementAndGet();
        if (baseUrl.endsWith("/flaky") && n % 2 == 0) {
            throw new CameraUnavailableException("the camera at " + baseUrl + " sent no depth frame");
        }
        try {
            FrameInput frame = new FrameInput(
                    Base64.getEncoder().encodeToString(Files.readAllBytes(staticDir.resolve("input/rgb.png"))),
                    Base64.getEncoder().encodeToString(Files.readAllBytes(staticDir.resolve("input/depth.png"))),
                    List.of(572.4114, 0.0, 325.2611, 0.0, 573.57043, 242.04899, 0.0, 0.0, 1.0), 1.0);
            return new CapturedFrame(frame, Map.of("serial", "fake-" + n, "aligned", alignColor));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
