package io.sam6d.vision.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;

/**
 * A directory of rendered templates, as {@link TemplateRenderer} writes it:
 * <pre>
 * rgb_&lt;i&gt;.png    8-bit colour, black background
 * mask_&lt;i&gt;.png   8-bit, 255 on the object
 * xyz_&lt;i&gt;.npy    float32 H x W x 3, model-frame coordinates of the visible surface in mm, 0 off the object
 * depth_&lt;i&gt;.png  16-bit depth along the optical axis in mm (depth_scale 1.0), 0 off the object
 * views.json     the object (object, class, mesh, unit_scale, diameter_mm, center_mm, image_size, distance_mm,
 *                created_at, ...) and per view: id, cam_R_m2c (9, row-major), cam_t_m2c (3, mm), cam_K (9),
 *                width, height, depth_scale, the four file names, visible_px, bbox
 * </pre>
 * {@code views.json} is written last and the directory appears whole, so a directory with a readable
 * {@code views.json} whose files all exist is complete. Immutable.
 */
public final class TemplateSet {

    /** The index file, and the mark of a complete set. */
    public static final String VIEWS_FILE = "views.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final String objectName;
    private final String className;
    private final String mesh;
    private final double unitScale;
    private final double diameterMm;
    private final double[] centerMm;
    private final int imageSize;
    private final double distanceMm;
    private final Instant createdAt;
    private final List<TemplateView> views;

    private TemplateSet(Path dir, String objectName, String className, String mesh, double unitScale,
            double diameterMm, double[] centerMm, int imageSize, double distanceMm, Instant createdAt,
            List<TemplateView> views) {
        this.dir = dir;
        this.objectName = objectName;
        this.className = className;
        this.mesh = mesh;
        this.unitScale = unitScale;
        this.diameterMm = diameterMm;
        this.centerMm = centerMm;
        this.imageSize = imageSize;
        this.distanceMm = distanceMm;
        this.createdAt = createdAt;
        this.views = List.copyOf(views);
    }

    /** True when {@code dir} holds a complete template set (readable {@code views.json}, every listed file there). */
    public static boolean isComplete(Path dir) {
        try {
            read(dir);
            return true;
        } catch (TemplateFormatException e) {
            return false;
        }
    }

    /**
     * Reads {@code views.json} and checks that every file it lists exists; images are read later, per view.
     *
     * @throws TemplateFormatException when the set is missing, incomplete or malformed
     */
    public static TemplateSet read(Path dir) {
        Path index = dir.resolve(VIEWS_FILE);
        if (!Files.isRegularFile(index)) {
            throw new TemplateFormatException("no complete templates in " + dir + " (" + VIEWS_FILE + " missing)");
        }
        JsonNode root;
        try {
            root = JSON.readTree(index.toFile());
        } catch (IOException e) {
            throw new TemplateFormatException("cannot read " + index + ": " + e.getMessage(), e);
        }
        try {
            List<TemplateView> views = new ArrayList<>();
            for (JsonNode v : required(root, "views")) {
                double[] k = doubles(required(v, "cam_K"), 9, "cam_K");
                RigidTransform pose = new RigidTransform(doubles(required(v, "cam_R_m2c"), 9, "cam_R_m2c"),
                        doubles(required(v, "cam_t_m2c"), 3, "cam_t_m2c"));
                TemplateView view = new TemplateView(required(v, "id").asInt(), pose, CameraIntrinsics.fromCamK(k),
                        required(v, "width").asInt(), required(v, "height").asInt(),
                        v.path("depth_scale").asDouble(1.0), file(dir, v, "rgb"), file(dir, v, "mask"),
                        file(dir, v, "xyz"), file(dir, v, "depth"), v.path("visible_px").asInt(-1),
                        ints(v.path("bbox")));
                views.add(view);
            }
            if (views.isEmpty()) {
                throw new TemplateFormatException(index + " lists no views");
            }
            Instant created = root.hasNonNull("created_at") ? Instant.parse(root.get("created_at").asText()) : null;
            return new TemplateSet(dir, root.path("object").asText(null), root.path("class").asText(null),
                    root.path("mesh").asText(null), root.path("unit_scale").asDouble(1.0),
                    root.path("diameter_mm").asDouble(), doubles(root.path("center_mm"), 3, "center_mm"),
                    root.path("image_size").asInt(), root.path("distance_mm").asDouble(), created, views);
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new TemplateFormatException(index + " is malformed: " + e.getMessage(), e);
        }
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing '" + field + "'");
        }
        return v;
    }

    private static Path file(Path dir, JsonNode view, String field) {
        String name = required(view, field).asText();
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("'" + field + "' must be a file name in the template directory");
        }
        Path p = dir.resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new TemplateFormatException("incomplete templates in " + dir + ": " + name + " is missing");
        }
        return p;
    }

    private static double[] doubles(JsonNode arr, int n, String field) {
        if (!arr.isArray() || arr.size() != n) {
            throw new IllegalArgumentException("'" + field + "' must be an array of " + n + " numbers");
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = arr.get(i).asDouble();
        }
        return out;
    }

    private static int[] ints(JsonNode arr) {
        int[] out = new int[arr.isArray() ? arr.size() : 0];
        for (int i = 0; i < out.length; i++) {
            out[i] = arr.get(i).asInt();
        }
        return out;
    }

    public Path dir() {
        return dir;
    }

    public String objectName() {
        return objectName;
    }

    public String className() {
        return className;
    }

    /** The mesh the set was rendered from, as recorded. */
    public String mesh() {
        return mesh;
    }

    /** Mesh units times this gave mm. */
    public double unitScale() {
        return unitScale;
    }

    public double diameterMm() {
        return diameterMm;
    }

    /** The point every camera looked at (bounding-box centre), model frame, mm. */
    public double[] centerMm() {
        return centerMm.clone();
    }

    public int imageSize() {
        return imageSize;
    }

    /** Camera distance from {@link #centerMm()}, mm. */
    public double distanceMm() {
        return distanceMm;
    }

    /** When the set was rendered, or null if not recorded. */
    public Instant createdAt() {
        return createdAt;
    }

    /** Views in id order. */
    public List<TemplateView> views() {
        return views;
    }

    public int size() {
        return views.size();
    }
}
