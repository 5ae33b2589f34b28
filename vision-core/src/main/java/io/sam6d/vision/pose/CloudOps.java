package io.sam6d.vision.pose;

import java.util.HashMap;
import java.util.Map;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;

/** Helpers on point arrays ({@code xyz[3i..3i+2]}, mm) shared by model preparation and scene clouds. */
final class CloudOps {

    private CloudOps() {
    }

    /**
     * Group id per point: points of one voxel whose normals lie within {@code normalAngleDeg} of the group's first
     * normal share a group. Group ids are 0.. in order of first appearance.
     */
    static int[] voxelNormalGroups(float[] xyz, float[] nrm, double voxelMm, double normalAngleDeg) {
        int n = xyz.length / 3;
        double cosMax = Math.cos(Math.toRadians(normalAngleDeg));
        Map<Long, Integer> firstGroupOfVoxel = new HashMap<>(Math.max(16, n / 2));
        int[] groupOf = new int[n];
        int[] nextGroup = new int[n];
        int[] leader = new int[n];
        int groups = 0;
        for (int i = 0; i < n; i++) {
            long key = voxelKey(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], voxelMm);
            Integer head = firstGroupOfVoxel.get(key);
            int found = -1, last = -1;
            for (int g = head == null ? -1 : head; g >= 0; g = nextGroup[g]) {
                int l = leader[g];
                double dot = nrm[3 * i] * nrm[3 * l] + nrm[3 * i + 1] * nrm[3 * l + 1] + nrm[3 * i + 2] * nrm[3 * l + 2];
                if (dot >= cosMax) {
                    found = g;
                    break;
                }
                last = g;
            }
            if (found < 0) {
                found = groups++;
                leader[found] = i;
                nextGroup[found] = -1;
                if (last < 0) {
                    firstGroupOfVoxel.put(key, found);
                } else {
                    nextGroup[last] = found;
                }
            }
            groupOf[i] = found;
        }
        return groupOf;
    }

    /** Mean position and mean (renormalised) normal per group: {@code {xyz, normals}}. */
    static float[][] mergeGroups(float[] xyz, float[] nrm, int[] groupOf) {
        int groups = 0;
        for (int g : groupOf) {
            groups = Math.max(groups, g + 1);
        }
        double[] sp = new double[3 * groups];
        double[] sn = new double[3 * groups];
        int[] count = new int[groups];
        for (int i = 0; i < groupOf.length; i++) {
            int g = groupOf[i];
            count[g]++;
            for (int d = 0; d < 3; d++) {
                sp[3 * g + d] += xyz[3 * i + d];
                sn[3 * g + d] += nrm[3 * i + d];
            }
        }
        float[] p = new float[3 * groups];
        float[] q = new float[3 * groups];
        for (int g = 0; g < groups; g++) {
            double len = Math.sqrt(sn[3 * g] * sn[3 * g] + sn[3 * g + 1] * sn[3 * g + 1] + sn[3 * g + 2] * sn[3 * g + 2]);
            for (int d = 0; d < 3; d++) {
                p[3 * g + d] = (float) (sp[3 * g + d] / count[g]);
                q[3 * g + d] = len > 0 ? (float) (sn[3 * g + d] / len) : (d == 2 ? 1 : 0);
            }
        }
        return new float[][] {p, q};
    }

    /** Mean colour per group, like {@link #mergeGroups} for positions. */
    static float[] mergeColors(float[] col, int[] groupOf) {
        int groups = 0;
        for (int g : groupOf) {
            groups = Math.max(groups, g + 1);
        }
        double[] sum = new double[3 * groups];
        int[] count = new int[groups];
        for (int i = 0; i < groupOf.length; i++) {
            count[groupOf[i]]++;
            for (int d = 0; d < 3; d++) {
                sum[3 * groupOf[i] + d] += col[3 * i + d];
            }
        }
        float[] out = new float[3 * groups];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (sum[i] / count[i / 3]);
        }
        return out;
    }

    static long voxelKey(double x, double y, double z, double voxel) {
        long ix = (long) Math.floor(x / voxel), iy = (long) Math.floor(y / voxel), iz = (long) Math.floor(z / voxel);
        return ((ix & 0x1FFFFF) << 42) | ((iy & 0x1FFFFF) << 21) | (iz & 0x1FFFFF);
    }

    /**
     * The rigid transform that moves point p to the origin and turns its unit normal n onto +x (the local frame
     * of a PPF reference point): 9 rotation numbers row-major then 3 translation numbers, written to
     * {@code out[off..off+11]}.
     */
    static void referenceFrame(double px, double py, double pz, double nx, double ny, double nz, double[] out, int off) {
        // rotation about axis n x e_x = (0, nz, -ny) by angle acos(nx)
        double ax = 0, ay = nz, az = -ny;
        double s = Math.sqrt(ay * ay + az * az);
        double c = nx;
        double[] r = new double[9];
        if (s < 1e-9) {
            if (c > 0) {
                r[0] = 1;
                r[4] = 1;
                r[8] = 1;
            } else { // half turn about z: n = -x -> +x
                r[0] = -1;
                r[4] = -1;
                r[8] = 1;
            }
        } else {
            ay /= s;
            az /= s;
            double k = 1 - c;
            r[0] = c + ax * ax * k;
            r[1] = ax * ay * k - az * s;
            r[2] = ax * az * k + ay * s;
            r[3] = ay * ax * k + az * s;
            r[4] = c + ay * ay * k;
            r[5] = ay * az * k - ax * s;
            r[6] = az * ax * k - ay * s;
            r[7] = az * ay * k + ax * s;
            r[8] = c + az * az * k;
        }
        System.arraycopy(r, 0, out, off, 9);
        out[off + 9] = -(r[0] * px + r[1] * py + r[2] * pz);
        out[off + 10] = -(r[3] * px + r[4] * py + r[5] * pz);
        out[off + 11] = -(r[6] * px + r[7] * py + r[8] * pz);
    }

    /** Angle between two unit vectors, radians. */
    static double angle(double ax, double ay, double az, double bx, double by, double bz) {
        double d = ax * bx + ay * by + az * bz;
        return Math.acos(d > 1 ? 1 : d < -1 ? -1 : d);
    }
}
