package io.sam6d.ism.segment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.file.Path;

import io.sam6d.ism.IsmServerApplication;
import io.sam6d.support.models.EngineSetupException;
import io.sam6d.vision.djl.TestModels;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * ism-server refuses to start on a bad model file, naming the setting and the problem (full start-ups; the other
 * settings are checked in {@link IsmConfigurationTest}).
 */
class DjlStartupFailureTest {

    @TempDir
    Path dir;

    /** As command-line arguments: they win over application.yml, as environment variables would. */
    String[] args(String... properties) {
        String[] args = new String[properties.length + 1];
        args[0] = "--sam6d.static-dir=" + dir.resolve("static");
        for (int i = 0; i < properties.length; i++) {
            args[i + 1] = "--" + properties[i];
        }
        return args;
    }

    EngineSetupException startWith(String... properties) {
        Throwable t = catchThrowable(() -> {
            try (ConfigurableApplicationContext ctx = new SpringApplicationBuilder(IsmServerApplication.class)
                    .web(WebApplicationType.NONE)
                    // the failure is expected and asserted below, not reported as an ERROR in a green build
                    .properties("spring.main.banner-mode=off",
                            "logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=off")
                    .run(args(properties))) {
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
    void modelOffTheContract() throws IOException {
        Path f = TestModels.pemCentroid(dir.resolve("pem.pt"), new float[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
                new float[3]);
        EngineSetupException e = startWith("sam6d.ism.model-path=" + f, "sam6d.ism.template-size=16");
        assertThat(e.getMessage()).startsWith("ISM_MODEL_PATH (sam6d.ism.model-path): sam6d-ism/1");
    }

    @Test
    void fileOfTheOtherStage() throws IOException {
        Path f = TestModels.claiming(dir.resolve("pem.pt"), "sam6d-pem/2");
        EngineSetupException e = startWith("sam6d.ism.model-path=" + f);
        assertThat(e.getMessage()).startsWith("ISM_MODEL_PATH (sam6d.ism.model-path): model file " + f.toAbsolutePath()
                + " follows sam6d-pem/2, this engine takes sam6d-ism/1 or sam6d-ism/2");
    }

    @Test
    void exportWithoutTheContractsMethods() throws IOException {
        Path f = TestModels.claiming(dir.resolve("ism.pt"), "sam6d-ism/2");
        EngineSetupException e = startWith("sam6d.ism.model-path=" + f);
        assertThat(e.getMessage()).startsWith("ISM_MODEL_PATH (sam6d.ism.model-path): sam6d-ism/2: encode_image(")
                .contains("failed");
    }
}
