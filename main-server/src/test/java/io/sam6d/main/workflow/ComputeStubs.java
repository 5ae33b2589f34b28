package io.sam6d.main.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam6d.main.StubHttpServer;
import io.sam6d.main.StubHttpServer.Reply;
import io.sam6d.model.ism.DetectionDto;
import io.sam6d.model.ism.RleMask;
import io.sam6d.model.ism.SegmentResponse;
import io.sam6d.model.pem.EstimateResponse;
import io.sam6d.model.pem.PoseEstimateDto;
import io.sam6d.model.render.RenderJobStatus;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.io.Npy;

/**
 * ISM, PEM and render servers as real HTTP stubs answering in the servers' JSON shapes. What ISM does depends on the
 * object asked for: {@code block*} waits for {@link #gate}, {@code bad*} answers 400 naming {@code rgb_image},
 * {@code down*} answers 503, {@code none*} finds nothing, anything else is found once. Render writes real template
 * files into static/templates/ when its job is polled, as render-server does.
 */
final class ComputeStubs implements AutoCloseable {

    static final String TOKEN = "test-internal-token";

    final StubHttpServer ism = new StubHttpServer();
    final StubHttpServer pem = new StubHttpServer();
    final StubHttpServer render = new StubHttpServer();
    /** Opened by tests that hold ISM calls of {@code block*} objects. */
    volatile CountDownLatch gate = new CountDownLatch(0);
    private final Map<String, String> renderJobs = new java.util.concurrent.ConcurrentHashMap<>();

    ComputeStubs(Path staticDir) {
        for (StubHttpServer server : List.of(ism, pem, render)) {
            server.route("/actuator/health", c -> Reply.ok(Map.of("status", "UP")));
        }
        ism.route("/api/v1/ism/segment", this::segment);
        pem.route("/api/v1/pem/estimate", this::estimate);
        render.route("/api/v1/render/templates", c -> {
            String id = UUID.randomUUID().toString();
            String key = c.body().get("class_name").asText() + "/" + c.body().get("object_name").asText();
            renderJobs.put(id, key);
            return new Reply(202, renderStatus(id, key, "pending"));
        });
        render.route("/api/v1/render/jobs/", c -> {
            String id = c.path().substring("/api/v1/render/jobs/".length());
            String key = renderJobs.get(id);
            if (key == null) {
                return Reply.problem(404, "job_id", "no render job " + id);
            }
            writeTemplates(staticDir.resolve("templates").resolve(key));
            return Reply.ok(renderStatus(id, key, "completed"));
        });
    }

    private Reply segment(StubHttpServer.Call c) throws InterruptedException {
        List<String> objects = new ArrayList<>();
        JsonNode b = c.body();
        if (b.hasNonNull("object_name")) {
            objects.add(b.get("object_name").asText());
        }
        b.path("object_names").forEach(n -> objects.add(n.asText()));
        List<DetectionDto> detections = new ArrayList<>();
        for (String o : objects) {
            if (o.startsWith("block") && !gate.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
            if (o.startsWith("bad")) {
                return Reply.problem(400, "rgb_image", "rgb_image is not a PNG or JPEG image");
            }
            if (o.startsWith("down")) {
                return new Reply(503, Map.of("title", "Service unavailable", "detail", "model still loading"));
            }
            if (!o.startsWith("none")) {
                detections.add(detection(o));
            }
        }
        return Reply.ok(new SegmentResponse(detections, List.of(), false, "stub", 5));
    }

    private Reply estimate(StubHttpServer.Call c) {
        List<PoseEstimateDto> poses = new ArrayList<>();
        JsonNode detections = c.body().get("detections");
        for (int i = 0; i < detections.size(); i++) {
            poses.add(new PoseEstimateDto(i, detections.get(i).get("object_name").asText(),
                    List.of(List.of(1.0, 0.0, 0.0), List.of(0.0, 1.0, 0.0), List.of(0.0, 0.0, 1.0)),
                    List.of(10.0, -20.0, 900.0), 0.87, null, null));
        }
        return Reply.ok(new EstimateResponse(poses, List.of(), "stub", 7));
    }

    /** A detection with a 100x150 rectangle mask in the 640x480 LM-O frame. */
    static DetectionDto detection(String objectName) {
        boolean[] bits = new boolean[640 * 480];
        for (int y = 150; y < 300; y++) {
            for (int x = 200; x < 300; x++) {
                bits[y * 640 + x] = true;
            }
        }
        return new DetectionDto(objectName, 0.93, List.of(200, 150, 100, 150),
                new RleMask(new Mask(640, 480, bits).toCocoRle(), List.of(480, 640)), List.of(), null);
    }

    private static RenderJobStatus renderStatus(String id, String key, String state) {
        String[] parts = key.split("/");
        boolean done = state.equals("completed");
        return new RenderJobStatus(id, state, done ? 100 : 0, parts[0], parts[1], "static/templates/" + key, false,
                done ? 1 : 0, null, Instant.now(), Instant.now(), done ? Instant.now() : null);
    }

    /** One complete template view (mask, rgb, xyz) of 8x8 pixels. */
    static void writeTemplates(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        boolean[] mask = new boolean[64];
        mask[27] = true;
        ImageFiles.write(dir.resolve("mask_0.png"), ImageFiles.encodeMaskPng(mask, 8, 8));
        ImageFiles.write(dir.resolve("rgb_0.png"), ImageFiles.encodeRgbPng(RgbImage.blank(8, 8)));
        Npy.writeFloat32(dir.resolve("xyz_0.npy"), new float[8 * 8 * 3], 8, 8, 3);
    }

    /** Calls to a stub that asked about one object (ISM: object_name; PEM: its detections'). */
    static long callsFor(StubHttpServer server, String objectName) {
        return server.calls().stream().filter(c -> c.body() != null && c.body().toString()
                .contains("\"object_name\":\"" + objectName + "\"")).count();
    }

    @Override
    public void close() {
        ism.close();
        pem.close();
        render.close();
    }
}
