package io.sam6d.vision.djl.pose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import org.junit.jupiter.api.Test;

/** SAM-6D's PEM input preparation (get_bbox, get_resize_rgb_choose, the outlier filter) on small frames. */
class Sam6dPemInputsTest {

    static final int W = 80, H = 60;

    static boolean[] rect(int x0, int y0, int x1, int y1) {
        boolean[] m = new boolean[W * H];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                m[y * W + x] = true;
            }
        }
        return m;
    }

    @Test
    void boxIsSamSixDsSquareAboutTheMaskMovedIntoTheImage() {
        // rows 10..19, cols 20..49: side 30 about centre (15, 35) -> rows 0..30 after the move, cols 20..50
        assertThat(Sam6dPemInputs.squareBox(rect(20, 10, 50, 20), W, H)).containsExactly(0, 30, 20, 50);
        // at the right border: moved left
        assertThat(Sam6dPemInputs.squareBox(rect(70, 30, 80, 40), W, H)).containsExactly(30, 40, 70, 80);
        // larger than the image's smaller side: capped at 60
        assertThat(Sam6dPemInputs.squareBox(rect(0, 0, 80, 60), W, H)).containsExactly(0, 60, 10, 70);
        assertThat(Sam6dPemInputs.squareBox(new boolean[W * H], W, H)).isNull();
    }

    @Test
    void chosenPixelsIndexTheResizedCrop() {
        int[] box = {10, 30, 20, 50}; // 20 x 30 pixels
        assertThat(Sam6dPemInputs.resizedIndex(10, 20, box, 224)).isZero();
        // row 29 -> floor(19 * 224 / 20) = 212; col 49 -> floor(29 * 224 / 30) = 216
        assertThat(Sam6dPemInputs.resizedIndex(29, 49, box, 224)).isEqualTo(212L * 224 + 216);
    }

    @Test
    void choiceRepeatsOnlyWhenThereAreTooFewPixels() {
        int[] few = Sam6dPemInputs.choose(3, 10, new Random(1));
        assertThat(few).hasSize(10);
        assertThat(Arrays.stream(few).allMatch(i -> i >= 0 && i < 3)).isTrue();
        int[] many = Sam6dPemInputs.choose(100, 10, new Random(1));
        assertThat(Arrays.stream(many).distinct().count()).isEqualTo(10);
    }

    @Test
    void observationDropsPointsFarFromTheMeanAndNeedsEnoughDepth() {
        float[] mm = new float[W * H];
        Arrays.fill(mm, 1000f);
        mm[25 * W + 25] = 3000f; // background leaking into the mask, 2 m behind
        RgbdFrame frame = new RgbdFrame(RgbImage.blank(W, H), new DepthImage(W, H, mm),
                new CameraIntrinsics(100, 100, 40, 30));
        Mask mask = new Mask(W, H, rect(20, 20, 30, 30));

        Sam6dPemInputs.Crop c = Sam6dPemInputs.observe(frame, mask, 0.1f, 32, 500, new Random(0));

        for (int i = 0; i < 500; i++) {
            assertThat(c.pointsM()[3 * i + 2]).isEqualTo(1.0f);
            assertThat(c.choose()[i]).isBetween(0L, 32L * 32 - 1);
        }
        assertThat(c.rgb()).hasSize(3 * 32 * 32);
        // 32 pixels with depth or fewer: no observation
        assertThat(Sam6dPemInputs.observe(frame, new Mask(W, H, rect(20, 20, 28, 24)), 0.1f, 32, 50,
                new Random(0))).isNull();
    }

    @Test
    void maskedCropIsBlackOffTheMask() {
        byte[] rgb = new byte[3 * W * H];
        Arrays.fill(rgb, (byte) 200);
        boolean[] mask = rect(0, 0, 40, 60); // left half
        float[] crop = Sam6dPemInputs.maskedCrop(rgb, mask, W, new int[] {0, 60, 10, 70}, 8);
        assertThat(crop[0]).isCloseTo(200 / 255f, org.assertj.core.api.Assertions.within(1e-6f));
        assertThat(crop[7]).isZero();
    }
}
