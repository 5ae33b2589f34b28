package io.sam6d.vision.djl.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.djl.ObjectNotUsableException;
import io.sam6d.vision.djl.TestModels;
import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ISM engine over a network that keeps the pixels between 0.45 and 0.55 m with score 0.875. */
class DjlSegmenterTest {

    @TempDir
    static Path dir;

    static DjlSegmenter engine;

    @BeforeAll
    static void load() throws Exception {
        ConfigIsmTorchScript cfg = new ConfigIsmTorchScript();
        cfg.modelPath = TestModels.ismDepthBand(dir.resolve("ism.pt"), 0.45f, 0.55f, 0.875f);
        cfg.templateSize = 32;
        engine = DjlSegmenter.load(cfg);
    }

    @AfterAll
    static void close() {
        if (engine != null) {
            engine.close();
        }
    }

    /** A 640x480 frame: background at 800 mm, a 100x80 block at 500 mm whose top-left pixel is (200, 150). */
    static RgbdFrame frame() {
        int w = 640, h = 480;
        float[] mm = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                mm[y * w + x] = x >= 200 && x < 300 && y >= 150 && y < 230 ? 500f : 800f;
            }
        }
        return new RgbdFrame(RgbImage.blank(w, h), new DepthImage(w, h, mm),
                new CameraIntrinsics(572.4, 573.6, 325.3, 242.0));
    }

    static ObjectModel object(String name, Path templates) {
        Mesh mesh = new Mesh(new float[] {0, 0, 0, 10, 0, 0, 0, 10, 0}, null, null, new int[] {0, 1, 2});
        return new ObjectModel(name, mesh, 14.1, List.of(), templates);
    }

    /** View i: a 40x30 block of colour (r, g, b) in a 64x64 image. */
    static void template(Path dir, int i, int r, int g, int b) {
        int w = 64, h = 64;
        byte[] rgb = new byte[3 * w * h];
        boolean[] mask = new boolean[w * h];
        for (int y = 10; y < 40; y++) {
            for (int x = 12; x < 52; x++) {
                mask[y * w + x] = true;
                rgb[3 * (y * w + x)] = (byte) r;
                rgb[3 * (y * w + x) + 1] = (byte) g;
                rgb[3 * (y * w + x) + 2] = (byte) b;
            }
        }
        ImageFiles.write(dir.resolve("rgb_" + i + ".png"), ImageFiles.encodeRgbPng(new RgbImage(w, h, rgb)));
        ImageFiles.write(dir.resolve("mask_" + i + ".png"), ImageFiles.encodeMaskPng(mask, w, h));
    }

    @Test
    void templatesAreCroppedToTheirMaskAndEncodedOnce() {
        Path t = dir.resolve("templates/cup");
        template(t, 0, 255, 0, 0);
        template(t, 3, 0, 255, 255);
        DjlSegmenter.Prepared p = (DjlSegmenter.Prepared) engine.prepare(object("cup", t));
        assertThat(p.viewIds()).containsExactly(0, 3);
        // a 40x30 box in a 40x40 square crop: 3/4 of the crop is object, black elsewhere
        assertThat(p.descriptors()[0][0]).isCloseTo(0.75f, within(0.02f));
        assertThat(p.descriptors()[0][1]).isCloseTo(0f, within(1e-6f));
        assertThat(p.descriptors()[1][0]).isCloseTo(0f, within(1e-6f));
        assertThat(p.descriptors()[1][2]).isCloseTo(0.75f, within(0.02f));
    }

    @Test
    void depthBandBecomesOneDetectionWithTheNetworksScore() {
        Path t = dir.resolve("templates/box");
        template(t, 0, 10, 10, 10);
        template(t, 1, 200, 200, 200);
        PreparedModel box = engine.prepare(object("box", t));
        SegmentationResult result = engine.segment(frame(), List.of(box));

        assertThat(result.detections()).hasSize(1);
        Detection d = result.detections().get(0);
        assertThat(d.objectName()).isEqualTo("box");
        assertThat(d.score()).isCloseTo(0.875, within(1e-6));
        assertThat(d.mask().area()).isEqualTo(100 * 80);
        assertThat(d.bbox()).containsExactly(200, 150, 100, 80);
        assertThat(d.mask().get(200, 150)).isTrue();
        assertThat(d.mask().get(199, 150)).isFalse();
        // the brighter view has the larger descriptor sum
        assertThat(d.templateViews()).extracting(Detection.TemplateMatch::viewId).containsExactly(1);
        assertThat(d.coarsePose()).isNull();
    }

    @Test
    void nothingInTheBandGivesNoDetection() {
        Path t = dir.resolve("templates/far");
        template(t, 0, 90, 90, 90);
        PreparedModel far = engine.prepare(object("far", t));
        RgbdFrame f = frame();
        float[] mm = f.depth().mm();
        for (int i = 0; i < mm.length; i++) {
            mm[i] = 800f;
        }
        assertThat(engine.segment(f, List.of(far)).detections()).isEmpty();
    }

    @Test
    void anObjectWithoutTemplatesIsRefusedWithAHint() {
        assertThatThrownBy(() -> engine.prepare(object("bare", null)))
                .isInstanceOf(ObjectNotUsableException.class)
                .hasMessageContaining("needs rendered templates of 'bare'");
    }

    @Test
    void reportsWhatIsLoaded() {
        assertThat(engine.name()).isEqualTo("djl");
        assertThat(engine.info().contract()).isEqualTo("sam6d-ism/1");
        assertThat(engine.info().device()).isIn("cpu", "gpu:0");
        assertThat(engine.info().details()).containsKeys("model_path", "device", "load_time_ms", "libtorch");
    }
}
