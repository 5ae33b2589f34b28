package io.sam6d.vision.geometry;

/**
 * Pinhole intrinsics in pixels: {@code u = fx * x / z + cx}, {@code v = fy * y / z + cy} for a camera-frame point
 * (x, y, z) with z forward (OpenCV and BOP convention). Pixel (0,0) is the centre of the top-left pixel.
 */
public record CameraIntrinsics(double fx, double fy, double cx, double cy) {

    public CameraIntrinsics {
        if (!(fx > 0) || !(fy > 0) || !Double.isFinite(fx) || !Double.isFinite(fy)
                || !Double.isFinite(cx) || !Double.isFinite(cy)) {
            throw new IllegalArgumentException("camera intrinsics need finite fx, fy > 0 and finite cx, cy; got fx="
                    + fx + " fy=" + fy + " cx=" + cx + " cy=" + cy);
        }
    }

    /**
     * From BOP's {@code cam_K}: 9 numbers, row-major {@code [fx, s, cx, 0, fy, cy, 0, 0, 1]} (skew must be ~0).
     *
     * @throws IllegalArgumentException when the matrix is not a usable pinhole matrix (wrong size, singular,
     *                                  non-zero skew or bottom row other than 0 0 1)
     */
    public static CameraIntrinsics fromCamK(double[] camK) {
        if (camK == null || camK.length != 9) {
            throw new IllegalArgumentException("cam_K must have 9 numbers (3x3 row-major), got "
                    + (camK == null ? "none" : camK.length));
        }
        for (double v : camK) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("cam_K contains a non-finite number");
            }
        }
        if (Math.abs(camK[3]) > 1e-9 || Math.abs(camK[6]) > 1e-9 || Math.abs(camK[7]) > 1e-9
                || Math.abs(camK[8] - 1) > 1e-6) {
            throw new IllegalArgumentException("cam_K must be [fx, 0, cx, 0, fy, cy, 0, 0, 1] (row-major)");
        }
        if (Math.abs(camK[1]) > 1e-6 * Math.abs(camK[0])) {
            throw new IllegalArgumentException("cam_K with skew is not supported");
        }
        if (!(camK[0] > 0) || !(camK[4] > 0)) {
            throw new IllegalArgumentException("cam_K is singular: fx and fy must be > 0");
        }
        return new CameraIntrinsics(camK[0], camK[4], camK[2], camK[5]);
    }

    public double[] toCamK() {
        return new double[] {fx, 0, cx, 0, fy, cy, 0, 0, 1};
    }

    /** The same camera for an image scaled by {@code s} (s = new width / old width). */
    public CameraIntrinsics scaled(double sx, double sy) {
        return new CameraIntrinsics(fx * sx, fy * sy, (cx + 0.5) * sx - 0.5, (cy + 0.5) * sy - 0.5);
    }

    /** The same camera for a crop whose top-left pixel is (x0, y0) of the original image. */
    public CameraIntrinsics cropped(int x0, int y0) {
        return new CameraIntrinsics(fx, fy, cx - x0, cy - y0);
    }
}
