package io.sam6d.vision.geometry;

/**
 * Reprojects a depth image into the colour camera, as librealsense's {@code rs2::align} does: every depth pixel is
 * deprojected at its top-left and bottom-right corners, moved into the colour camera by the depth-to-colour
 * extrinsics and projected with the colour intrinsics; the colour pixels whose centres lie between the two
 * projections receive its depth, and where several depth pixels land on one colour pixel the nearest wins
 * (z-buffer). Splatting the pixel's footprint rather than its centre leaves no holes where the colour image is finer
 * than the depth image; unlike librealsense, which rounds both corners outwards, the footprint is not dilated by a
 * pixel, so edges stay where they are.
 * <p>
 * Unlike librealsense, which copies the depth camera's z, the value written is z in the colour camera (the
 * difference is the baseline's tilt, small on a D4xx). Distortion is not applied: the suite's pipeline is pinhole.
 */
public final class DepthToColorAligner {

    private DepthToColorAligner() {
    }

    /**
     * A pinhole camera in pixels; pixel (0,0) is the centre of the top-left pixel.
     *
     * @param fx  focal length along x, pixels
     * @param ppx principal point x, pixels
     */
    public record Pinhole(int width, int height, double fx, double fy, double ppx, double ppy) {

        public Pinhole {
            if (width <= 0 || height <= 0 || !(fx > 0) || !(fy > 0) || !Double.isFinite(ppx)
                    || !Double.isFinite(ppy)) {
                throw new IllegalArgumentException("intrinsics need width, height, fx, fy > 0 and finite ppx, ppy");
            }
        }
    }

    /**
     * @param depthRaw              raw depth units of the depth camera, row-major, 0 = no measurement
     * @param depthCamera           the depth camera (its size is the size of {@code depthRaw})
     * @param depthToColorRotation  9 numbers, column-major (librealsense's {@code rs2_extrinsics.rotation})
     * @param depthToColorTranslation 3 numbers, metres
     * @param metresPerUnit         the camera's depth scale (metres per raw unit)
     * @param colorCamera           the colour camera; the result has its size
     * @return raw depth units (same scale) along the colour camera's optical axis, row-major, 0 = unknown
     */
    public static int[] align(int[] depthRaw, Pinhole depthCamera, double[] depthToColorRotation,
            double[] depthToColorTranslation, double metresPerUnit, Pinhole colorCamera) {
        if (depthRaw.length != depthCamera.width() * depthCamera.height()) {
            throw new IllegalArgumentException("depth has " + depthRaw.length + " values, not "
                    + depthCamera.width() + " x " + depthCamera.height());
        }
        if (depthToColorRotation.length != 9 || depthToColorTranslation.length != 3) {
            throw new IllegalArgumentException("extrinsics need a rotation of 9 and a translation of 3 numbers");
        }
        double[] r = depthToColorRotation;
        double[] t = depthToColorTranslation;
        int cw = colorCamera.width(), ch = colorCamera.height();
        double[] nearest = new double[cw * ch]; // metres in the colour camera, 0 = none yet
        double[] corner = new double[2];
        int dw = depthCamera.width();
        for (int y = 0; y < depthCamera.height(); y++) {
            for (int x = 0; x < dw; x++) {
                int raw = depthRaw[y * dw + x];
                if (raw <= 0) {
                    continue;
                }
                double z = raw * metresPerUnit;
                double zc0 = toColour(x - 0.5, y - 0.5, z, depthCamera, r, t, colorCamera, corner);
                double cu0 = corner[0], cv0 = corner[1];
                double zc1 = toColour(x + 0.5, y + 0.5, z, depthCamera, r, t, colorCamera, corner);
                double cu1 = corner[0], cv1 = corner[1];
                double zc = toColour(x, y, z, depthCamera, r, t, colorCamera, corner);
                if (zc0 <= 0 || zc1 <= 0 || zc <= 0) {
                    continue;
                }
                // colour pixels whose centres lie in the footprint [min, max); a footprint smaller than a pixel
                // that holds no centre still marks the pixel its own centre falls on
                int uMin = (int) Math.ceil(Math.min(cu0, cu1)), uMax = (int) Math.ceil(Math.max(cu0, cu1)) - 1;
                int vMin = (int) Math.ceil(Math.min(cv0, cv1)), vMax = (int) Math.ceil(Math.max(cv0, cv1)) - 1;
                if (uMin > uMax) {
                    uMin = uMax = (int) Math.floor(corner[0] + 0.5);
                }
                if (vMin > vMax) {
                    vMin = vMax = (int) Math.floor(corner[1] + 0.5);
                }
                uMin = Math.max(0, uMin);
                uMax = Math.min(cw - 1, uMax);
                vMin = Math.max(0, vMin);
                vMax = Math.min(ch - 1, vMax);
                for (int v = vMin; v <= vMax; v++) {
                    for (int u = uMin; u <= uMax; u++) {
                        int i = v * cw + u;
                        if (nearest[i] == 0 || zc < nearest[i]) {
                            nearest[i] = zc;
                        }
                    }
                }
            }
        }
        int[] out = new int[cw * ch];
        for (int i = 0; i < out.length; i++) {
            if (nearest[i] > 0) {
                out[i] = (int) Math.min(65535, Math.round(nearest[i] / metresPerUnit));
            }
        }
        return out;
    }

    /** Projects depth pixel (px, py) at depth z into the colour image; returns z in the colour camera. */
    private static double toColour(double px, double py, double z, Pinhole depth, double[] r, double[] t,
            Pinhole colour, double[] pixelOut) {
        double x = (px - depth.ppx()) / depth.fx() * z, y = (py - depth.ppy()) / depth.fy() * z;
        double xc = r[0] * x + r[3] * y + r[6] * z + t[0];
        double yc = r[1] * x + r[4] * y + r[7] * z + t[1];
        double zc = r[2] * x + r[5] * y + r[8] * z + t[2];
        if (zc > 0) {
            pixelOut[0] = xc / zc * colour.fx() + colour.ppx();
            pixelOut[1] = yc / zc * colour.fy() + colour.ppy();
        }
        return zc;
    }

}
