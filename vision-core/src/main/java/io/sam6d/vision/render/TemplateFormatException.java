package io.sam6d.vision.render;

/** A template directory that is missing, incomplete (no {@code views.json}, a listed file absent) or malformed. */
public class TemplateFormatException extends RuntimeException {

    public TemplateFormatException(String message) {
        super(message);
    }

    public TemplateFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
