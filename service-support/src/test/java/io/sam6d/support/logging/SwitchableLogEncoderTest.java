package io.sam6d.support.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class SwitchableLogEncoderTest {

    @Test
    void jsonFormatWritesOneJsonObjectPerLine() throws Exception {
        String line = encode("json");
        assertThat(line).endsWith("\n");
        JsonNode node = new ObjectMapper().readTree(line);
        assertThat(node.toString()).contains("job 42 at 50%");
        assertThat(node.path("log").path("level").asText()).isEqualTo("INFO");
    }

    @Test
    void textFormatUsesThePattern() {
        assertThat(encode("text")).isEqualTo("INFO job 42 at 50%\n");
    }

    private static String encode(String format) {
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ctx.putObject(org.springframework.core.env.Environment.class.getName(),
                new MockEnvironment().withProperty("spring.application.name", "t"));
        SwitchableLogEncoder enc = new SwitchableLogEncoder();
        enc.setContext(ctx);
        enc.setFormat(format);
        enc.setPattern("%level %msg%n");
        enc.start();
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger("test"), Level.INFO, "job {} at {}%", null,
                new Object[] {42, 50});
        return new String(enc.encode(e), StandardCharsets.UTF_8);
    }
}
