package io.sam6d.vision.pose;

import io.sam6d.vision.geometry.RigidTransform;

/**
 * Point-to-plane ICP of a model against observed depth points, coarse to fine ({@link ConfigIcp}). Each scene point
 * is taken into the model frame and paired with the nearest dense model sample through the model's closest-point
 * table (O(1) per query); the residual is its distance to that sample's tangent plane. Pairs that are too far
 * apart or whose normals disagree are rejected and the rest weighted by Tukey's biweight. A small point-to-point
 * share of the cost ({@link ConfigIcp#pointToPointWeight}) keeps flat or two-faced views from sliding along their
 * planes. Each iteration solves the linearised 6x6 least-squares problem (damped, so directions the points do not
 * constrain stay put).
 *
 * <p>Scene points that do not belong to the object (a mask a bit too large) are tolerated as outliers; the model
 * parts hidden from the camera are simply never paired. Stateless apart from its settings; thread-safe.
 */
public final class PointToPlaneIcp {

    private final ConfigIcp config;

    public PointToPlaneIcp(ConfigIcp config) {
        config.checkValidity();
        this.config = new ConfigIcp().setTo(config);
    }

    public PointToPlaneIcp() {
        this(new ConfigIcp());
    }

    /**
     * Refines {@code initial} so the model surface fits the scene points.
     *
     * @param scene   observed points with normals, camera frame (typically the object's masked depth pixels)
     * @param initial model-to-camera start pose, t in mm
     */
    public IcpResult refine(PpfModel model, SceneCloud scene, RigidTransform initial) {
        int levels = config.maxPoints.length;
        // a = camera -> model, as R (9) and t (3)
        RigidTransform inv = initial.inverse();
        double[] a = new double[12];
        System.arraycopy(inv.rotation(), 0, a, 0, 9);
        System.arraycopy(inv.translation(), 0, a, 9, 3);
        float[] mp = model.densePoints();
        float[] mn = model.denseNormals();
        ClosestPointField field = model.closest();
        double cosNormal = Math.cos(Math.toRadians(config.normalCompatibilityDeg));
        double[] h = new double[36];
        double[] g = new double[6];
        double[] delta = new double[6];
        double[] jr = new double[6];
        double tangentialMin2 = Math.pow(1.5 * model.denseSpacingMm(), 2);
        int iterations = 0;
        double rms = Double.NaN;
        int inliers = 0;
        int used = 0;
        for (int level = 0; level < levels; level++) {
            SceneCloud pts = scene.atMost(config.maxPoints[level]);
            float[] sp = pts.points();
            float[] sn = pts.normals();
            int n = pts.size();
            double maxDist = Math.max(config.minMaxDistanceMm, config.maxDistanceRel[level] * model.diameterMm());
            double maxDist2 = maxDist * maxDist;
            double c = config.robustWidthFraction * maxDist;
            double c2 = c * c;
            // the finest level is pure point-to-plane: the point-to-point share settles sliding but blurs precision
            double lambda = config.pointToPointWeight;
            for (int it = 0; it < config.maxIterationsPerLevel; it++) {
                java.util.Arrays.fill(h, 0);
                java.util.Arrays.fill(g, 0);
                double sumR2 = 0;
                int count = 0;
                for (int i = 0; i < n; i++) {
                    double x = sp[3 * i], y = sp[3 * i + 1], z = sp[3 * i + 2];
                    double qx = a[0] * x + a[1] * y + a[2] * z + a[9];
                    double qy = a[3] * x + a[4] * y + a[5] * z + a[10];
                    double qz = a[6] * x + a[7] * y + a[8] * z + a[11];
                    int j = field.nearest(qx, qy, qz);
                    if (j < 0) {
                        continue;
                    }
                    double ex = qx - mp[3 * j], ey = qy - mp[3 * j + 1], ez = qz - mp[3 * j + 2];
                    double e2 = ex * ex + ey * ey + ez * ez;
                    if (e2 > maxDist2) {
                        continue;
                    }
                    double nx = mn[3 * j], ny = mn[3 * j + 1], nz = mn[3 * j + 2];
                    double r = nx * ex + ny * ey + nz * ez;
                    if (lambda > 0 && e2 < c2 && e2 - r * r > tangentialMin2) {
                        // point term only where the pair is apart along the surface: scene points past the end of
                        // a face pull a sliding pose back, while interior pairs (apart only by sampling) add no
                        // stiffness that would slow that down or bias the result
                        double we = 1 - e2 / c2;
                        addPointTerm(h, g, lambda * we * we, qx, qy, qz, ex, ey, ez);
                    }
                    double snx = sn[3 * i], sny = sn[3 * i + 1], snz = sn[3 * i + 2];
                    double dot = nx * (a[0] * snx + a[1] * sny + a[2] * snz)
                            + ny * (a[3] * snx + a[4] * sny + a[5] * snz)
                            + nz * (a[6] * snx + a[7] * sny + a[8] * snz);
                    if (dot < cosNormal) {
                        continue;
                    }
                    double r2 = r * r;
                    if (r2 >= c2) {
                        continue;
                    }
                    double wt = 1 - r2 / c2;
                    // depth at grazing incidence is the least reliable: weight by the cosine of incidence
                    double incidence = -(snx * x + sny * y + snz * z) / Math.sqrt(x * x + y * y + z * z);
                    wt *= wt * Math.max(0.1, incidence);
                    // plane term: d r / d(omega, v) = [q x n, n]
                    jr[0] = qy * nz - qz * ny;
                    jr[1] = qz * nx - qx * nz;
                    jr[2] = qx * ny - qy * nx;
                    jr[3] = nx;
                    jr[4] = ny;
                    jr[5] = nz;
                    double wPlane = wt * (1 - lambda);
                    for (int p = 0; p < 6; p++) {
                        double wp = wPlane * jr[p];
                        g[p] += wp * r;
                        for (int q = p; q < 6; q++) {
                            h[6 * p + q] += wp * jr[q];
                        }
                    }
                    sumR2 += r2;
                    count++;
                }
                iterations++;
                inliers = count;
                used = n;
                rms = count > 0 ? Math.sqrt(sumR2 / count) : Double.NaN;
                if (count < 6) {
                    break;
                }
                for (int p = 0; p < 6; p++) {
                    for (int q = 0; q < p; q++) {
                        h[6 * p + q] = h[6 * q + p];
                    }
                }
                if (!solveDamped(h, g, delta)) {
                    break;
                }
                applyUpdate(a, delta);
                double rot = Math.sqrt(delta[0] * delta[0] + delta[1] * delta[1] + delta[2] * delta[2]);
                double tr = Math.sqrt(delta[3] * delta[3] + delta[4] * delta[4] + delta[5] * delta[5]);
                if (Math.toDegrees(rot) < config.convergedRotationDeg && tr < config.convergedTranslationMm) {
                    break;
                }
            }
        }
        RigidTransform cameraToModel = new RigidTransform(java.util.Arrays.copyOf(a, 9),
                java.util.Arrays.copyOfRange(a, 9, 12)).orthonormalized();
        return new IcpResult(cameraToModel.inverse(), rms, inliers, used > 0 ? inliers / (double) used : 0,
                iterations);
    }

