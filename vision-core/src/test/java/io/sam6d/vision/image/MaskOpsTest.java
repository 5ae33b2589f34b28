package io.sam6d.vision.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.sam6d.vision.image.Mask;
import org.junit.jupiter.api.Test;

class MaskOpsTest {

    @Test
    void dilateAndErodeASquareByTheRadius() {
        int w = 40, h = 30;
        boolean[] bits = new boolean[w * h];
        for (int y = 10; y < 20; y++) {
            for (int x = 15; x < 25; x++) {
                bits[y * w + x] = true;
            }
        }
        Mask m = new Mask(w, h, bits);
        Mask grown = MaskOps.dilate(m, 3);
        assertThat(grown.get(12, 15)).isTrue();
        assertThat(grown.get(11, 15)).isFalse();
        assertThat(grown.get(27, 19)).isTrue();
        assertThat(grown.get(13, 8)).isTrue();
        assertThat(grown.get(12, 7)).isFalse(); // corners are rounded
        assertThat(grown.bbox()).containsExactly(12, 7, 16, 16);
        Mask shrunk = MaskOps.erode(m, 2);
        assertThat(shrunk.bbox()).containsExactly(17, 12, 6, 6);
        assertThat(MaskOps.erode(m, 5).area()).isZero();
        assertThat(MaskOps.dilate(m, 0)).isSameAs(m);
    }
}
