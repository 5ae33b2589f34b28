package io.sam6d.support.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineChoiceTest {

    static String resolve(String engine, String model) {
        return EngineChoice.resolve(engine, model, "X_ENGINE", "X_MODEL_PATH");
    }

    @Test
    void weightFreeUnlessAModelIsGiven() {
        assertThat(resolve("auto", "")).isEqualTo("weight-free");
        assertThat(resolve(null, null)).isEqualTo("weight-free");
        assertThat(resolve("auto", "/models/ism.pt")).isEqualTo("djl");
        assertThat(resolve(" ", "/models/ism.pt")).isEqualTo("djl");
    }

    @Test
    void anExplicitEngineWins() {
        assertThat(resolve("weight-free", "/models/ism.pt")).isEqualTo("weight-free");
        assertThat(resolve("djl", "/models/ism.pt")).isEqualTo("djl");
    }

    @Test
    void djlNeedsAModel() {
        assertThatThrownBy(() -> resolve("djl", ""))
                .isInstanceOf(EngineSetupException.class)
                .hasMessageStartingWith("X_MODEL_PATH: the djl engine (X_ENGINE) needs a TorchScript model file")
                .extracting(e -> ((EngineSetupException) e).setting()).isEqualTo("X_MODEL_PATH");
    }
}
