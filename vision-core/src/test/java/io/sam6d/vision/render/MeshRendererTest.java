package io.sam6d.vision.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.io.MeshReader;
import org.junit.jupiter.api.Test;

class MeshRendererTest {

    private static final int W = 320;
    private static final int H = 240;
    private static final CameraIntrinsics CAM = new CameraIntrinsics(400, 410, 159.3, 121.7);

    private static final RenderModel CUBE = RenderModel.of(TestMeshes.cube(100));

    /** A cube seen at an oblique angle, so three faces show, two of them steeply. */
    private static RigidTransform obliqueCubePose() {
        RigidTransform a = RigidTransform.fromAxisAngle(1, 0.3, 0, 0.7, new double[3]);
        RigidTransform b = RigidTransform.fromAxisAngle(0.2, 1, 0.1, 0.9, new double[] {12, -7, 420});
        return b.compose(a);
    }

    /** Camera z of the first hit of the ray through pixel (x, y) with the cube, or 0 when it misses. */
    private static double analyticCubeDepth(RigidTransform pose, double half, int x, int y) {
        RigidTransform inv = pose.inverse();
        double[] o = inv.apply(0, 0, 0);
        double[] d = inv.rotate((x - CAM.cx()) / CAM.fx(), (y - CAM.cy()) / CAM.fy(), 1);
        double tmin = Double.NEGATIVE_INFINITY, tmax = Double.POSITIVE_INFINITY;
        for (int k = 0; k < 3; k++) {
            double t1 = (-half - o[k]) / d[k], t2 = (half - o[k]) / d[k];
            tmin = Math.max(tmin, Math.min(t1, t2));
            tmax = Math.min(tmax, Math.max(t1, t2));
        }
        return tmax >= tmin && tmin > 0 ? tmin : 0;
    }

    @Test
    void frontFacingCubeHasExactDepthXyzAndSilhouette() {
        RigidTransform pose = new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {0, 0, 500});
        RenderResult r = new MeshRenderer().render(CUBE, pose, CAM, W, H, RenderOutput.ALL);

