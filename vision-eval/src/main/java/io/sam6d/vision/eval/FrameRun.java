package io.sam6d.vision.eval;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.CameraFile;
import io.sam6d.vision.io.MeshReader;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.ModelInfo;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.ObjectModels;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PoseEstimator;
import io.sam6d.vision.pose.PoseResult;
import io.sam6d.vision.segmentation.Segmenter;
import io.sam6d.vision.visualisation.Overlay;

/**
 * Runs the engines on one frame without ground truth (the LM-O example frame): prints the detections and poses,
 * writes {@code overlay.png} (masks tinted, posed models drawn) and {@code result.json}.
 */
public final class FrameRun {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run found and how long each engine took (seconds, preparation excluded). */
    public record Result(List<Detection> detections, List<PoseResult> poses, double ismSec, double pemSec,
            double prepareSec) {
    }

    private FrameRun() {
    }

    /** Reads a frame whose camera is a BOP-style {@code camera.json} ({@link CameraFile}). */
    public static RgbdFrame readFrame(Path rgb, Path depth, Path cameraJson) {
        CameraFile camera;
        try {
            camera = CameraFile.read(cameraJson);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(cameraJson + " " + e.getMessage(), e);
        }
        return new RgbdFrame(ImageFiles.readRgb(rgb), ImageFiles.readDepth(depth, camera.depthScale()),
                camera.intrinsics());
    }

    /**
     * An object from a mesh file: name = file stem; diameter and symmetries from {@code modelsInfo} when it has an
     * entry for the stem's number ({@code obj_000005} is 5), else the diameter is measured on the mesh.
     *
     * @param modelsInfo a BOP {@code models_info.json}, or null
     * @param templatesDir holds {@code <stem>/views.json}, or null
     */
    public static ObjectModel objectModel(Path meshFile, Path modelsInfo, Path templatesDir) {
        Mesh mesh = MeshReader.read(meshFile);
        String stem = meshFile.getFileName().toString().replaceFirst("\\.[^.]+$", "");
        ModelInfo info = modelsInfo == null ? null
                : BopDataset.readModelsInfo(modelsInfo).get(DatasetObjects.objId(stem));
        double diameter = info != null && info.diameter() > 0 ? info.diameter() : MeshOps.diameter(mesh);
        Path tdir = null;
        if (templatesDir != null && Files.isRegularFile(templatesDir.resolve(stem).resolve("views.json"))) {
            tdir = templatesDir.resolve(stem);
        }
        return new ObjectModel(stem, mesh, diameter,
                info == null ? List.of() : info.symmetryTransforms(ObjectModels.CONTINUOUS_SYMMETRY_STEPS), tdir);
    }

