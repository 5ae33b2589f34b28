package io.sam6d.vision.segmentation;

import io.sam6d.vision.geometry.Covariance3;
import io.sam6d.vision.geometry.Eigen3;

/** A connected surface of a {@link DepthScene}: a class-agnostic proposal. */
final class Segment {
    int id;
    /** 0: depth-continuous surface; 1: a piece of one split at concave folds. */
    final int level;
    /** Pixel indices, ascending. */
    final int[] pixels;
    final int[] bbox;
    /** Centroid of the points, mm. */
    final double[] centroid;
    /** Covariance of the points (row-major 3x3), mm². */
    final double[] covariance;

    Segment(DepthScene s, int id, int level, int[] pixels) {
        this.id = id;
        this.level = level;
        this.pixels = pixels;
        int x0 = Integer.MAX_VALUE, y0 = Integer.MAX_VALUE, x1 = -1, y1 = -1;
        double mx = 0, my = 0, mz = 0;
        for (int i : pixels) {
            int u = i % s.width, v = i / s.width;
            x0 = Math.min(x0, u);
            x1 = Math.max(x1, u);
            y0 = Math.min(y0, v);
            y1 = Math.max(y1, v);
            mx += s.x[i];
            my += s.y[i];
            mz += s.z[i];
        }
        int n = pixels.length;
        mx /= n;
        my /= n;
        mz /= n;
        double[] cov = new double[9];
        for (int i : pixels) {
            double dx = s.x[i] - mx, dy = s.y[i] - my, dz = s.z[i] - mz;
            Covariance3.addUpper(cov, 0, dx, dy, dz);
        }
        Covariance3.divideAndMirror(cov, 0, n);
        bbox = new int[] {x0, y0, x1 - x0 + 1, y1 - y0 + 1};
        centroid = new double[] {mx, my, mz};
        covariance = cov;
    }

    /** Extent along the principal axes, largest first: 4 standard deviations (mm). */
    double[] extents() {
        double[] ev = Eigen3.eigenvalues(covariance);
        return new double[] {4 * Math.sqrt(Math.max(0, ev[0])), 4 * Math.sqrt(Math.max(0, ev[1])),
            4 * Math.sqrt(Math.max(0, ev[2]))};
    }
}
