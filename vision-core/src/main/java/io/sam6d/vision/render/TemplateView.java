package io.sam6d.vision.render;

import java.nio.file.Path;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.io.Npy;

/**
 * One template view as listed in {@code views.json}; its images are read on demand.
 *
 * @param id            view index, also in the file names
 * @param modelToCamera the camera's pose: x_cam = R x_model + t, t in mm
 * @param camera        intrinsics of the template image
 * @param depthScale    mm per raw unit of the depth PNG (1.0)
 * @param visiblePixels pixels the object covers
 * @param bbox          {@code [x, y, w, h]} of those pixels
 */
public record TemplateView(int id, RigidTransform modelToCamera, CameraIntrinsics camera, int width, int height,
        double depthScale, Path rgbFile, Path maskFile, Path xyzFile, Path depthFile, int visiblePixels,
        int[] bbox) {

    /** All images of a view: colour, mask, model-frame XYZ (mm, 3 floats per pixel, 0 off the object), depth. */
    public record Images(TemplateView view, RgbImage rgb, Mask mask, float[] xyzMm, DepthImage depth) {
    }

    public RgbImage readRgb() {
        RgbImage img = ImageFiles.readRgb(rgbFile);
        requireSize(img.width(), img.height(), rgbFile);
        return img;
    }

    public Mask readMask() {
        int[] size = new int[2];
        boolean[] bits = ImageFiles.decodeMask(ImageFiles.readBytes(maskFile), size);
        requireSize(size[0], size[1], maskFile);
        return new Mask(width, height, bits);
    }

    /** Model-frame XYZ in mm, row-major, 3 floats per pixel (the {@code H x W x 3} array of the .npy file). */
    public float[] readXyzMm() {
        Npy.FloatArray a = Npy.readFloat32(xyzFile);
        int[] s = a.shape();
        if (s.length != 3 || s[0] != height || s[1] != width || s[2] != 3) {
            throw new TemplateFormatException(xyzFile.getFileName() + " has shape " + java.util.Arrays.toString(s)
                    + ", expected [" + height + ", " + width + ", 3]");
        }
        return a.data();
    }

    public DepthImage readDepth() {
        DepthImage d = ImageFiles.readDepth(depthFile, depthScale);
        requireSize(d.width(), d.height(), depthFile);
        return d;
    }

    public Images readAll() {
        return new Images(this, readRgb(), readMask(), readXyzMm(), readDepth());
    }

    private void requireSize(int w, int h, Path file) {
        if (w != width || h != height) {
            throw new TemplateFormatException(file.getFileName() + " is " + w + "x" + h + ", views.json says "
                    + width + "x" + height);
        }
    }
}
