package io.sam6d.vision.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.vision.SharedData;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.io.MeshFormatException;
import io.sam6d.vision.io.MeshReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateRendererTest {

    @TempDir
    Path tmp;

    private static ConfigTemplateRendering small(int views, int size) {
        ConfigTemplateRendering c = new ConfigTemplateRendering();
        c.views = views;
        c.imageSize = size;
        return c;
    }

    @Test
    void cubeTemplatesAreConsistentWithTheirPosesAndIntrinsics() throws IOException {
        Path out = tmp.resolve("templates/test/cube");
        List<int[]> progress = new ArrayList<>();
        TemplateSet set = TemplateRenderer.cpu(small(12, 96)).render(TestMeshes.cube(100),
                new TemplateObject("test", "cube", "static/meshes/test/cube.ply"), out,
                (done, total) -> progress.add(new int[] {done, total}));

        assertThat(set.size()).isEqualTo(12);
        assertThat(progress).hasSize(12);
        assertThat(progress.get(11)).containsExactly(12, 12);
        assertThat(set.diameterMm()).isCloseTo(100 * Math.sqrt(3), within(1e-3));
        assertThat(set.distanceMm()).isCloseTo(3 * 100 * Math.sqrt(3), within(1e-3));
        assertThat(set.centerMm()).containsExactly(new double[] {0, 0, 0}, within(1e-9));
        assertThat(set.objectName()).isEqualTo("cube");
        assertThat(set.className()).isEqualTo("test");
        assertThat(set.createdAt()).isNotNull();
        // nothing but the set itself is left beside it
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertThat(s.map(p -> p.getFileName().toString()).toList()).containsExactly("cube");
        }

        for (TemplateView v : set.views()) {
            // the camera looks at the centre from the configured distance
            RigidTransform camToModel = v.modelToCamera().inverse();
            double[] eye = camToModel.apply(0, 0, 0);
            assertThat(Math.sqrt(eye[0] * eye[0] + eye[1] * eye[1] + eye[2] * eye[2]))
                    .isCloseTo(set.distanceMm(), within(1e-6));
            assertThat(v.modelToCamera().apply(0, 0, 0)[0]).isCloseTo(0, within(1e-9));

            TemplateView.Images img = v.readAll();
            Mask mask = img.mask();
            float[] xyz = img.xyzMm();
            DepthImage depth = img.depth();
            CameraIntrinsics k = v.camera();
            int covered = 0;
            for (int y = 0; y < v.height(); y++) {
                for (int x = 0; x < v.width(); x++) {
                    int i = y * v.width() + x;
                    boolean nonZero = xyz[3 * i] != 0 || xyz[3 * i + 1] != 0 || xyz[3 * i + 2] != 0;
                    assertThat(nonZero).as("view %d pixel %d,%d", v.id(), x, y).isEqualTo(mask.get(x, y));
                    assertThat(depth.at(x, y) > 0).isEqualTo(mask.get(x, y));
                    boolean grey = img.rgb().at(x, y, 0) > 0;
                    assertThat(grey).isEqualTo(mask.get(x, y));
                    if (!nonZero) {
                        continue;
                    }
                    covered++;
                    double[] c = v.modelToCamera().apply(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
                    assertThat(k.fx() * c[0] / c[2] + k.cx()).isCloseTo(x, within(0.01));
                    assertThat(k.fy() * c[1] / c[2] + k.cy()).isCloseTo(y, within(0.01));
                    // the PNG holds whole millimetres
                    assertThat((double) depth.at(x, y)).isCloseTo(c[2], within(0.51));
                }
            }
            assertThat(covered).isEqualTo(v.visiblePixels());
            // the bounding sphere fills the image: the cube covers a good part of it
            assertThat(v.bbox()[2]).isGreaterThan(v.width() / 2);
        }
    }

    @Test
    void xyzNpyHeaderIsWhatNumpyReads() throws IOException {
        Path out = tmp.resolve("t");
        TemplateSet set = TemplateRenderer.cpu(small(12, 40)).render(TestMeshes.cube(50),
                new TemplateObject("c", "o", "m.ply"), out, null);
        byte[] npy = Files.readAllBytes(set.views().get(3).xyzFile());
        assertThat(npy[0]).isEqualTo((byte) 0x93);
        assertThat(new String(npy, 1, 5, StandardCharsets.US_ASCII)).isEqualTo("NUMPY");
        assertThat(npy[6]).isEqualTo((byte) 1);
        assertThat(npy[7]).isEqualTo((byte) 0);
        int headerLen = ByteBuffer.wrap(npy, 8, 2).order(ByteOrder.LITTLE_ENDIAN).getShort() & 0xFFFF;
        assertThat((10 + headerLen) % 64).isZero();
        String header = new String(npy, 10, headerLen, StandardCharsets.US_ASCII);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (40, 40, 3), }")
                .endsWith("\n");
        assertThat(header.substring(0, header.length() - 1).trim()).endsWith("}");
        assertThat(npy.length).isEqualTo(10 + headerLen + 4 * 40 * 40 * 3);
    }

    @Test
    void viewsJsonHasTheDocumentedFields() throws IOException {
        Path out = tmp.resolve("t");
        TemplateRenderer.cpu(small(42, 32)).render(TestMeshes.cube(50), new TemplateObject("c", "o", "m.ply"), out,
                null);
        JsonNode root = new ObjectMapper().readTree(out.resolve("views.json").toFile());
        assertThat(root.fieldNames()).toIterable().contains("object", "class", "mesh", "unit_scale", "diameter_mm",
                "center_mm", "image_size", "distance_mm", "created_at", "views");
        assertThat(root.get("views")).hasSize(42);
        JsonNode v = root.get("views").get(41);
        assertThat(v.fieldNames()).toIterable().contains("id", "cam_R_m2c", "cam_t_m2c", "cam_K", "width", "height",
                "depth_scale", "rgb", "mask", "xyz", "depth");
        assertThat(v.get("cam_R_m2c")).hasSize(9);
        assertThat(v.get("cam_t_m2c")).hasSize(3);
        assertThat(v.get("cam_K")).hasSize(9);
        assertThat(v.get("depth_scale").asDouble()).isEqualTo(1.0);
        assertThat(v.get("xyz").asText()).isEqualTo("xyz_41.npy");
        try (Stream<Path> s = Files.list(out)) {
            assertThat(s.count()).isEqualTo(4 * 42 + 1);
        }
    }

    @Test
    void renderingAgainReplacesTheSetAndUnitScaleConvertsToMm() {
        Path out = tmp.resolve("t");
        TemplateRenderer.cpu(small(42, 32)).render(TestMeshes.cube(50), new TemplateObject("c", "o", "m"), out, null);
        ConfigTemplateRendering metres = small(12, 32);
        metres.unitScale = 1000;
        TemplateSet set = TemplateRenderer.cpu(metres).render(TestMeshes.cube(0.05), new TemplateObject("c", "o", "m"),
                out, null);
        assertThat(set.size()).isEqualTo(12);
        assertThat(set.diameterMm()).isCloseTo(50 * Math.sqrt(3), within(1e-3));
        assertThat(out.resolve("rgb_13.png")).doesNotExist();
        assertThat(TemplateSet.isComplete(out)).isTrue();
    }

    @Test
    void pointSetModelsGetTemplatesToo() {
        Mesh scissors = MeshReader.read(SharedData.ycbv().resolve("models/obj_000017.ply"));
        TemplateSet set = TemplateRenderer.cpu(small(12, 64)).render(scissors,
                new TemplateObject("ycbv", "obj_000017", "obj_000017.ply"), tmp.resolve("s"), null);
        for (TemplateView v : set.views()) {
            assertThat(v.visiblePixels()).isGreaterThan(100);
        }
    }

    @Test
    void unusableMeshesAndSettingsAreRefusedAndLeaveNothingBehind() throws IOException {
        Path out = tmp.resolve("bad");
        Mesh flat = new Mesh(new float[] {0, 0, 0, 1, 0, 0, 2, 0, 0}, null, null, new int[] {0, 1, 2});
        assertThatThrownBy(() -> TemplateRenderer.cpu(null).render(flat, new TemplateObject("c", "o", "m"), out, null))
                .isInstanceOf(MeshFormatException.class).hasMessageContaining("degenerate");
        Mesh point = new Mesh(new float[] {1, 1, 1, 1, 1, 1}, null, null, null);
        assertThatThrownBy(() -> TemplateRenderer.cpu(null).render(point, new TemplateObject("c", "o", "m"), out,
                null)).isInstanceOf(MeshFormatException.class).hasMessageContaining("no extent");
        ConfigTemplateRendering close = small(12, 32);
        close.distanceMm = 10;
        assertThatThrownBy(() -> TemplateRenderer.cpu(close).render(TestMeshes.cube(100),
                new TemplateObject("c", "o", "m"), out, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inside the object's bounding sphere");
        assertThat(out).doesNotExist();
        try (Stream<Path> s = Files.list(tmp)) {
            assertThat(s.toList()).isEmpty();
        }
        assertThat(TemplateSet.isComplete(out)).isFalse();
        ConfigTemplateRendering wrong = small(0, 32);
        assertThatThrownBy(() -> TemplateRenderer.cpu(wrong)).hasMessageContaining("views");
    }

    @Test
    void viewSphereGivesEvenIcosphereViewsAndUprightCameras() {
        List<double[]> dirs = ViewSphere.directions(42);
        assertThat(dirs).hasSize(42);
        assertThat(ViewSphere.directions(162)).hasSize(162);
        assertThat(ViewSphere.directions(50)).hasSize(50);
        double minAngle = Math.PI;
        for (int i = 0; i < dirs.size(); i++) {
            double[] a = dirs.get(i);
            assertThat(a[0] * a[0] + a[1] * a[1] + a[2] * a[2]).isCloseTo(1, within(1e-12));
            for (int j = i + 1; j < dirs.size(); j++) {
                double[] b = dirs.get(j);
                minAngle = Math.min(minAngle, Math.acos(Math.min(1, a[0] * b[0] + a[1] * b[1] + a[2] * b[2])));
            }
        }
        // level-1 icosphere neighbours are 31.7 to 36 degrees apart
        assertThat(Math.toDegrees(minAngle)).isGreaterThan(30);

        RigidTransform pose = ViewSphere.lookAt(new double[] {500, 0, 100}, new double[] {0, 0, 0}, ViewSphere.up());
        double[] up = pose.rotate(0, 0, 1);
        assertThat(up[1]).isLessThan(-0.9); // model +Z points up in the image (-y)
        assertThat(pose.apply(0, 0, 0)[2]).isCloseTo(Math.sqrt(500 * 500 + 100 * 100), within(1e-9));
        RigidTransform top = ViewSphere.lookAt(new double[] {0, 0, 400}, new double[] {0, 0, 0}, ViewSphere.up());
        assertThat(top.apply(0, 0, 0)).containsExactly(new double[] {0, 0, 400}, within(1e-9));
    }
}
