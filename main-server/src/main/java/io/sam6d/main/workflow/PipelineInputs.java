package io.sam6d.main.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;

import io.sam6d.main.objects.ObjectCatalog;
import io.sam6d.model.frame.FrameInput;
import io.sam6d.model.workflow.FullPipelineRequest;
import io.sam6d.model.workflow.InputImages;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.frames.FrameDecoder;
import io.sam6d.support.web.ApiException;
import io.sam6d.vision.io.CameraFile;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Checks workflow requests (400 naming the field, 404 for an unknown class or object) and loads their frames. Used at
 * submit time, so a bad request never becomes a job, and again when a job runs, since files and objects may have
 * changed meanwhile. Fields inside a batch item are named with their item, e.g. {@code items[2].object_name}.
 */
@Component
class PipelineInputs {

    private final ObjectCatalog catalog;
    private final StaticDirectory staticDir;
    private final OutputFolders folders;
    private final FrameDecoder frames;
    private final int maxObjects;

    /** @param maxObjects most objects one pipeline may ask ISM for (ISM's own limit, {@code ISM_MAX_OBJECTS}) */
    PipelineInputs(ObjectCatalog catalog, StaticDirectory staticDir, OutputFolders folders, FrameDecoder frames,
            @Value("${sam6d.workflow.max-objects}") int maxObjects) {
        this.catalog = catalog;
        this.staticDir = staticDir;
        this.folders = folders;
        this.frames = frames;
        this.maxObjects = maxObjects;
    }

    /** @param prefix prepended to field names ({@code ""} or {@code items[2].}) */
    PipelinePlan check(FullPipelineRequest r, String prefix) {
        if (r == null) {
            throw ApiException.badRequest(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "a JSON object is required");
        }
        String className = StaticDirectory.requireSafeName(r.className(), prefix + "class_name");
        List<String> objects = pipelineObjects(className, r.objectName(), r.objectNames(), prefix);
        OutputMode mode = OutputMode.parse(r.outputMode(), prefix + "output_mode");
        OutputFolders.OutputDir outputDir = folders.parse(r.outputDir(), prefix + "output_dir");
        checkDetectionOptions(r.scoreThreshold(), r.maxDetections(), prefix);
        if ((r.inputImages() == null) == (r.images() == null)) {
            throw ApiException.badRequest(prefix + "input_images", "give the frame either as input_images (paths"
                    + " under static/) or as images (Base64 in the body), exactly one of the two");
        }
        if (r.inputImages() != null) {
            checkPaths(r.inputImages(), prefix + "input_images.");
        } else {
            decode(r.images(), prefix + "images.");
        }
        return new PipelinePlan(className, objects, r.inputImages(), r.images(), mode, outputDir, r.scoreThreshold(),
                r.maxDetections(), Boolean.TRUE.equals(r.forceRegenerate()));
    }

    /** As {@link #objectNames}, at most as many as ISM takes in one request (400 naming object_names otherwise). */
    List<String> pipelineObjects(String className, String objectName, List<String> objectNames, String prefix) {
        if (objectNames != null && objectNames.size() > maxObjects) {
            throw ApiException.badRequest(prefix + "object_names", "at most " + maxObjects + " objects in one"
                    + " pipeline (ISM_MAX_OBJECTS)");
        }
        return objectNames(className, objectName, objectNames, prefix);
    }

    /** object_name and/or object_names, each known in the class (404 naming class_name or object_name otherwise). */
    List<String> objectNames(String className, String objectName, List<String> objectNames, String prefix) {
        LinkedHashSet<String> names = new LinkedHashSet<>();
        if (objectName != null && !objectName.isBlank()) {
            names.add(StaticDirectory.requireSafeName(objectName, prefix + "object_name"));
        }
        if (objectNames != null) {
            for (int i = 0; i < objectNames.size(); i++) {
                names.add(StaticDirectory.requireSafeName(objectNames.get(i), prefix + "object_names[" + i + "]"));
            }
        }
        if (names.isEmpty()) {
            throw ApiException.badRequest(prefix + "object_name", "object_name (or object_names) is required");
        }
        for (String name : names) {
            try {
                catalog.getObject(className, name);
            } catch (ApiException e) {
                throw new ApiException(e.status(), e.title(), prefix + e.field(), e.getMessage());
            }
        }
        return List.copyOf(names);
    }

    static void checkDetectionOptions(Double scoreThreshold, Integer maxDetections, String prefix) {
        if (scoreThreshold != null && !(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw ApiException.badRequest(prefix + "score_threshold", "score_threshold must be between 0 and 1");
        }
        if (maxDetections != null && maxDetections < 1) {
            throw ApiException.badRequest(prefix + "max_detections", "max_detections must be at least 1");
        }
    }

    private void checkPaths(InputImages paths, String prefix) {
        existingFile(paths.rgbPath(), prefix + "rgb_path");
        existingFile(paths.depthPath(), prefix + "depth_path");
        readCamera(paths.cameraPath(), prefix + "camera_path");
    }

    private Path existingFile(String requestPath, String field) {
        Path p = staticDir.resolveRequestPath(requestPath, field);
        if (!Files.isRegularFile(p)) {
            throw ApiException.badRequest(field, field + ": no file at " + staticDir.display(p));
        }
        return p;
    }

    /** {@code cam_K} and {@code depth_scale} from a BOP-style camera file ({@link CameraFile}'s rules). */
    private Camera readCamera(String requestPath, String field) {
        Path file = existingFile(requestPath, field);
        CameraFile camera;
        try {
            camera = CameraFile.read(file);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field, field + ": " + staticDir.display(file) + " " + e.getMessage());
        } catch (UncheckedIOException e) {
            throw ApiException.badRequest(field, field + ": " + staticDir.display(file) + " cannot be read");
        }
        List<Double> camK = new ArrayList<>();
        for (double v : camera.camK()) {
            camK.add(v);
        }
        return new Camera(camK, camera.depthScale());
    }

    private record Camera(List<Double> camK, double depthScale) {
    }

    private void decode(FrameInput images, String prefix) {
        try {
            frames.decode(images.rgbImage(), images.depthImage(), images.camK(), images.depthScale());
        } catch (ApiException e) {
            throw new ApiException(e.status(), e.title(), prefix + e.field(), e.getMessage());
        }
    }

    /** The plan's frame as the compute servers take it. */
    PipelineFrame load(PipelinePlan plan) {
        if (plan.images() != null) {
            FrameInput f = plan.images();
            return new PipelineFrame(strip(f.rgbImage()), strip(f.depthImage()), f.camK(), f.depthScale());
        }
        InputImages p = plan.inputImages();
        Camera camera = readCamera(p.cameraPath(), "input_images.camera_path");
        return new PipelineFrame(base64(existingFile(p.rgbPath(), "input_images.rgb_path")),
                base64(existingFile(p.depthPath(), "input_images.depth_path")), camera.camK(), camera.depthScale());
    }

    private static String base64(Path file) {
        try {
            return Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Plain Base64 (a browser's data URL prefix removed). */
    private static String strip(String b64) {
        String v = b64.trim();
        int comma = v.indexOf(',');
        return v.startsWith("data:") && comma > 0 ? v.substring(comma + 1) : v;
    }
}
