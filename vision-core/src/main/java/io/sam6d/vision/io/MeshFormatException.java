package io.sam6d.vision.io;

/** A mesh file that cannot be used: unreadable, truncated, empty, NaN coordinates, bad indices. */
public class MeshFormatException extends RuntimeException {

    public MeshFormatException(String message) {
        super(message);
    }

    public MeshFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
