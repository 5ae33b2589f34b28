package io.sam6d.main.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.main.objects.ObjectCatalog;
import io.sam6d.model.ism.DetectionDto;
import io.sam6d.model.ism.SegmentResponse;
import io.sam6d.model.pem.EstimateResponse;
import io.sam6d.model.pem.PoseEstimateDto;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.io.MeshReader;
import io.sam6d.vision.visualisation.Overlay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Writes a pipeline's files. {@code full}: {@code rgb.png}, {@code depth.png}, {@code camera.json},
 * {@code ism_results.json}, {@code pem_results.json}, {@code mask_<i>_<object>.png} per detection, {@code overlay.png}
 * (masks tinted, each posed model's points and 3D box projected with its pose) and {@code result.json};
 * {@code results_only}: {@code result.json}.
 */
@Component
class ResultWriter {

    private static final Logger log = LoggerFactory.getLogger(ResultWriter.class);

    private final ObjectMapper json;
    private final ObjectCatalog catalog;
    private final StaticDirectory staticDir;

    ResultWriter(ObjectMapper json, ObjectCatalog catalog, StaticDirectory staticDir) {
        this.json = json;
        this.catalog = catalog;
        this.staticDir = staticDir;
    }

    void writeFull(Path dir, String className, PipelineFrame frame, SegmentResponse ism, EstimateResponse pem) {
        byte[] rgbBytes = Base64.getMimeDecoder().decode(frame.rgbBase64());
        RgbImage rgb = ImageFiles.decodeRgb(rgbBytes);
        ImageFiles.write(dir.resolve("rgb.png"), ImageFiles.encodeRgbPng(rgb));
        ImageFiles.write(dir.resolve("depth.png"), Base64.getMimeDecoder().decode(frame.depthBase64()));
        Map<String, Object> camera = new LinkedHashMap<>();
        camera.put("cam_K", frame.camK());
        camera.put("depth_scale", frame.depthScale());
        writeJson(dir.resolve("camera.json"), camera);
        writeJson(dir.resolve("ism_results.json"), ism);
        writeJson(dir.resolve("pem_results.json"), pem);

        List<DetectionDto> detections = ism.detections();
        List<Overlay.MaskDrawing> masks = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            DetectionDto d = detections.get(i);
            Mask mask = mask(d);
            masks.add(new Overlay.MaskDrawing(d.objectName(), mask));
            if (mask != null) {
                ImageFiles.write(dir.resolve("mask_" + i + "_" + d.objectName() + ".png"),
                        ImageFiles.encodeMaskPng(mask.bits(), mask.width(), mask.height()));
            }
        }
        List<Overlay.PoseDrawing> poses = new ArrayList<>();
        for (int i = 0; i < detections.size(); i++) {
            poses.add(null);
        }
        Map<String, Mesh> meshes = new HashMap<>();
        for (PoseEstimateDto p : pem.poses()) {
            if (p.detectionIndex() < 0 || p.detectionIndex() >= detections.size()) {
                continue;
            }
            Mesh mesh = meshes.computeIfAbsent(p.objectName(), name -> mesh(className, name));
            if (mesh != null) {
                poses.set(p.detectionIndex(), new Overlay.PoseDrawing(
                        p.objectName() + String.format(" %.2f", p.score()), mesh, transform(p)));
            }
        }
        CameraIntrinsics cam = CameraIntrinsics.fromCamK(frame.camK().stream().mapToDouble(Double::doubleValue)
                .toArray());
        Overlay.writePng(Overlay.draw(rgb, cam, masks, poses, List.of()), dir.resolve("overlay.png"));
    }

    void writeJson(Path file, Object value) {
        try {
            Files.createDirectories(file.getParent());
            json.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Mask mask(DetectionDto d) {
        try {
            List<Integer> size = d.segmentation().size();
            return Mask.fromCocoRle(d.segmentation().counts(), size.get(0), size.get(1));
        } catch (RuntimeException e) {
            log.warn("detection of {} has an unreadable mask: {}", d.objectName(), e.getMessage());
            return null;
        }
    }

    /** The object's CAD model for the overlay, or null (then only its mask is drawn). */
    private Mesh mesh(String className, String objectName) {
        try {
            String cadPath = catalog.getObject(className, objectName).cadInfo().path();
            return MeshReader.read(staticDir.resolveRequestPath(cadPath, "cad_path"));
        } catch (RuntimeException e) {
            log.warn("no mesh of {}/{} for the overlay: {}", className, objectName, e.getMessage());
            return null;
        }
    }

    private static RigidTransform transform(PoseEstimateDto p) {
        double[] r = new double[9];
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 3; col++) {
                r[3 * row + col] = p.r().get(row).get(col);
            }
        }
        double[] t = {p.t().get(0), p.t().get(1), p.t().get(2)};
        return new RigidTransform(r, t);
    }
}
