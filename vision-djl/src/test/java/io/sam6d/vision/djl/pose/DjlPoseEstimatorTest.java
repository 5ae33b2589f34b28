package io.sam6d.vision.djl.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.djl.TestModels;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.MeshReader;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PoseResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The PEM engine over a network whose t is the centroid of the observed points plus (0.01, -0.02, 0.03) m, R a fixed
 * rotation of 90 degrees about z and score the mean of the colour crop.
 */
class DjlPoseEstimatorTest {

    static final float[] R = {0, -1, 0, 1, 0, 0, 0, 0, 1};
    static final CameraIntrinsics CAMERA = new CameraIntrinsics(572.4114, 573.57043, 325.2611, 242.04899);

    @TempDir
    static Path dir;

    static DjlPoseEstimator engine;
    static PreparedModel can;

    @BeforeAll
    static void load() throws Exception {
        ConfigPemTorchScript cfg = new ConfigPemTorchScript();
        // named .zip on purpose: the engine must not let DJL take it for an archive to unpack
        cfg.modelPath = TestModels.pemCentroid(dir.resolve("pem.zip"), R, new float[] {0.01f, -0.02f, 0.03f});
        cfg.maxBatch = 1; // two detections make two calls
        engine = DjlPoseEstimator.load(cfg);
        Path ply = Path.of(System.getProperty("sam6d.shared.dir"), "data/lmo_example/obj_000005.ply");
        can = engine.prepare(new ObjectModel("obj_000005", MeshReader.read(ply), 200.0, List.of(), null));
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** Grey 204 everywhere (0.8), depth 500 mm on a 64x32 block at (300, 200), 700 mm on a 40x40 block at (50, 60). */
    static RgbdFrame frame() {
        int w = 640, h = 480;
        byte[] rgb = new byte[3 * w * h];
        java.util.Arrays.fill(rgb, (byte) 204);
        float[] mm = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x >= 300 && x < 364 && y >= 200 && y < 232) {
                    mm[y * w + x] = 500f;
                } else if (x >= 50 && x < 90 && y >= 60 && y < 100) {
                    mm[y * w + x] = 700f;
                }
            }
        }
        return new RgbdFrame(new RgbImage(w, h, rgb), new DepthImage(w, h, mm), CAMERA);
    }

    static Detection detection(String object, int x0, int y0, int bw, int bh) {
        boolean[] bits = new boolean[640 * 480];
        for (int y = y0; y < y0 + bh; y++) {
            for (int x = x0; x < x0 + bw; x++) {
                bits[y * 640 + x] = true;
            }
        }
        Mask m = new Mask(640, 480, bits);
        return new Detection(object, 0.9, m, m.bbox(), List.of(), null);
    }

    /** Mean of the back-projected block, mm. */
    static double[] centroid(int x0, int y0, int bw, int bh, double z) {
        double sx = 0, sy = 0;
        for (int y = y0; y < y0 + bh; y++) {
            for (int x = x0; x < x0 + bw; x++) {
                sx += (x - CAMERA.cx()) * z / CAMERA.fx();
                sy += (y - CAMERA.cy()) * z / CAMERA.fy();
            }
        }
        int n = bw * bh;
        return new double[] {sx / n, sy / n, z};
    }

    @Test
    void translationIsTheCentroidInMillimetresAndRotationIsRowMajor() {
        // 64 x 32 = 2048 pixels = the observed point count: every point is used once, the mean is exact
        List<PoseResult> poses = engine.estimate(frame(), List.of(detection("obj_000005", 300, 200, 64, 32)),
                List.of(can), false);

        assertThat(poses).hasSize(1);
        PoseResult p = poses.get(0);
        RigidTransform pose = p.modelToCamera();
        double[] c = centroid(300, 200, 64, 32, 500);
        assertThat(pose.t(0)).isCloseTo(c[0] + 10, within(0.05));
        assertThat(pose.t(1)).isCloseTo(c[1] - 20, within(0.05));
        assertThat(pose.t(2)).isCloseTo(500 + 30, within(0.05));
        assertThat(pose.r(0, 1)).isEqualTo(-1.0);
        assertThat(pose.r(1, 0)).isEqualTo(1.0);
        assertThat(pose.r(2, 2)).isEqualTo(1.0);
        assertThat(p.score()).isCloseTo(0.8, within(1e-3));
        assertThat(p.objectName()).isEqualTo("obj_000005");
        assertThat(p.detectionIndex()).isZero();
    }

    @Test
    void detectionsWithoutDepthOrModelGetNoPoseAndTheRestKeepTheirIndex() {
        List<Detection> detections = List.of(
                detection("obj_000005", 500, 400, 30, 30), // no depth there
                detection("unknown", 300, 200, 64, 32),    // object not prepared
                detection("obj_000005", 300, 200, 64, 32),
                detection("obj_000005", 50, 60, 40, 40));
        List<PoseResult> poses = engine.estimate(frame(), detections, List.of(can), true);

        assertThat(poses).extracting(PoseResult::detectionIndex).containsExactly(2, 3);
        assertThat(poses.get(1).modelToCamera().t(2)).isCloseTo(700 + 30, within(0.05));
        assertThat(poses.get(0).rejected()).isEmpty();
    }

    @Test
    void reportsWhatIsLoaded() {
        assertThat(engine.name()).isEqualTo("djl");
        assertThat(engine.info().contract()).isEqualTo("sam6d-pem/1");
        assertThat(engine.info().loadTimeMs()).isNotNegative();
    }
}
