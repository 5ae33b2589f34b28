package io.sam6d.vision.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.render.MeshRenderer;
import io.sam6d.vision.render.RenderInstance;
import io.sam6d.vision.render.RenderModel;
import io.sam6d.vision.render.RenderOutput;
import io.sam6d.vision.render.RenderResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticScenesTest {

    @TempDir
    static Path tmp;

    static Path out;

    static ConfigSyntheticScenes config() {
        ConfigSyntheticScenes c = new ConfigSyntheticScenes();
        c.objectIds = new int[] {2, 5, 17};
        c.minObjects = 3;
        c.maxObjects = 3;
        c.width = 320;
        c.height = 240;
        c.camera = new CameraIntrinsics(307.5, 307.5, 159.5, 119.5);
        return c;
    }

    @BeforeAll
    static void generate() {
        out = tmp.resolve("a");
        new SyntheticScenes(config()).generate(SharedData.ycbv().resolve("models"), out, 1, 2, 1234);
    }

    @Test
    void filesParseAsABopDatasetAndMasksMatchTheGroundTruthReRendered() throws IOException {
        BopDataset ds = BopDataset.open(out);
        assertThat(ds.scenes("test")).containsExactly(0);
        List<BopFrame> frames = ds.frames("test", 0);
        assertThat(frames).hasSize(2);
        MeshRenderer renderer = new MeshRenderer();
        for (BopFrame f : frames) {
            assertThat(f.gt()).hasSize(3);
            assertThat(f.gtInfo()).hasSize(3);
            assertThat(f.depthScale()).isEqualTo(0.1);
            List<RenderInstance> scene = new ArrayList<>();
            for (BopFrame.GtPose g : f.gt()) {
                scene.add(new RenderInstance(RenderModel.of(ds.model(g.objId())), g.modelToCamera()));
            }
            // and the table, which hides what reaches below its top (a point set's splats)
            List<RenderInstance> withTable = new ArrayList<>(scene);
            withTable.add(new RenderInstance(RenderModel.of(TableMesh.create(2400, 48, 7)),
                    ClutterScenesTest.worldToCamera(f)));
            RenderResult r = renderer.renderScene(withTable, f.camera(), 320, 240, null, RenderOutput.ALL);
            DepthImage depth = ImageFiles.readDepth(f.depth(), f.depthScale());
            for (int k = 0; k < scene.size(); k++) {
                boolean[] visib = ImageFiles.decodeMask(ImageFiles.readBytes(f.visibleMask(k)), null);
                int area = 0, differ = 0, valid = 0, close = 0;
                for (int i = 0; i < visib.length; i++) {
                    boolean mine = r.instance()[i] == k;
                    area += visib[i] ? 1 : 0;
                    differ += visib[i] != mine ? 1 : 0;
                    if (visib[i] && depth.mm()[i] > 0) {
                        valid++;
                        // disparity noise of 0.08 px at f = 307.5 px: sigma = z^2 * 0.08 / (307.5 * 50)
                        double z = r.depthMm()[i];
                        double sigma = z * z * 0.08 / (307.5 * 50);
                        close += Math.abs(depth.mm()[i] - z) < 5 * sigma + 1 ? 1 : 0;
                    }
                }
                BopFrame.GtInfo info = f.gtInfo().get(k);
                assertThat(info.pxCountVisib()).isEqualTo(area);
                assertThat(differ).as("frame %d object %d", f.imageId(), k).isLessThanOrEqualTo(area / 200 + 2);
                if (area > 50) {
                    assertThat(valid).isGreaterThan(area / 2);
                    assertThat(close).isGreaterThan((int) (0.98 * valid));
                }
            }
        }
    }

    @Test
    void objectsRestOnTheTableWithoutTouchingEachOther() throws IOException {
        BopDataset ds = BopDataset.open(out);
        BopFrame f = ds.frames("test", 0).get(0);
        RigidTransform cameraToWorld = ClutterScenesTest.worldToCamera(f).inverse();
        List<double[]> footprints = new ArrayList<>();
        for (BopFrame.GtPose g : f.gt()) {
            RigidTransform modelToWorld = cameraToWorld.compose(g.modelToCamera());
            float[] p = ds.model(g.objId()).positions();
            double minZ = Double.MAX_VALUE;
            double[] xy = new double[2 * (p.length / 3)];
            for (int i = 0; i < p.length; i += 3) {
                double[] w = modelToWorld.apply(p[i], p[i + 1], p[i + 2]);
                minZ = Math.min(minZ, w[2]);
                xy[2 * (i / 3)] = w[0];
                xy[2 * (i / 3) + 1] = w[1];
            }
            assertThat(minZ).as("object %d", g.objId()).isCloseTo(0, within(0.01));
            footprints.add(Polygon2.hull(xy));
        }
        for (int a = 0; a < footprints.size(); a++) {
            for (int b = a + 1; b < footprints.size(); b++) {
                assertThat(Polygon2.separation(footprints.get(a), footprints.get(b))).isGreaterThan(4.9);
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameScenes() throws IOException {
        Path again = tmp.resolve("b");
        ConfigSyntheticScenes c = config();
        c.threads = 1;
        new SyntheticScenes(c).generate(SharedData.ycbv().resolve("models"), again, 1, 2, 1234);
        for (String file : new String[] {"scene_gt.json", "scene_camera.json", "scene_gt_info.json",
            "depth/000001.png", "rgb/000000.png", "mask_visib/000001_000002.png"}) {
            assertThat(Files.readAllBytes(again.resolve("test/000000").resolve(file))).as(file)
                    .isEqualTo(Files.readAllBytes(out.resolve("test/000000").resolve(file)));
        }
    }

    @Test
    void aCubeRestsOnItsSixFacesAlike() {
        float h = 30;
        float[] p = {-h, -h, -h, h, -h, -h, h, h, -h, -h, h, -h, -h, -h, h, h, -h, h, h, h, h, -h, h, h};
        int[] t = {0, 3, 2, 0, 2, 1, 4, 5, 6, 4, 6, 7, 0, 1, 5, 0, 5, 4, 3, 7, 6, 3, 6, 2, 0, 4, 7, 0, 7, 3, 1, 2, 6,
            1, 6, 5};
        List<StablePoses.Rest> rests = StablePoses.of(new Mesh(p, null, null, t));
        assertThat(rests).hasSize(6);
        for (StablePoses.Rest r : rests) {
            assertThat(r.tipAngleDeg()).isCloseTo(45, within(1e-6));
            assertThat(r.probability()).isCloseTo(1 / 6.0, within(0.05));
            assertThat(Polygon2.area(r.footprint())).isCloseTo(60 * 60, within(1e-3));
            // lowest point on the plane, centre of mass above the origin
            assertThat(r.modelToRest().apply(0, 0, 0)).containsExactly(new double[] {0, 0, 30}, within(1e-9));
        }
    }

    @Test
    void depthNoiseGrowsWithTheSquareOfTheDistance() {
        CameraIntrinsics k = new CameraIntrinsics(615, 615, 49.5, 49.5);
        ConfigDepthNoise cfg = new ConfigDepthNoise();
        cfg.randomDropProbability = 0;
        cfg.disparityStepPx = 0;
        double[] sigma = new double[2];
        double[] zs = {600, 1200};
        for (int s = 0; s < 2; s++) {
            float[] depth = new float[100 * 100];
            java.util.Arrays.fill(depth, (float) zs[s]);
            float[] noisy = DepthNoise.degradeDepth(depth, null, null, 100, 100, k, cfg, new Random(5));
            double sum = 0;
            for (float v : noisy) {
                sum += (v - zs[s]) * (v - zs[s]);
            }
            sigma[s] = Math.sqrt(sum / noisy.length);
            assertThat(sigma[s]).isCloseTo(zs[s] * zs[s] * 0.08 / (615 * 50), within(0.1 * sigma[s]));
        }
        assertThat(sigma[1] / sigma[0]).isCloseTo(4, within(0.4));
    }
}
