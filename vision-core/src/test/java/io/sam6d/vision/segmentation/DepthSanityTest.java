package io.sam6d.vision.segmentation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import org.junit.jupiter.api.Test;

class DepthSanityTest {

    private static RgbdFrame flat(float depthMm) {
        float[] d = new float[640 * 480];
        Arrays.fill(d, depthMm);
        return new RgbdFrame(RgbImage.blank(640, 480), new DepthImage(640, 480, d),
                new CameraIntrinsics(600, 600, 319.5, 239.5));
    }

    @Test
    void aPlausibleDepthGivesNoWarning() {
        assertThat(DepthSanity.check(flat(800), 100, 250)).isEmpty();
        assertThat(DepthSanity.implausible(flat(800), 100, 250)).isFalse();
    }

    @Test
    void depthInMetresIsNamedWithTheFactor() {
        List<String> w = DepthSanity.check(flat(0.8f), 100, 250);
        assertEquals(1, w.size());
        assertThat(w.get(0)).contains("0.80 mm").contains("metres").contains("multiply depth_scale by 1000")
                .contains("800 mm");
        assertThat(DepthSanity.implausible(flat(0.8f), 100, 250)).isTrue();
    }

    @Test
    void depthScaledTwiceIsNamedWithTheFactor() {
        List<String> w = DepthSanity.check(flat(800_000), 100, 250);
        assertThat(w.get(0)).contains("800 m").contains("multiply depth_scale by 0.001");
    }

    @Test
    void centimetresAreRecognised() {
        assertThat(DepthSanity.check(flat(40), 100, 250).get(0)).contains("centimetres")
                .contains("multiply depth_scale by 10 ");
    }

    @Test
    void missingDepthIsReported() {
        assertThat(DepthSanity.check(flat(0), 100, 250)).singleElement().asString().contains("no valid pixel");
        float[] d = new float[640 * 480];
        for (int i = 0; i < d.length; i += 20) {
            d[i] = 800;
        }
        RgbdFrame sparse = new RgbdFrame(RgbImage.blank(640, 480), new DepthImage(640, 480, d),
                new CameraIntrinsics(600, 600, 319.5, 239.5));
        assertThat(DepthSanity.check(sparse, 100, 250)).singleElement().asString().contains("5.0% of the depth");
    }
}
