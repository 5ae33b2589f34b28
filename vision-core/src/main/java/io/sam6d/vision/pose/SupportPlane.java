package io.sam6d.vision.pose;

import java.util.Random;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.PlaneFit;
import io.sam6d.vision.geometry.PlaneRansac;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.Mask;

/**
 * The plane an object rests on (a table), fitted to the depth around its detection: RANSAC over the depth points
 * outside the mask and within a radius of the object, keeping only planes the posed object stands on (no part of it
 * below the plane, some part touching it), then a least-squares fit to the inliers. The normal points towards the
 * camera. Camera frame, mm.
 *
 * @param normal   unit normal, towards the camera
 * @param offsetMm the plane is {@code normal · x + offsetMm = 0}
 * @param inliers  depth points on the plane
 * @param points   depth points examined
 */
public record SupportPlane(double[] normal, double offsetMm, int inliers, int points) {

    private static final int MAX_POINTS = 4000;
    private static final int ITERATIONS = 200;

    /** Signed distance of a camera-frame point from the plane, mm (positive on the camera's side). */
    public double distance(double x, double y, double z) {
        return normal[0] * x + normal[1] * y + normal[2] * z + offsetMm;
    }

    /**
     * Finds the support of the object at {@code modelToCamera}.
     *
     * @param depth         observed depth, mm
     * @param exclude       the object's pixels (grown a little): not part of the support
     * @param modelToCamera the object's pose
     * @param radiusRel     depth points farther than this × diameter from the object's centre are not examined
     * @return the plane, or null when none is found that the object stands on
     */
    static SupportPlane find(PpfModel model, RigidTransform modelToCamera, DepthImage depth, CameraIntrinsics camera,
            Mask exclude, double radiusRel) {
        double diam = model.diameterMm();
        double[] b = model.bounds();
        double[] c = modelToCamera.apply((b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2);
        if (c[2] <= 1) {
            return null;
        }
        double radius = radiusRel * diam;
        int w = depth.width(), h = depth.height();
        // the window of the image that the sphere around the object covers
        double rPx = camera.fx() * radius / Math.max(1, c[2] - radius * 0.5);
        double u = camera.fx() * c[0] / c[2] + camera.cx(), v = camera.fy() * c[1] / c[2] + camera.cy();
        int x0 = (int) Math.max(0, Math.floor(u - rPx)), x1 = (int) Math.min(w, Math.ceil(u + rPx));
        int y0 = (int) Math.max(0, Math.floor(v - rPx)), y1 = (int) Math.min(h, Math.ceil(v + rPx));
        if (x1 <= x0 || y1 <= y0) {
            return null;
        }
        int stride = (int) Math.max(1, Math.ceil(Math.sqrt((x1 - x0) * (double) (y1 - y0) / MAX_POINTS)));
        float[] mm = depth.mm();
        boolean[] ex = exclude != null ? exclude.bits() : null;
        float[] pts = new float[3 * ((x1 - x0 + stride - 1) / stride) * ((y1 - y0 + stride - 1) / stride)];
        int n = 0;
        double r2 = radius * radius;
        for (int y = y0; y < y1; y += stride) {
            for (int x = x0; x < x1; x += stride) {
                int i = y * w + x;
                float z = mm[i];
                if (z <= 0 || ex != null && ex[i]) {
                    continue;
                }
                double px = (x - camera.cx()) * z / camera.fx(), py = (y - camera.cy()) * z / camera.fy();
                double dx = px - c[0], dy = py - c[1], dz = z - c[2];
                if (dx * dx + dy * dy + dz * dz > r2) {
                    continue;
                }
                pts[3 * n] = (float) px;
                pts[3 * n + 1] = (float) py;
                pts[3 * n + 2] = z;
                n++;
            }
        }
        if (n < 50) {
            return null;
        }
        // the object's surface, posed, for the contact test
        float[] dense = model.densePoints();
        int m = Math.min(300, dense.length / 3);
        double[] obj = new double[3 * m];
        for (int k = 0; k < m; k++) {
            int i = (int) ((long) k * (dense.length / 3) / m);
            modelToCamera.apply(dense[3 * i], dense[3 * i + 1], dense[3 * i + 2], obj, 3 * k);
        }
        double tol = Math.max(4, 0.015 * diam);
        double contact = Math.max(10, 0.06 * diam);
        double[] tols = new double[n];
        java.util.Arrays.fill(tols, tol);
        PlaneRansac.Result found = PlaneRansac.best(pts, n, tols, new Random(7), ITERATIONS, 0.1,
                pl -> standsOn(obj, m, pl, contact));
        if (found == null || found.inliers() < Math.max(30, n / 5)) {
            return null;
        }
        double[] best = found.plane();
        int bestInliers = found.inliers();
        // least squares over the inliers
        int[] idx = new int[bestInliers];
        int k = 0;
        for (int i = 0; i < n && k < idx.length; i++) {
            if (Math.abs(PlaneRansac.distance(best, pts, i)) <= tol) {
                idx[k++] = i;
            }
        }
        double[] refined = PlaneFit.plane(pts, idx, k);
        if (!standsOn(obj, m, refined, contact)) {
            refined = best;
        }
        return new SupportPlane(new double[] {refined[0], refined[1], refined[2]}, refined[3], bestInliers, n);
    }

    /** No part of the object more than {@code contact} below the plane, and its lowest part within that of it. */
    private static boolean standsOn(double[] obj, int m, double[] pl, double contact) {
        double lowest = Double.POSITIVE_INFINITY;
        for (int k = 0; k < m; k++) {
            lowest = Math.min(lowest, pl[0] * obj[3 * k] + pl[1] * obj[3 * k + 1] + pl[2] * obj[3 * k + 2] + pl[3]);
        }
        return lowest >= -contact && lowest <= contact;
    }
}
