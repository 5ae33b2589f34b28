package io.sam6d.pem.estimate;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.sam6d.support.models.EngineSetupException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine choice from the settings, without starting the server. */
class PemConfigurationTest {

    @TempDir
    Path dir;

    static PemSettings settings(String engine, String modelPath, String device) {
        return new PemSettings(engine, modelPath, device, 1, 64, 32, null, 8, null, 100);
    }

    @Test
    void missingModelFile() {
        String f = dir.resolve("missing.pt").toString();
        assertThatThrownBy(() -> new PemConfiguration().chosenPoseEstimator(settings("auto", f, "cpu")))
                .isInstanceOf(EngineSetupException.class)
                .hasMessageStartingWith("PEM_MODEL_PATH (sam6d.pem.model-path): model file")
                .hasMessageContaining("missing.pt does not exist");
    }

    @Test
    void checkpointInsteadOfTorchScript() throws IOException {
        Path f = dir.resolve("weights.pth");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(f))) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(new byte[] {(byte) 0x80, 2, '}', '.'});
            zip.closeEntry();
        }
        assertThatThrownBy(() -> new PemConfiguration().chosenPoseEstimator(settings("djl", f.toString(), "cpu")))
                .isInstanceOf(EngineSetupException.class)
                .hasMessageContaining("torch.save checkpoint");
    }

    @Test
    void djlEngineWithoutModel() {
        assertThatThrownBy(() -> new PemConfiguration().chosenPoseEstimator(settings("djl", "", "cpu")))
                .isInstanceOf(EngineSetupException.class)
                .hasMessageStartingWith("PEM_MODEL_PATH (sam6d.pem.model-path): the djl engine");
    }

    @Test
    void unknownEngine() {
        assertThatThrownBy(() -> new PemConfiguration().chosenPoseEstimator(settings("nope", null, "cpu")))
                .isInstanceOf(EngineSetupException.class)
                .hasMessageStartingWith("PEM_ENGINE (sam6d.pem.engine): no PoseEstimator engine named 'nope'");
    }
}
