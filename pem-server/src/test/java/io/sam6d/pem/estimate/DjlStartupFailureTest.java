package io.sam6d.pem.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;

import io.sam6d.pem.PemServerApplication;
import io.sam6d.support.models.EngineSetupException;
import io.sam6d.vision.djl.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** pem-server refuses to start on a model off the pose contract, naming the setting and the problem. */
class DjlStartupFailureTest {

    @TempDir
    Path dir;

    EngineSetupException startWith(String... properties) {
        String[] args = new String[properties.length + 1];
        args[0] = "--sam6d.static-dir=" + dir.resolve("static");
        for (int i = 0; i < properties.length; i++) {
            args[i + 1] = "--" + properties[i];
        }
        Throwable t = catchThrowable(() -> {
            try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(PemServerApplication.class)
                    // the failure is expected and asserted below, not reported as an ERROR in a green build
                    .web(WebApplicationType.NONE).properties("spring.main.banner-mode=off",
                            "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=off")
                    .run(args)) {
                // started: the assertion below fails
            }
        });
        while (t != null && !(t instanceof EngineSetupException)) {
            t = t.getCause();
        }
        assertThat(t).as("start-up fails with an EngineSetupException").isNotNull();
        return (EngineSetupException) t;
    }

    @Test
    void segmentationModelGivenToThePoseServer() throws IOException {
        Path f = TestModels.ismDepthBand(dir.resolve("ism.pt"), 0.1f, 0.2f, 0.5f);
        EngineSetupException e = startWith("sam6d.pem.model-path=" + f, "sam6d.pem.observed-points=64",
                "sam6d.pem.model-points=32");
        assertThat(e.getMessage()).startsWith("PEM_MODEL_PATH (sam6d.pem.model-path): sam6d-pem/1 forward")
                .contains("R must have shape (1, 3, 3), got (1, 224, 224)");
    }

    @Test
    void fileOfTheOtherStage() throws IOException {
        Path f = TestModels.claiming(dir.resolve("ism.pt"), "sam6d-ism/2");
        EngineSetupException e = startWith("sam6d.pem.model-path=" + f);
        assertThat(e.getMessage()).startsWith("PEM_MODEL_PATH (sam6d.pem.model-path): model file " + f.toAbsolutePath()
                + " follows sam6d-ism/2, this engine takes sam6d-pem/1 or sam6d-pem/2");
    }

    @Test
    void exportWithoutTheContractsMethods() throws IOException {
        Path f = TestModels.claiming(dir.resolve("pem.pt"), "sam6d-pem/2");
        EngineSetupException e = startWith("sam6d.pem.model-path=" + f);
        assertThat(e.getMessage()).startsWith("PEM_MODEL_PATH (sam6d.pem.model-path): sam6d-pem/2: encode_object(")
                .contains("failed");
    }
}
