package io.sam6d.vision.djl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import ai.djl.Device;
import io.sam6d.vision.djl.pose.ConfigPemTorchScript;
import io.sam6d.vision.djl.pose.DjlPoseEstimator;
import io.sam6d.vision.djl.segmentation.ConfigIsmTorchScript;
import io.sam6d.vision.djl.segmentation.DjlSegmenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a model file can be unusable gets a message that says what is wrong. */
class ModelLoadingTest {

    @TempDir
    Path dir;

    static ConfigIsmTorchScript ism(Path file) {
        ConfigIsmTorchScript c = new ConfigIsmTorchScript();
        c.modelPath = file;
        c.templateSize = 16;
        return c;
    }

    static ConfigPemTorchScript pem(Path file) {
        ConfigPemTorchScript c = new ConfigPemTorchScript();
        c.modelPath = file;
        c.observedPoints = 64;
        c.modelPoints = 32;
        c.cropSize = 16;
        return c;
    }

    @Test
    void missingFile() {
        assertThatThrownBy(() -> DjlSegmenter.load(ism(dir.resolve("nope.pt"))))
                .isInstanceOf(ModelSetupException.class).hasMessageContaining("nope.pt does not exist");
    }

    @Test
    void notAZip() throws IOException {
        Path f = Files.write(dir.resolve("weights.pt"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        assertThatThrownBy(() -> DjlPoseEstimator.load(pem(f)))
                .isInstanceOf(ModelSetupException.class).hasMessageContaining("is not a TorchScript archive")
                .hasMessageContaining("torch.jit.save");
    }

    @Test
    void checkpointWithoutCode() throws IOException {
        Path f = dir.resolve("state_dict.pt");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(f))) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(new byte[] {(byte) 0x80, 2, '}', '.'});
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("archive/data/0"));
            zip.write(new byte[16]);
            zip.closeEntry();
        }
        assertThatThrownBy(() -> DjlSegmenter.load(ism(f)))
                .isInstanceOf(ModelSetupException.class).hasMessageContaining("torch.save checkpoint");
        assertThat(TorchScriptFiles.isTorchScript(f)).isFalse();
    }

    @Test
    void codeThatDoesNotCompile() throws IOException {
        Path f = TorchScriptArchive.module("Broken").buffer("w", new float[] {1}, 1)
                .method("""
                          def forward(self: __torch__.Broken,
                            x: Tensor) -> Tensor:
                            return torch.no_such_op(x)
                        """)
                .write(dir.resolve("broken.pt"));
        assertThat(TorchScriptFiles.isTorchScript(f)).isTrue();
        assertThatThrownBy(() -> DjlPoseEstimator.load(pem(f)))
                .isInstanceOf(ModelSetupException.class).hasMessageContaining("libtorch cannot load")
                .hasMessageContaining("no_such_op");
    }

    @Test
    void ismModelWithOneOutput() throws IOException {
        Path f = TestModels.oneOutput(dir.resolve("one.pt"));
        assertThatThrownBy(() -> DjlSegmenter.load(ism(f)))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("sam6d-ism/1 forward must return (masks [N,H,W], scores [N])")
                .hasMessageContaining("got 1 tensor(s)");
    }

    @Test
    void ismModelWithoutEncodeTemplates() throws IOException {
        Path f = TestModels.classifier(dir.resolve("classifier.pt"));
        assertThatThrownBy(() -> DjlSegmenter.load(ism(f)))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("sam6d-ism/1: encode_templates(rgb [2,3,16,16], mask [2,1,16,16]) failed");
    }

    @Test
    void ismModelGivenToThePoseEngine() throws IOException {
        Path f = TestModels.ismDepthBand(dir.resolve("ism.pt"), 0.1f, 0.2f, 0.5f);
        assertThatThrownBy(() -> DjlPoseEstimator.load(pem(f)))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("sam6d-pem/1");
    }

    @Test
    void poseModelWithWrongOutputs() throws IOException {
        Path f = TestModels.oneOutput(dir.resolve("one.pt"));
        assertThatThrownBy(() -> DjlPoseEstimator.load(pem(f)))
                .isInstanceOf(ContractViolationException.class)
                .hasMessageContaining("sam6d-pem/1 forward must return (R [B,3,3], t [B,3], score [B])");
    }

    @Test
    void devices() {
        assertThat(TorchRuntime.device("cpu")).isEqualTo(Device.cpu());
        assertThat(TorchRuntime.device(" CPU ")).isEqualTo(Device.cpu());
        // without a visible GPU the engine falls back to the CPU; on a GPU host it takes the GPU
        Device gpu = TorchRuntime.device("gpu:0");
        assertThat(gpu.isGpu()).isEqualTo(TorchRuntime.engine().getGpuCount() > 0);
        assertThat(TorchRuntime.describe(Device.gpu(1))).isEqualTo("gpu:1");
        assertThatThrownBy(() -> TorchRuntime.device("tpu")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cpu, gpu, gpu:N");
        ConfigIsmTorchScript c = ism(dir.resolve("x.pt"));
        c.device = "metal";
        assertThatThrownBy(c::checkValidity).hasMessageContaining("device 'metal'");
    }
}
