package io.sam6d.vision.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.vision.SharedData;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clutter preset on a tiny set ({@link TinyClutterSet}): the ground truth holds the asked objects only, and
 * exactly; distractors and background are drawn, hide the objects where they are in front, and never enter their
 * masks.
 */
class ClutterScenesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void groundTruthHoldsTheTargetsOnlyAndDistractorsHideThemButStayOutOfTheirMasks() throws IOException {
        Path root = TinyClutterSet.get();
        BopDataset ds = BopDataset.open(root);
        assertThat(ds.modelsInfo().keySet()).containsExactlyInAnyOrder(5, 17, 21);
        assertThat(ds.scenes("test")).containsExactly(0, 1);
        MeshRenderer renderer = new MeshRenderer();
        RenderModel table = RenderModel.of(TableMesh.create(2400, 48, 7));
        int hiddenByOthers = 0, nearer = 0;
        for (int scene : ds.scenes("test")) {
            JsonNode solids = JSON.readTree(root.resolve("test").resolve(String.format("%06d", scene))
                    .resolve("scene_synthetic.json").toFile()).get("solids");
            List<String> distractors = new ArrayList<>();
            int background = 0;
            for (JsonNode s : solids) {
                switch (s.get("role").asText()) {
                    case "distractor" -> distractors.add(s.get("name").asText());
                    case "background" -> background++;
                    default -> assertThat(s.get("name").asText()).matches("obj_0000(05|17|21)");
                }
            }
            assertThat(distractors).contains("lmo_models/obj_000001");
            assertThat(distractors.stream().filter(n -> n.equals("box") || n.equals("cylinder"))).isNotEmpty();
            assertThat(background).as("the room's walls at least").isGreaterThanOrEqualTo(4);

            for (BopFrame f : ds.frames("test", scene)) {
                assertThat(f.gt()).hasSize(3);
                assertThat(f.gt().stream().map(BopFrame.GtPose::objId).sorted().toList()).containsExactly(5, 17, 21);
                // the targets and the table alone: what each target shows when nothing else is there
                List<RenderInstance> alone = new ArrayList<>();
                for (BopFrame.GtPose g : f.gt()) {
                    alone.add(new RenderInstance(RenderModel.of(ds.model(g.objId())), g.modelToCamera()));
                }
                alone.add(new RenderInstance(table, worldToCamera(f)));
                RenderResult r = renderer.renderScene(alone, f.camera(), 160, 120, null, RenderOutput.ALL);
                DepthImage depth = ImageFiles.readDepth(f.depth(), f.depthScale());
                for (int k = 0; k < f.gt().size(); k++) {
                    boolean[] visib = ImageFiles.decodeMask(ImageFiles.readBytes(f.visibleMask(k)), null);
                    boolean[] full = ImageFiles.decodeMask(ImageFiles.readBytes(f.sceneDir().resolve("mask")
                            .resolve(String.format("%06d_%06d.png", f.imageId(), k))), null);
                    int area = 0, all = 0, stray = 0;
                    for (int i = 0; i < visib.length; i++) {
                        area += visib[i] ? 1 : 0;
                        all += full[i] ? 1 : 0;
                        boolean mine = r.instance()[i] == k;
                        // visible pixels are the target's own: others only ever hide it
                        stray += visib[i] && !mine || visib[i] && !full[i] ? 1 : 0;
                        if (mine && !visib[i] && depth.mm()[i] > 0) {
                            // hidden by a distractor or the background: mostly something nearer is measured
                            // there (not always: noise, and touching solids meet at the same depth)
                            hiddenByOthers++;
                            nearer += depth.mm()[i] < r.depthMm()[i] - 1 ? 1 : 0;
                        }
                    }
                    BopFrame.GtInfo info = f.gtInfo().get(k);
                    assertThat(info.pxCountVisib()).isEqualTo(area);
                    assertThat(info.visibFract()).isCloseTo(all == 0 ? 0 : area / (double) all, within(1e-9));
                    // the table meets the target where it stands: a pixel or two may go either way
                    assertThat(stray).as("frame %d/%d object %d", scene, f.imageId(), k).isLessThanOrEqualTo(2);
                }
            }
        }
        assertThat(hiddenByOthers).as("distractors and background hide some targets").isPositive();
        assertThat(nearer).isGreaterThan(hiddenByOthers * 8 / 10);
    }

    @Test
    void theSetRecordsItsSeedAndWhatItHolds() throws IOException {
        JsonNode info = JSON.readTree(TinyClutterSet.get().resolve("synthetic_info.json").toFile());
        assertThat(info.get("seed").asLong()).isEqualTo(TinyClutterSet.SEED);
        assertThat(info.get("seed_purpose").asText()).isEqualTo("tuning");
        assertThat(info.get("summary").get("instances").asInt()).isEqualTo(12);
        assertThat(info.get("config").get("touchingProbability").asDouble()).isEqualTo(0.5);
        assertThat(SeedSplit.purposeOf(999)).isEqualTo("tuning");
        assertThat(SeedSplit.purposeOf(1000)).isEqualTo("reporting");
    }

    @Test
    void aModelIsNamedByItsRoleInEachSetWhenGeneratorsShareItsPreparation(@TempDir Path dir) throws IOException {
        Path ape = TinyClutterSet.apeOnly(dir.resolve("lmo_models").resolve("models"));
        ConfigSyntheticScenes first = new ConfigSyntheticScenes();
        first.objectIds = new int[] {21};
        first.width = 64;
        first.height = 48;
        first.camera = first.camera.scaled(0.1, 0.1);
        first.minDistractors = 1;
        first.maxDistractors = 1;
        first.distractorModelsDirs.add(ape);
        SyntheticScenes generator = new SyntheticScenes(first);
        generator.generate(SharedData.ycbv().resolve("models"), dir.resolve("a"), 1, 1, 3);
        ConfigSyntheticScenes second = new ConfigSyntheticScenes();
        second.width = 64;
        second.height = 48;
        second.camera = first.camera;
        // the ape, a distractor of the first set, is the target of the second
        generator.withConfig(second).generate(ape, dir.resolve("b"), 1, 1, 3);
        BopFrame f = BopDataset.open(dir.resolve("b")).frames("test", 0).get(0);
        assertThat(f.gt()).extracting(BopFrame.GtPose::objId).containsExactly(1);
        JsonNode solids = JSON.readTree(dir.resolve("a/test/000000/scene_synthetic.json").toFile()).get("solids");
        assertThat(solids.findValuesAsText("name")).contains("obj_000021", "lmo_models/obj_000001");
    }

    @Test
    void presetsAndOptionsParse() {
        ConfigSyntheticScenes c = SyntheticScenes.parseOptions(new String[] {"--max-objects", "5", "--preset",
            "clutter", "--backgrounds", "bin,shelf", "--distractors", "/tmp/x"}, 0);
        assertThat(c.maxObjects).isEqualTo(5);
        assertThat(c.touchingProbability).isEqualTo(0.5);
        assertThat(c.backgrounds).containsExactly(Background.BIN, Background.SHELF);
        assertThat(c.distractorModelsDirs).containsExactly(Path.of("/tmp/x"));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ConfigSyntheticScenes.preset("messy"))
                .hasMessageContaining("clutter");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Background.parse("garden"))
                .hasMessageContaining("shelf");
        ConfigSyntheticScenes noDirs = ConfigSyntheticScenes.preset("clutter");
        org.assertj.core.api.Assertions.assertThatThrownBy(noDirs::checkValidity)
                .hasMessageContaining("distractorModelsDirs");
    }

    /** The table frame's pose from {@code scene_camera.json}. */
    static RigidTransform worldToCamera(BopFrame f) throws IOException {
        JsonNode cam = JSON.readTree(f.sceneDir().resolve("scene_camera.json").toFile())
                .get(String.valueOf(f.imageId()));
        double[] r = new double[9], t = new double[3];
        for (int i = 0; i < 9; i++) {
            r[i] = cam.get("cam_R_w2c").get(i).asDouble();
        }
        for (int i = 0; i < 3; i++) {
            t[i] = cam.get("cam_t_w2c").get(i).asDouble();
        }
        return new RigidTransform(r, t);
    }
}
