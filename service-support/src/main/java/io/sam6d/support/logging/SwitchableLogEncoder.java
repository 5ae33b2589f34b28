package io.sam6d.support.logging;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * A log file encoder chosen by setting: {@code text} (the pattern) or a structured JSON line format for log
 * collectors ({@code ecs}, {@code logstash}, {@code gelf}; {@code json} means {@code ecs}). Logback can't pick an
 * encoder class from a property, so this one delegates.
 */
public class SwitchableLogEncoder extends EncoderBase<ILoggingEvent> {

    private String format = "text";
    private String pattern;
    private Encoder<ILoggingEvent> delegate;

    public void setFormat(String format) {
        this.format = format == null || format.isBlank() ? "text" : format.trim().toLowerCase();
    }

    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    @Override
    public void start() {
        if (format.equals("text")) {
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            text.setCharset(java.nio.charset.StandardCharsets.UTF_8);
            delegate = text;
        } else {
            StructuredLogEncoder structured = new StructuredLogEncoder();
            structured.setFormat(format.equals("json") ? "ecs" : format);
            structured.setCharset(java.nio.charset.StandardCharsets.UTF_8);
            delegate = structured;
        }
        delegate.setContext(getContext());
        delegate.start();
        super.start();
    }

    @Override
    public void stop() {
        if (delegate != null) {
            delegate.stop();
        }
        super.stop();
    }

    @Override
    public byte[] headerBytes() {
        return delegate.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return delegate.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return delegate.footerBytes();
    }
}
