package io.sam6d.vision.geometry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import io.sam6d.vision.geometry.DepthToColorAligner.Pinhole;
import org.junit.jupiter.api.Test;

/** The geometry of depth-to-colour alignment on synthetic scenes whose answer is known pixel by pixel. */
class DepthToColorAlignerTest {

    static final double[] IDENTITY = {1, 0, 0, 0, 1, 0, 0, 0, 1};
    static final double MM = 0.001; // metres per raw unit: raw = millimetres

    final Pinhole camera = new Pinhole(64, 48, 50, 50, 32, 24);

    @Test
    void identityExtrinsicsAndEqualCamerasGiveTheDepthBack() {
        int[] depth = new int[64 * 48];
        for (int i = 0; i < depth.length; i++) {
            depth[i] = i % 7 == 0 ? 0 : 800 + i % 100;
        }
        int[] aligned = DepthToColorAligner.align(depth, camera, IDENTITY, new double[3], MM, camera);
        assertThat(aligned).isEqualTo(depth);
    }

    @Test
    void baselineShiftsByTheDisparityAndTheNearerSurfaceWins() {
        // a wall at 1 m, a box at 0.5 m over depth columns 20..29; colour camera 50 mm to the right of the depth
        // camera's frame origin: p_color = p_depth + (0.05, 0, 0), so u_color = u_depth + fx * 0.05 / z
        int[] depth = new int[64 * 48];
        Arrays.fill(depth, 1000);
        for (int y = 10; y < 40; y++) {
            for (int x = 20; x < 30; x++) {
                depth[y * 64 + x] = 500;
            }
        }
        int[] aligned = DepthToColorAligner.align(depth, camera, IDENTITY, new double[] {0.05, 0, 0}, MM, camera);
        int row = 25 * 64;
        // wall shifts by 50 * 0.05 / 1 = 2.5 px, box by 5 px: box now on columns 25..34
        for (int u = 25; u <= 34; u++) {
            assertThat(aligned[row + u]).as("column %d", u).isEqualTo(500);
        }
        assertThat(aligned[row + 40]).isEqualTo(1000);
        assertThat(aligned[row + 10]).isEqualTo(1000);
        // the wall seen by the colour camera left of the box was hidden from the depth camera: no value there
        assertThat(aligned[row + 23]).isZero();
        // nothing is known about the leftmost columns (outside the depth camera's view)
        assertThat(aligned[row]).isZero();
    }

    @Test
    void rotationIsReadColumnMajorAsLibrealsenseStoresIt() {
        // depth->colour = 90 degrees about the optical axis; row-major [[0,-1,0],[1,0,0],[0,0,1]]
        double[] columnMajor = {0, 1, 0, -1, 0, 0, 0, 0, 1};
        int[] depth = new int[64 * 48];
        depth[24 * 64 + 42] = 1000; // 10 px right of the principal point
        int[] aligned = DepthToColorAligner.align(depth, camera, columnMajor, new double[3], MM, camera);
        // (10, 0) -> (0, 10): 10 px below the principal point, not above
        assertThat(aligned[34 * 64 + 32]).isEqualTo(1000);
        assertThat(aligned[14 * 64 + 32]).isZero();
    }

    @Test
    void depthIsTheColourCamerasZAndScalesArePreserved() {
        int[] depth = new int[64 * 48];
        Arrays.fill(depth, 10000); // 1 m at 0.1 mm per unit
        int[] aligned = DepthToColorAligner.align(depth, camera, IDENTITY, new double[] {0, 0, 0.02}, 0.0001,
                camera);
        assertThat(aligned[24 * 64 + 32]).isEqualTo(10200); // 1.02 m
    }

    @Test
    void finerColourImageHasNoHoles() {
        Pinhole coarseDepth = new Pinhole(32, 24, 25, 25, 15.75, 11.75); // the colour camera at half size
        int[] depth = new int[32 * 24];
        Arrays.fill(depth, 700);
        int[] aligned = DepthToColorAligner.align(depth, coarseDepth, IDENTITY, new double[3], MM, camera);
        assertThat(Arrays.stream(aligned).filter(v -> v == 700).count()).isEqualTo(64 * 48);
    }
}
