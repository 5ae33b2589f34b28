package io.sam6d.ism.segment;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.sam6d.support.models.EngineSetupException;
import io.sam6d.vision.djl.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine choice from the settings, without starting the server. */
class IsmConfigurationTest {

    @TempDir
    Path dir;

    static IsmSettings settings(String engine, String modelPath, String device) {
        return new IsmSettings(engine, modelPath, device, 1, 16, null, 8, null, 0.2, 10, 32, 0.88, 0.85, 0.2, 50);
    }

    @Test
    void missingModelFile() {
        String f = dir.resolve("missing.pt").toString();
        assertThatThrownBy(() -> new IsmConfiguration().chosenSegmenter(settings("auto", f, "cpu")))
                .isInstanceOf(EngineSetupException.class)
                .hasMessageStartingWith("ISM_MODEL_PATH (sam6d.ism.model-path): model file")
                .hasMessageContaining("missing.pt does not exist");
    }

    @Test
    void corruptModelFileNamesTheModelSetting() throws IOException {
        Path f = Files.write(dir.resolve("corrupt.pt"), "not a model".getBytes());
        assertThatThrownBy(() -> new IsmConfiguration().chosenSegmenter(settings("auto", f.toString(), "cpu")))
                .isInstanceOf(EngineSetupException.class)
                .hasMessageStartingWith("ISM_MODEL_PATH (sam6d.ism.model-path): model file")
                .hasMessageContaining("is not a TorchScript archive");
    }

    @Test
    void djlEngineWithoutModel() {
        assertThatThrownBy(() -> new IsmConfiguration().chosenSegmenter(settings("djl", " ", "cpu")))
                .isInstanceOf(EngineSetupException.class)
                .hasMessageStartingWith("ISM_MODEL_PATH (sam6d.ism.model-path): the djl engine");
    }

    @Test
    void unknownEngine() {
        assertThatThrownBy(() -> new IsmConfiguration().chosenSegmenter(settings("nope", "", "cpu")))
                .isInstanceOf(EngineSetupException.class)
                .hasMessageStartingWith("ISM_ENGINE (sam6d.ism.engine): no Segmenter engine named 'nope'");
    }

    @Test
    void unknownDevice() throws IOException {
        Path f = TestModels.ismDepthBand(dir.resolve("ism.pt"), 0.1f, 0.2f, 0.5f);
        assertThatThrownBy(() -> new IsmConfiguration().chosenSegmenter(settings("auto", f.toString(), "tpu:0")))
                .isInstanceOf(EngineSetupException.class)
                .hasMessageStartingWith("ISM_DEVICE (sam6d.ism.device): device 'tpu:0'");
    }
}
