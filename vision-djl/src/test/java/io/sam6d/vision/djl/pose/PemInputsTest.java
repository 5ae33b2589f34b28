package io.sam6d.vision.djl.pose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import org.junit.jupiter.api.Test;

/** Pre-processing of the PEM contract, plain Java (no libtorch). */
class PemInputsTest {

    static final int W = 100, H = 80;
    static final CameraIntrinsics CAMERA = new CameraIntrinsics(100, 100, 49.5, 39.5);

    static ConfigPemTorchScript config(int points) {
        ConfigPemTorchScript c = new ConfigPemTorchScript();
        c.observedPoints = points;
        c.cropSize = 10;
        c.minPoints = 4;
        return c;
    }

    static Mask box(int x0, int y0, int w, int h) {
        boolean[] b = new boolean[W * H];
        for (int y = y0; y < y0 + h; y++) {
            for (int x = x0; x < x0 + w; x++) {
                b[y * W + x] = true;
            }
        }
        return new Mask(W, H, b);
    }

    static RgbdFrame frame(float[] mm) {
        byte[] rgb = new byte[3 * W * H];
        for (int i = 0; i < W * H; i++) {
            rgb[3 * i] = (byte) (i % W); // red = column
        }
        return new RgbdFrame(new RgbImage(W, H, rgb), new DepthImage(W, H, mm), CAMERA);
    }

    @Test
    void pointsAreBackProjectedInMetresAndChooseIndexesTheCrop() {
        float[] mm = new float[W * H];
        java.util.Arrays.fill(mm, 1000f);
        PemInputs.Observation o = PemInputs.observe(frame(mm), box(40, 30, 20, 10), 500, config(200), 7);

        assertThat(o.pointsM()).hasSize(600);
        assertThat(o.rgbChoose()).hasSize(200);
        java.util.Set<Long> distinct = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            float x = o.pointsM()[3 * i], y = o.pointsM()[3 * i + 1], z = o.pointsM()[3 * i + 2];
            assertThat(z).isEqualTo(1.0f);
            int u = (int) Math.round(x * 100 / z + 49.5), v = (int) Math.round(y * 100 / z + 39.5);
            assertThat(u).isBetween(40, 59);
            assertThat(v).isBetween(30, 39);
            // the crop is 20x10 pixels resized to 10x10: column (u-40)/2, row v-30
            assertThat(o.rgbChoose()[i]).isEqualTo((long) (v - 30) * 10 + (u - 40) / 2);
            distinct.add(o.rgbChoose()[i]);
        }
        assertThat(distinct).hasSize(100); // all 200 pixels used once, two per crop cell
        // the crop's red channel follows the columns 40..59
        assertThat(o.rgb()[0]).isCloseTo(40.5f / 255, within(1e-3f));
        assertThat(o.rgb()[9]).isCloseTo(58.5f / 255, within(1e-3f));
    }

    @Test
    void fewerPixelsThanPointsAreRepeatedAndOutliersDropped() {
        float[] mm = new float[W * H];
        java.util.Arrays.fill(mm, 1000f);
        mm[30 * W + 40] = 5000f; // background leaking into the mask, 4 m behind
        PemInputs.Observation o = PemInputs.observe(frame(mm), box(40, 30, 4, 4), 50, config(64), 1);

        for (int i = 0; i < 64; i++) {
            assertThat(o.pointsM()[3 * i + 2]).isEqualTo(1.0f);
        }
        assertThat(PemInputs.observe(frame(new float[W * H]), box(40, 30, 4, 4), 50, config(64), 1)).isNull();
    }

    @Test
    void modelPointsAreInMetres() {
        Mesh tri = new Mesh(new float[] {0, 0, 0, 100, 0, 0, 0, 100, 0}, null, null, new int[] {0, 1, 2});
        float[] p = io.sam6d.vision.djl.ObjectInputs.modelPointsM(tri, 50, 3);
        assertThat(p).hasSize(150);
        for (int i = 0; i < 50; i++) {
            assertThat(p[3 * i] + p[3 * i + 1]).isBetween(0f, 0.1001f);
            assertThat(p[3 * i + 2]).isZero();
        }
    }
}
