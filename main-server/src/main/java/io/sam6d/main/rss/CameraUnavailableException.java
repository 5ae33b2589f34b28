package io.sam6d.main.rss;

/** The camera server could not deliver a usable frame; the message says why, for the job's error. */
public class CameraUnavailableException extends RuntimeException {

    public CameraUnavailableException(String message) {
        super(message);
    }

    public CameraUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
