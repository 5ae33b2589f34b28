package io.sam6d.vision.djl;

/**
 * An object lacks what a TorchScript engine needs from it (no rendered templates, unreadable template images). The
 * request is fine otherwise; servers answer 422 naming the object.
 */
public class ObjectNotUsableException extends IllegalArgumentException {

    public ObjectNotUsableException(String message) {
        super(message);
    }
}