        // the face z = -50 lies at camera depth 450 and spans x, y in [-50, 50]
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                double mx = (x - CAM.cx()) * 450 / CAM.fx(), my = (y - CAM.cy()) * 450 / CAM.fy();
                boolean inside = Math.abs(mx) < 50 && Math.abs(my) < 50;
                int i = y * W + x;
                assertThat(r.mask()[i]).as("pixel %d,%d", x, y).isEqualTo(inside);
                if (inside) {
                    assertThat(r.depthMm()[i]).isCloseTo(450f, within(1e-3f));
                    assertThat(r.xyzMm()[3 * i]).isCloseTo((float) mx, within(1e-3f));
                    assertThat(r.xyzMm()[3 * i + 1]).isCloseTo((float) my, within(1e-3f));
                    assertThat(r.xyzMm()[3 * i + 2]).isCloseTo(-50f, within(1e-3f));
                } else {
                    assertThat(r.depthMm()[i]).isZero();
                }
            }
        }
        assertThat(r.pixelCount()).isEqualTo(r.toMask().area());
    }

    @Test
    void obliqueCubeMatchesRayCastingUpToSilhouettePixels() {
        RigidTransform pose = obliqueCubePose();
        RenderResult r = new MeshRenderer().render(CUBE, pose, CAM, W, H, RenderOutput.ALL);
        int mismatched = 0, compared = 0;
        for (int y = 1; y < H - 1; y++) {
            for (int x = 1; x < W - 1; x++) {
                double z = analyticCubeDepth(pose, 50, x, y);
                int i = y * W + x;
                if ((z > 0) != r.mask()[i]) {
                    // only where the true silhouette passes within a hair of the pixel centre
                    mismatched++;
                    assertThat(onSilhouette(pose, x, y)).as("pixel %d,%d", x, y).isTrue();
                    continue;
                }
                if (z > 0) {
                    compared++;
                    // vertices snap to 1/256 px: at the steepest faces that moves depth by a few hundredths of a mm
                    assertThat((double) r.depthMm()[i]).as("depth at %d,%d", x, y).isCloseTo(z, within(0.05));
                }
            }
        }
        assertThat(compared).isGreaterThan(10_000);
        assertThat(mismatched).isLessThan(10);
    }

    private static boolean onSilhouette(RigidTransform pose, int x, int y) {
        boolean hit = analyticCubeDepth(pose, 50, x, y) > 0;
        for (double dy = -0.02; dy <= 0.02; dy += 0.02) {
            for (double dx = -0.02; dx <= 0.02; dx += 0.02) {
                RigidTransform inv = pose.inverse();
                double[] o = inv.apply(0, 0, 0);
                double[] d = inv.rotate((x + dx - CAM.cx()) / CAM.fx(), (y + dy - CAM.cy()) / CAM.fy(), 1);
                double tmin = Double.NEGATIVE_INFINITY, tmax = Double.POSITIVE_INFINITY;
                for (int k = 0; k < 3; k++) {
                    double t1 = (-50 - o[k]) / d[k], t2 = (50 - o[k]) / d[k];
                    tmin = Math.max(tmin, Math.min(t1, t2));
                    tmax = Math.min(tmax, Math.max(t1, t2));
                }
                if ((tmax >= tmin && tmin > 0) != hit) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void maskEqualsNonZeroXyzAndXyzReprojectsOntoItsPixel() {
        RigidTransform pose = obliqueCubePose();
        RenderResult r = new MeshRenderer().render(CUBE, pose, CAM, W, H, RenderOutput.ALL);
        float[] xyz = r.xyzMm();
        int covered = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                boolean nonZero = xyz[3 * i] != 0 || xyz[3 * i + 1] != 0 || xyz[3 * i + 2] != 0;
                assertThat(nonZero).isEqualTo(r.mask()[i]);
                if (!nonZero) {
                    continue;
                }
                covered++;
                double[] c = pose.apply(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2]);
                assertThat(CAM.fx() * c[0] / c[2] + CAM.cx()).isCloseTo(x, within(0.01));
                assertThat(CAM.fy() * c[1] / c[2] + CAM.cy()).isCloseTo(y, within(0.01));
                assertThat(c[2]).isCloseTo(r.depthMm()[i], within(0.05));
                // every visible point lies on the cube's surface
                double m = Math.max(Math.abs(xyz[3 * i]), Math.max(Math.abs(xyz[3 * i + 1]), Math.abs(xyz[3 * i + 2])));
                assertThat(m).isCloseTo(50, within(0.05));
                float[] n = r.normals();
                assertThat(n[3 * i] * n[3 * i] + n[3 * i + 1] * n[3 * i + 1] + n[3 * i + 2] * n[3 * i + 2])
                        .isCloseTo(1f, within(1e-4f));
            }
        }
        assertThat(covered).isEqualTo(r.pixelCount());
    }

    @Test
    void sharedEdgesAreCoveredExactlyOnceOnAPixelAlignedGrid() {
        // fronto-parallel grid whose vertices and edges fall exactly on pixel centres: every tie is decided by
        // the fill rule alone
        CameraIntrinsics cam = new CameraIntrinsics(100, 100, 10, 10);
        Mesh grid = TestMeshes.grid(0, 0, 100, 100, 5, 0, 1); // 20 px cells from pixel (10,10) to (110,110)
        assertCoveredOnce(grid, RigidTransform.identity(), cam, 130, 130);
    }

    @Test
    void sharedEdgesAreCoveredExactlyOnceOnAJitteredTiltedPlane() {
        Mesh grid = TestMeshes.grid(-80, -60, 150, 0, 9, 0.8, 42);
        RigidTransform pose = RigidTransform.fromAxisAngle(1, -0.4, 0.2, 0.9, new double[] {0, 0, 400});
        assertCoveredOnce(grid, pose, CAM, W, H);
    }

    /** Renders each triangle on its own and counts how often each pixel is covered. */
    private static void assertCoveredOnce(Mesh mesh, RigidTransform pose, CameraIntrinsics cam, int w, int h) {
        MeshRenderer renderer = new MeshRenderer();
        int[] count = new int[w * h];
        for (int k = 0; k < mesh.triangleCount(); k++) {
            RenderResult r = renderer.render(RenderModel.of(TestMeshes.single(mesh, k)), pose, cam, w, h,
                    RenderOutput.DEPTH_MASK);
            for (int i = 0; i < count.length; i++) {
                if (r.mask()[i]) {
                    count[i]++;
                }
            }
        }
        RenderResult whole = renderer.render(RenderModel.of(mesh), pose, cam, w, h, RenderOutput.DEPTH_MASK);
        int inside = 0;
        for (int i = 0; i < count.length; i++) {
            assertThat(count[i]).as("coverage of pixel %d,%d", i % w, i / w).isLessThanOrEqualTo(1);
            assertThat(count[i] == 1).isEqualTo(whole.mask()[i]);
            inside += count[i];
        }
        // and no holes: the covered region is the projected square without gaps (a hole would be an uncovered
        // pixel with covered pixels on both sides in its row and in its column)
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                if (count[y * w + x] == 0) {
                    boolean rowBoth = any(count, w, y, 0, x) && any(count, w, y, x + 1, w);
                    boolean colBoth = anyCol(count, w, x, 0, y) && anyCol(count, w, x, y + 1, h);
                    assertThat(rowBoth && colBoth).as("hole at %d,%d", x, y).isFalse();
                }
            }
        }
        assertThat(inside).isGreaterThan(1000);
    }

    private static boolean any(int[] c, int w, int y, int x0, int x1) {
        for (int x = x0; x < x1; x++) {
            if (c[y * w + x] > 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean anyCol(int[] c, int w, int x, int y0, int y1) {
        for (int y = y0; y < y1; y++) {
            if (c[y * w + x] > 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void tiltedPlaneDepthIsPerspectiveCorrect() {
        // two large triangles: affine interpolation of depth would be off by millimetres in their middle
        Mesh plane = TestMeshes.grid(-300, -300, 600, 0, 1, 0, 1);
        RigidTransform pose = RigidTransform.fromAxisAngle(1, 0, 0, 1.1, new double[] {0, 0, 600});
        RenderResult r = new MeshRenderer().render(RenderModel.of(plane), pose, CAM, W, H, RenderOutput.ALL);
        // plane z_model = 0: normal R e_z, through t
        double[] n = pose.rotate(0, 0, 1);
        double nt = n[0] * pose.t(0) + n[1] * pose.t(1) + n[2] * pose.t(2);
        int checked = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                if (!r.mask()[i]) {
                    continue;
                }
                double rx = (x - CAM.cx()) / CAM.fx(), ry = (y - CAM.cy()) / CAM.fy();
                double z = nt / (n[0] * rx + n[1] * ry + n[2]);
                assertThat((double) r.depthMm()[i]).isCloseTo(z, within(1e-3 * z));
                assertThat((double) r.xyzMm()[3 * i + 2]).isCloseTo(0, within(1e-3));
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(5000);
    }

    @Test
    void planeCrossingTheNearPlaneIsClippedNotDropped() {
        // a floor 100 mm below the camera reaching from behind it to 3 m ahead
        Mesh floor = TestMeshes.grid(-2000, -1000, 4000, 0, 2, 0, 1);
        // model x -> camera x, model y -> camera z, model z = 0 -> camera y = 100
        RigidTransform pose = new RigidTransform(new double[] {1, 0, 0, 0, 0, -1, 0, 1, 0}, new double[] {0, 100, 0});
        RenderResult r = new MeshRenderer().render(RenderModel.of(floor), pose, CAM, W, H, RenderOutput.ALL);
        int covered = 0;
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                int i = y * W + x;
                double ry = (y - CAM.cy()) / CAM.fy();
                double z = ry > 0 ? 100 / ry : Double.POSITIVE_INFINITY;
                boolean expected = z <= 3000 && z >= 1 && Math.abs((x - CAM.cx()) / CAM.fx() * z) <= 2000;
                if (expected && Math.abs(z - 3000) > 30 && z > 2) {
                    assertThat(r.mask()[i]).as("pixel %d,%d", x, y).isTrue();
                    assertThat((double) r.depthMm()[i]).isCloseTo(z, within(1e-3 * z));
                }
                covered += r.mask()[i] ? 1 : 0;
            }
        }
        assertThat(covered).isGreaterThan(W * H / 3);
    }

    @Test
    void cullingDoesNotChangeAClosedMeshAndRegionsMatchTheFullImage() {
        RigidTransform pose = obliqueCubePose();
        RenderResult full = new MeshRenderer().render(CUBE, pose, CAM, W, H, RenderOutput.ALL).copy();
        ConfigMeshRenderer cfg = new ConfigMeshRenderer();
        cfg.cullBackFaces = true;
        RenderResult culled = new MeshRenderer(cfg).render(CUBE, pose, CAM, W, H, RenderOutput.ALL);
        assertThat(culled.depthMm()).containsExactly(full.depthMm());

        PixelRegion roi = MeshRenderer.projectedRegion(CUBE, pose, CAM, W, H, 2);
        assertThat(roi).isNotNull();
        assertThat(roi.area()).isLessThan(W * H);
        RenderResult part = new MeshRenderer().render(CUBE, pose, CAM, W, H, roi, RenderOutput.ALL);
        assertThat(part.pixelCount()).isEqualTo(full.pixelCount());
        assertThat(part.bbox()).containsExactly(full.bbox());
        for (int y = 0; y < roi.height(); y++) {
            for (int x = 0; x < roi.width(); x++) {
                int fi = (y + roi.y()) * W + x + roi.x();
                assertThat(part.depthMm()[y * roi.width() + x]).isCloseTo(full.depthMm()[fi], within(1e-3f));
            }
        }
    }

    @Test
    void nearerObjectOccludesFartherOneInAScene() {
        RigidTransform far = new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {0, 0, 800});
        RigidTransform nearPose = new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
                new double[] {40, 0, 500});
        RenderResult r = new MeshRenderer().renderScene(List.of(new RenderInstance(CUBE, far),
                new RenderInstance(CUBE, nearPose)), CAM, W, H, null, RenderOutput.ALL);
        int cx = (int) Math.round(CAM.cx()), cy = (int) Math.round(CAM.cy());
        // centre: both project there, the near cube (its front face at 450) wins
        assertThat(r.instance()[cy * W + cx]).isEqualTo(1);
        assertThat(r.depthAt(cx, cy)).isCloseTo(450f, within(1e-3f));
        // left of the near cube only the far one shows (face at 750)
        int xl = (int) Math.round(CAM.cx() - 50 * CAM.fx() / 800);
        assertThat(r.instance()[cy * W + xl]).isEqualTo(0);
        assertThat(r.depthAt(xl, cy)).isCloseTo(750f, within(1e-3f));
        assertThat(r.instance()[0]).isEqualTo(-1);
    }

    @Test
    void rgbIsShadedGreyOnBlackAndBrightestFacingTheCamera() {
        RigidTransform pose = new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {0, 0, 500});
        ConfigMeshRenderer cfg = new ConfigMeshRenderer();
        RenderResult r = new MeshRenderer(cfg).render(CUBE, pose, CAM, W, H, RenderOutput.ALL);
        int c = (int) Math.round(CAM.cy()) * W + (int) Math.round(CAM.cx());
        int v = r.rgb()[3 * c] & 0xFF;
        assertThat(v).isEqualTo(r.rgb()[3 * c + 1] & 0xFF).isEqualTo(r.rgb()[3 * c + 2] & 0xFF);
        // the cube's corner normals are averaged over three faces, so the centre is lit at about cos 35 deg
        assertThat(v).isBetween(100, (int) Math.round(255 * cfg.greyAlbedo));
        assertThat(r.rgb()[0]).isZero();
    }

    @Test
    void pointSetRendersAsClosedSplats() {
        Mesh scissors = MeshReader.read(SharedData.ycbv().resolve("models/obj_000017.ply"));
        RenderModel model = RenderModel.of(scissors);
        assertThat(model.isPointSet()).isTrue();
        assertThat(model.pointSpacingMm()).isBetween(0.3, 10.0);
        CameraIntrinsics cam = new CameraIntrinsics(1066.8, 1067.5, 313.0, 241.3);
        double[] c = model.centerMm();
        RigidTransform pose = RigidTransform.fromAxisAngle(1, 0, 0, 0.3, new double[3]);
        double[] rc = pose.rotate(c[0], c[1], c[2]);
        pose = new RigidTransform(pose.rotation(), new double[] {-rc[0], -rc[1], 600 - rc[2]});
        RenderResult r = new MeshRenderer().render(model, pose, cam, 640, 480, RenderOutput.ALL);
        assertThat(r.pixelCount()).isGreaterThan(2000);
        // holes: empty pixels with drawn pixels on all four sides
        int holes = 0;
        for (int y = 1; y < 479; y++) {
            for (int x = 1; x < 639; x++) {
                int i = y * 640 + x;
                if (!r.mask()[i] && r.mask()[i - 1] && r.mask()[i + 1] && r.mask()[i - 640] && r.mask()[i + 640]) {
                    holes++;
                }
            }
        }
        assertThat(holes).isLessThan(r.pixelCount() / 100);
        for (int i = 0; i < 640 * 480; i++) {
            if (r.mask()[i]) {
                assertThat((double) r.depthMm()[i]).isBetween(600 - model.radiusMm(), 600 + model.radiusMm());
            }
        }
    }

    @Test
    void invisibleModelGivesAnEmptyResult() {
        RigidTransform behind = new RigidTransform(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, new double[] {0, 0, -500});
        RenderResult r = new MeshRenderer().render(CUBE, behind, CAM, W, H, RenderOutput.ALL);
        assertThat(r.isEmpty()).isTrue();
        assertThat(r.bbox()).containsExactly(0, 0, 0, 0);
        assertThat(MeshRenderer.projectedRegion(CUBE, behind, CAM, W, H, 0)).isNull();
    }
}
