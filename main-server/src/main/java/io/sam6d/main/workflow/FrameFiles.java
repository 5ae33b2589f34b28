package io.sam6d.main.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam6d.main.jobs.JobInputFiles;
import io.sam6d.support.frames.FrameDecoder;
import org.springframework.stereotype.Component;

/**
 * A frame sent in a request body (Base64 {@code images}) becomes files of the job, {@code static/jobs/<job_id>/}:
 * {@code rgb.png} (or {@code .jpg}), {@code depth.png} and {@code camera.json}, and the stored request names them as
 * {@code input_images}. The job row then holds paths, not megabytes of Base64, and a retried job reads the same
 * files. Works on the JSON tree, so every other field of the request is kept as sent.
 */
@Component
class FrameFiles {

    private final JobInputFiles files;
    private final ObjectMapper json;

    FrameFiles(JobInputFiles files, ObjectMapper json) {
        this.files = files;
        this.json = json;
    }

    /** A full-pipeline request as its job stores it. */
    JsonNode fullPipeline(Object request, String jobId) {
        ObjectNode node = json.valueToTree(request);
        toFiles(node, jobId, "");
        return node;
    }

    /** A batch as its job stores it: item i's frame goes to {@code item_<i>/}. */
    JsonNode batch(Object request, String jobId) {
        ObjectNode node = json.valueToTree(request);
        JsonNode items = node.path("items");
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof ObjectNode item) {
                toFiles(item, jobId, "item_" + i + "/");
            }
        }
        return node;
    }

    private void toFiles(ObjectNode request, String jobId, String sub) {
        JsonNode images = request.get("images");
        if (images == null || !images.isObject()) {
            return;
        }
        byte[] rgb = FrameDecoder.base64("images.rgb_image", images.path("rgb_image").asText(null));
        byte[] depth = FrameDecoder.base64("images.depth_image", images.path("depth_image").asText(null));
        boolean jpeg = rgb.length > 2 && (rgb[0] & 0xff) == 0xff && (rgb[1] & 0xff) == 0xd8;
        String rgbName = sub + (jpeg ? "rgb.jpg" : "rgb.png");
        ObjectNode camera = json.createObjectNode();
        camera.set("cam_K", images.get("cam_K"));
        camera.set("depth_scale", images.get("depth_scale"));
        Path dir = files.folder(jobId);
        try {
            Files.createDirectories(dir.resolve(sub.isEmpty() ? "." : sub));
            Files.write(dir.resolve(rgbName), rgb);
            Files.write(dir.resolve(sub + "depth.png"), depth);
            json.writeValue(dir.resolve(sub + "camera.json").toFile(), camera);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the job's frame under " + dir, e);
        }
        ObjectNode paths = json.createObjectNode();
        paths.put("rgb_path", files.requestPath(jobId, rgbName));
        paths.put("depth_path", files.requestPath(jobId, sub + "depth.png"));
        paths.put("camera_path", files.requestPath(jobId, sub + "camera.json"));
        request.remove("images");
        request.set("input_images", paths);
    }
}