    /**
     * Adds {@code w |e + omega x q + v|^2} to the normal equations (the point-to-point share of the cost):
     * J = [-[q]x, I], J^T J = [[|q|^2 I - q q^T, [q]x], [-[q]x, I]], J^T e = [q x e, e]. Upper triangle only.
     */
    private static void addPointTerm(double[] h, double[] g, double w, double qx, double qy, double qz, double ex,
            double ey, double ez) {
        double qq = qx * qx + qy * qy + qz * qz;
        h[0] += w * (qq - qx * qx);
        h[1] += w * (-qx * qy);
        h[2] += w * (-qx * qz);
        h[7] += w * (qq - qy * qy);
        h[8] += w * (-qy * qz);
        h[14] += w * (qq - qz * qz);
        // [q]x = [[0, -qz, qy], [qz, 0, -qx], [-qy, qx, 0]] in rows omega, columns v
        h[4] += w * -qz;
        h[5] += w * qy;
        h[9] += w * qz;
        h[11] += w * -qx;
        h[15] += w * -qy;
        h[16] += w * qx;
        h[21] += w;
        h[28] += w;
        h[35] += w;
        g[0] += w * (qy * ez - qz * ey);
        g[1] += w * (qz * ex - qx * ez);
        g[2] += w * (qx * ey - qy * ex);
        g[3] += w * ex;
        g[4] += w * ey;
        g[5] += w * ez;
    }

    /**
     * Solves (H + lambda I) delta = -g by Cholesky, lambda a small fraction of H's mean diagonal. False when H is
     * unusable. Stays hand-written (not EJML): it runs in every ICP iteration of every hypothesis, the measured inner
     * loop of pose estimation, and the pose choice downstream is sensitive to its last bits (EJML's Cholesky, which
     * multiplies by reciprocals, moved a borderline mug pose of the ycbv_real benchmark).
     */
    static boolean solveDamped(double[] h, double[] g, double[] delta) {
        double tr = 0;
        for (int i = 0; i < 6; i++) {
            tr += h[7 * i];
        }
        if (!(tr > 0) || !Double.isFinite(tr)) {
            return false;
        }
        double lambda = 1e-6 * tr / 6;
        double[] l = new double[36];
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j <= i; j++) {
                double s = h[6 * i + j] + (i == j ? lambda : 0);
                for (int k = 0; k < j; k++) {
                    s -= l[6 * i + k] * l[6 * j + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return false;
                    }
                    l[6 * i + i] = Math.sqrt(s);
                } else {
                    l[6 * i + j] = s / l[6 * j + j];
                }
            }
        }
        double[] y = new double[6];
        for (int i = 0; i < 6; i++) {
            double s = -g[i];
            for (int k = 0; k < i; k++) {
                s -= l[6 * i + k] * y[k];
            }
            y[i] = s / l[6 * i + i];
        }
        for (int i = 5; i >= 0; i--) {
            double s = y[i];
            for (int k = i + 1; k < 6; k++) {
                s -= l[6 * k + i] * delta[k];
            }
            delta[i] = s / l[6 * i + i];
        }
        for (double d : delta) {
            if (!Double.isFinite(d)) {
                return false;
            }
        }
        return true;
    }

    /** a &lt;- [exp(omega) | v] ∘ a. */
    static void applyUpdate(double[] a, double[] delta) {
        double wx = delta[0], wy = delta[1], wz = delta[2];
        double th = Math.sqrt(wx * wx + wy * wy + wz * wz);
        double[] r;
        if (th < 1e-12) {
            r = new double[] {1, -wz, wy, wz, 1, -wx, -wy, wx, 1};
        } else {
            r = RigidTransform.fromAxisAngle(wx, wy, wz, th, new double[3]).rotation();
        }
        double[] out = new double[12];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                out[3 * i + j] = r[3 * i] * a[j] + r[3 * i + 1] * a[3 + j] + r[3 * i + 2] * a[6 + j];
            }
            out[9 + i] = r[3 * i] * a[9] + r[3 * i + 1] * a[10] + r[3 * i + 2] * a[11] + delta[3 + i];
        }
        System.arraycopy(out, 0, a, 0, 12);
    }
}
