package io.sam6d.vision.image;

/** Bytes that are not an image of the kind needed (not PNG/JPEG, 8-bit where 16-bit depth is needed, ...). */
public class ImageFormatException extends IllegalArgumentException {

    public ImageFormatException(String message) {
        super(message);
    }
}
