package io.sam6d.vision.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sam6d.vision.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one reader of {@code camera.json}: the shapes it takes and the reasons it gives. */
class CameraFileTest {

    @TempDir
    Path dir;

    private Path write(String json) throws IOException {
        return Files.writeString(dir.resolve("camera.json"), json);
    }

    @Test
    void readsTheLmoExampleCamera() {
        CameraFile cam = CameraFile.read(SharedData.lmoExample().resolve("camera.json"));
        assertThat(cam.camK()).hasSize(9);
        assertThat(cam.intrinsics().fx()).isEqualTo(cam.camK()[0]);
        assertThat(cam.depthScale()).isPositive();
    }

    @Test
    void takesATopLevelCameraOrAOneFrameSceneCameraAndDefaultsTheDepthScaleToOne() throws IOException {
        String k = "[600, 0, 320, 0, 610, 240, 0, 0, 1]";
        CameraFile top = CameraFile.read(write("{\"cam_K\": " + k + ", \"depth_scale\": 0.1}"));
        assertThat(top.depthScale()).isEqualTo(0.1);
        CameraFile scene = CameraFile.read(write("{\"0\": {\"cam_K\": " + k + "}}"));
        assertThat(scene.depthScale()).isEqualTo(1.0);
        assertThat(scene.intrinsics().fy()).isEqualTo(610);
    }

    @Test
    void namesWhatIsWrong() throws IOException {
        assertThatThrownBy(() -> CameraFile.read(write("{not json"))).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> CameraFile.read(write("{\"cam_K\": [1, 2, 3]}"))).hasMessageContaining("cam_K");
        assertThatThrownBy(() -> CameraFile.read(write("{\"cam_K\": [0, 0, 320, 0, 610, 240, 0, 0, 1]}")))
                .hasMessageContaining("fx and fy must be > 0");
        assertThatThrownBy(() -> CameraFile.read(write(
                "{\"cam_K\": [600, 0, 320, 0, 610, 240, 0, 0, 1], \"depth_scale\": -1}")))
                .hasMessageContaining("depth_scale must be a positive number");
        assertThatThrownBy(() -> CameraFile.read(write(
                "{\"cam_K\": [600, 0, 320, 0, 610, 240, 0, 0, 1], \"depth_scale\": \"1\"}")))
                .hasMessageContaining("depth_scale");
    }
}