    /**
     * @param ism the segmentation engine (required)
     * @param pem the pose engine, or null for segmentation only
     */
    public static Result run(RgbdFrame frame, List<ObjectModel> models, Segmenter ism, PoseEstimator pem,
            Path outDir, PrintStream log) {
        long t0 = System.nanoTime();
        List<PreparedModel> ismModels = models.stream().map(ism::prepare).toList();
        List<PreparedModel> pemModels = pem == null ? List.of() : models.stream().map(pem::prepare).toList();
        double prepareSec = (System.nanoTime() - t0) / 1e9;

        t0 = System.nanoTime();
        SegmentationResult sr = ism.segment(frame, ismModels);
        double ismSec = (System.nanoTime() - t0) / 1e9;
        List<Detection> dets = sr.detections();
        List<PoseResult> poses = List.of();
        double pemSec = Double.NaN;
        if (pem != null && !dets.isEmpty()) {
            t0 = System.nanoTime();
            poses = pem.estimate(frame, dets, pemModels, false);
            pemSec = (System.nanoTime() - t0) / 1e9;
        }
        Result result = new Result(dets, poses, ismSec, pemSec, prepareSec);

        log.printf(Locale.ROOT, "ISM %s: %d detection(s) in %.3f s%n", ism.name(), dets.size(), ismSec);
        for (String w : sr.warnings()) {
            log.println("  warning: " + w);
        }
        for (int i = 0; i < dets.size(); i++) {
            Detection d = dets.get(i);
            log.printf(Locale.ROOT, "  [%d] %s score %.3f bbox %s mask %d px%n", i, d.objectName(), d.score(),
                    java.util.Arrays.toString(d.bbox()), d.mask().area());
        }
        if (pem != null) {
            log.printf(Locale.ROOT, "PEM %s: %d pose(s) in %s s%n", pem.name(), poses.size(),
                    Double.isNaN(pemSec) ? "-" : String.format(Locale.ROOT, "%.3f", pemSec));
            for (PoseResult p : poses) {
                log.printf(Locale.ROOT, "  [%d] %s score %.3f R %s t_mm %s%n", p.detectionIndex(), p.objectName(),
                        p.score(), java.util.Arrays.toString(round(p.modelToCamera().rotation(), 4)),
                        java.util.Arrays.toString(round(p.modelToCamera().translation(), 1)));
            }
        }

        Map<String, Mesh> meshes = new HashMap<>();
        models.forEach(m -> meshes.put(m.name(), m.mesh()));
        List<Overlay.MaskDrawing> masks = new ArrayList<>();
        for (Detection d : dets) {
            masks.add(new Overlay.MaskDrawing(d.objectName() + String.format(Locale.ROOT, " %.2f", d.score()), d.mask()));
        }
        List<Overlay.PoseDrawing> drawn = new ArrayList<>(Collections.nCopies(dets.size(), (Overlay.PoseDrawing) null));
        for (PoseResult p : poses) {
            Mesh mesh = meshes.get(p.objectName());
            if (mesh == null) {
                continue;
            }
            Overlay.PoseDrawing pd = new Overlay.PoseDrawing(
                    p.objectName() + String.format(Locale.ROOT, " %.2f", p.score()), mesh, p.modelToCamera());
            if (p.detectionIndex() >= 0 && p.detectionIndex() < drawn.size() && drawn.get(p.detectionIndex()) == null) {
                drawn.set(p.detectionIndex(), pd);
            } else {
                drawn.add(pd);
            }
        }
        RgbImage rgb = frame.rgb();
        Overlay.writePng(Overlay.draw(rgb, frame.camera(), masks, drawn, List.of()), outDir.resolve("overlay.png"));
        writeJson(outDir.resolve("result.json"), result, ism.name(), pem == null ? "none" : pem.name());
        return result;
    }

    private static void writeJson(Path file, Result r, String ism, String pem) {
        ObjectNode root = JSON.createObjectNode();
        root.put("ism", ism);
        root.put("pem", pem);
        root.put("ism_seconds", r.ismSec());
        if (Double.isFinite(r.pemSec())) {
            root.put("pem_seconds", r.pemSec());
        } else {
            root.putNull("pem_seconds");
        }
        root.put("prepare_seconds", r.prepareSec());
        ArrayNode dets = root.putArray("detections");
        for (Detection d : r.detections()) {
            ObjectNode o = dets.addObject();
            o.put("object_name", d.objectName());
            o.put("score", d.score());
            ArrayNode bb = o.putArray("bbox");
            for (int v : d.bbox()) {
                bb.add(v);
            }
            o.put("mask_area", d.mask().area());
            ObjectNode rle = o.putObject("segmentation");
            ArrayNode size = rle.putArray("size");
            size.add(d.mask().height());
            size.add(d.mask().width());
            ArrayNode counts = rle.putArray("counts");
            d.mask().toCocoRle().forEach(counts::add);
        }
        ArrayNode poses = root.putArray("poses");
        for (PoseResult p : r.poses()) {
            ObjectNode o = poses.addObject();
            o.put("detection_index", p.detectionIndex());
            o.put("object_name", p.objectName());
            o.put("score", p.score());
            ArrayNode rot = o.putArray("R");
            for (double v : p.modelToCamera().rotation()) {
                rot.add(v);
            }
            ArrayNode t = o.putArray("t");
            for (double v : p.modelToCamera().translation()) {
                t.add(v);
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static double[] round(double[] v, int digits) {
        double f = Math.pow(10, digits);
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.round(v[i] * f) / f;
        }
        return out;
    }
}
