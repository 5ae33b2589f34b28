package io.sam6d.vision.synthetic;

import java.util.ArrayList;
import java.util.List;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.geometry.Vec3;
import io.sam6d.vision.render.MeshCheck;
import io.sam6d.vision.render.ViewSphere;

/**
 * The ways a rigid model comes to rest on a horizontal plane, found by letting it settle quasi-statically from many
 * starting orientations: it touches the plane with its lowest point, tips about that point towards its centre of
 * mass until a second point touches, about that edge until a third touches, and about the edge of its support
 * polygon that the centre of mass lies beyond, until the centre of mass is above the support polygon. Every tip
 * lowers the centre of mass, so this ends on a face of the convex hull. The fraction of the 162 starting
 * orientations (a level-2 icosphere) that end on a face is its probability, a stand-in for how often a dropped
 * object lands on it. Lengths in mm.
 */
final class StablePoses {

    private static final int MAX_TIPS = 200;

    /**
     * One resting pose.
     *
     * @param modelToRest the model on the plane z = 0 (z up, lowest point at 0), centre of mass on the z axis
     * @param footprint   convex hull of the model seen from above in that frame, counter-clockwise
     * @param support     convex hull of the points that touch the plane in that frame, counter-clockwise (the centre
     *                    of mass is above the origin, inside it)
     * @param top         the flat top another object can stand on, or null when the model has none
     * @param tipAngleDeg how far it can be tipped before it falls over (centre of mass to support polygon edge)
     * @param probability fraction of starting orientations that settle here
     */
    record Rest(RigidTransform modelToRest, double[] footprint, double[] support, Top top, double tipAngleDeg,
            double probability) {
    }

    /**
     * A flat top in the rest frame: the convex hull of the upward-facing triangles within {@link #TOP_DEPTH_MM} of
     * the highest point, kept when those triangles cover at least half of their hull (a box's lid or a can's end,
     * not a bowl's rim).
     *
     * @param polygon  counter-clockwise, in the rest frame's xy
     * @param heightMm the highest point of the model, where an object put on top rests
     */
    record Top(double[] polygon, double heightMm) {
    }

    /** How far below the highest point a triangle may reach and still count as part of a flat top, mm. */
    static final double TOP_DEPTH_MM = 2.0;
    /** Smallest top worth putting something on, mm^2 (a 3 x 3 cm square). */
    static final double MIN_TOP_AREA_MM2 = 900;
    private static final double TOP_MAX_TILT_COS = Math.cos(Math.toRadians(20));

    private StablePoses() {
    }

    /** Resting poses, most probable first; never empty for a model with extent. */
    static List<Rest> of(Mesh mesh) {
        return of(mesh, hullCandidates(mesh.positions()));
    }

    /** {@link #of(Mesh)} given the mesh's {@link #hullCandidates}. */
    static List<Rest> of(Mesh mesh, float[] hullPoints) {
        float[] p = mesh.positions();
        double diameter = MeshOps.diameter(mesh);
        double[] com = centreOfMass(mesh);
        double eps = 1e-7 * diameter + 1e-9;
        List<double[]> starts = ViewSphere.icosphere(2);
        List<double[]> dirs = new ArrayList<>();
        List<int[]> counts = new ArrayList<>();
        for (double[] start : starts) {
            double[] d = settle(hullPoints, com, start.clone(), eps);
            // finish on every vertex: a hull vertex between the sampled directions may still tip it a little
            d = d == null ? null : settle(p, com, d, eps);
            if (d == null) {
                continue;
            }
            boolean merged = false;
            for (int i = 0; i < dirs.size(); i++) {
                double[] e = dirs.get(i);
                if (d[0] * e[0] + d[1] * e[1] + d[2] * e[2] > Math.cos(Math.toRadians(3))) {
                    counts.get(i)[0]++;
                    merged = true;
                    break;
                }
            }
            if (!merged) {
                dirs.add(d);
                counts.add(new int[] {1});
            }
        }
        int total = 0;
        for (int[] c : counts) {
            total += c[0];
        }
        List<Rest> out = new ArrayList<>();
        for (int i = 0; i < dirs.size(); i++) {
            out.add(restOn(p, hullPoints, mesh.triangles(), dirs.get(i), com, eps, counts.get(i)[0] / (double) total));
        }
        if (out.isEmpty()) {
            // nothing settled (degenerate model): lie it down along its first axis
            out.add(restOn(p, hullPoints, mesh.triangles(), new double[] {0, 0, -1}, com, eps, 1));
        }
        out.sort((a, b) -> Double.compare(b.probability(), a.probability()));
        return out;
    }

    /**
     * The points that are farthest along at least one of 2562 evenly spread directions: (nearly) the vertices of the
     * convex hull, the only points a model can stand on. Settling on them instead of on every vertex is many times
     * faster; a last settling on every vertex corrects for hull vertices between the directions.
     */
    static float[] hullCandidates(float[] p) {
        List<double[]> dirs = ViewSphere.icosphere(4);
        boolean[] keep = new boolean[p.length / 3];
        int kept = 0;
        for (double[] d : dirs) {
            int best = 0;
            double bestDot = -Double.MAX_VALUE;
            for (int i = 0, j = 0; i < p.length; i += 3, j++) {
                double v = d[0] * p[i] + d[1] * p[i + 1] + d[2] * p[i + 2];
                if (v > bestDot) {
                    bestDot = v;
                    best = j;
                }
            }
            if (!keep[best]) {
                keep[best] = true;
                kept++;
            }
        }
        float[] out = new float[3 * kept];
        for (int j = 0, k = 0; j < keep.length; j++) {
            if (keep[j]) {
                System.arraycopy(p, 3 * j, out, 3 * k++, 3);
            }
        }
        return out;
    }

    /** The "down" direction (model frame) the model settles on from down direction {@code d}, or null. */
    private static double[] settle(float[] p, double[] com, double[] d, double eps) {
        for (int tip = 0; tip < MAX_TIPS; tip++) {
            double max = -Double.MAX_VALUE;
            for (int i = 0; i < p.length; i += 3) {
                max = Math.max(max, d[0] * p[i] + d[1] * p[i + 1] + d[2] * p[i + 2]);
            }
            List<Integer> contact = new ArrayList<>();
            for (int i = 0, j = 0; i < p.length; i += 3, j++) {
                if (d[0] * p[i] + d[1] * p[i + 1] + d[2] * p[i + 2] >= max - eps) {
                    contact.add(j);
                }
            }
            double[] e1 = Vec3.perpendicular(d);
            double[] e2 = Vec3.cross(new double[] {-d[0], -d[1], -d[2]}, e1);
            double cx = Vec3.dot(e1, com), cy = Vec3.dot(e2, com);
            double[] xy = new double[2 * contact.size()];
            for (int k = 0; k < contact.size(); k++) {
                int i = 3 * contact.get(k);
                xy[2 * k] = e1[0] * p[i] + e1[1] * p[i + 1] + e1[2] * p[i + 2] - cx;
                xy[2 * k + 1] = e2[0] * p[i] + e2[1] * p[i + 1] + e2[2] * p[i + 2] - cy;
            }
            double[] hull = Polygon2.hull(xy);
            int m = hull.length / 2;
            // pivot: a point (a, a) or an edge (a, b) in plane coordinates relative to the centre of mass
            double ax, ay, bx, by;
            if (m >= 3 && Polygon2.area(hull) > eps * eps) {
                double inside = Polygon2.insideDistance(hull, 0, 0);
                if (inside >= -eps) {
                    return d;
                }
                int worst = 0;
                double worstD = Double.MAX_VALUE;
                for (int i = 0; i < m; i++) {
                    int j = (i + 1) % m;
                    double ex = hull[2 * j] - hull[2 * i], ey = hull[2 * j + 1] - hull[2 * i + 1];
                    double len = Math.hypot(ex, ey);
                    double dist = len == 0 ? Double.MAX_VALUE : (ex * (-hull[2 * i + 1]) - ey * (-hull[2 * i])) / len;
                    if (dist < worstD) {
                        worstD = dist;
                        worst = i;
                    }
                }
                int next = (worst + 1) % m;
                ax = hull[2 * worst];
                ay = hull[2 * worst + 1];
                bx = hull[2 * next];
                by = hull[2 * next + 1];
            } else if (m >= 2) {
                ax = hull[0];
                ay = hull[1];
                bx = hull[2];
                by = hull[3];
                double ex = bx - ax, ey = by - ay, len2 = ex * ex + ey * ey;
                double t = len2 == 0 ? 0 : (-ax * ex - ay * ey) / len2;
                if (t < 0 || t > 1) {
                    // the centre of mass is beyond an end of the contact segment: tip about that end
                    if (t > 1) {
                        ax = bx;
                        ay = by;
                    }
                    bx = ax;
                    by = ay;
                }
            } else {
                ax = hull[0];
                ay = hull[1];
                bx = ax;
                by = ay;
            }
            // direction (in the plane) from the pivot towards the centre of mass, perpendicular to an edge pivot
            double vx = -ax, vy = -ay;
            double ex = bx - ax, ey = by - ay, len = Math.hypot(ex, ey);
            if (len > 0) {
                double along = (vx * ex + vy * ey) / (len * len);
                vx -= along * ex;
                vy -= along * ey;
            }
            double vlen = Math.hypot(vx, vy);
            if (vlen < 1e-9) {
                // balanced on a point or an edge: nudge it
                vx = 1;
                vy = 0;
                vlen = 1;
            }
            vx /= vlen;
            vy /= vlen;
            double[] v = {vx * e1[0] + vy * e2[0], vx * e1[1] + vy * e2[1], vx * e1[2] + vy * e2[2]};
            // pivot point in model coordinates: on the plane d.x = max
            double[] pivot = {com[0] + ax * e1[0] + ay * e2[0], com[1] + ax * e1[1] + ay * e2[1],
                com[2] + ax * e1[2] + ay * e2[2]};
            double shift = max - Vec3.dot(d, pivot);
            pivot[0] += shift * d[0];
            pivot[1] += shift * d[1];
            pivot[2] += shift * d[2];
            // tip the plane about the pivot towards v until the next point touches it
            double best = Double.MAX_VALUE;
            for (int i = 0; i < p.length; i += 3) {
                double qx = p[i] - pivot[0], qy = p[i + 1] - pivot[1], qz = p[i + 2] - pivot[2];
                double a = d[0] * qx + d[1] * qy + d[2] * qz;
                double b = v[0] * qx + v[1] * qy + v[2] * qz;
                if (b > 1e-9 && a < -eps) {
                    best = Math.min(best, Math.atan2(-a, b));
                }
            }
            if (best == Double.MAX_VALUE) {
                return null;
            }
            double c = Math.cos(best), s = Math.sin(best);
            d = Vec3.normalize(new double[] {c * d[0] + s * v[0], c * d[1] + s * v[1], c * d[2] + s * v[2]});
        }
        return null;
    }

    /** The model resting on the points lowest along {@code d} ("down"). */
    private static Rest restOn(float[] p, float[] hullPoints, int[] triangles, double[] d, double[] com, double eps,
            double probability) {
        // rows e1, e2, -d: a proper rotation taking d to -z
        double[] e1 = Vec3.perpendicular(d);
        double[] e2 = Vec3.cross(new double[] {-d[0], -d[1], -d[2]}, e1);
        double max = -Double.MAX_VALUE;
        for (int i = 0; i < p.length; i += 3) {
            max = Math.max(max, d[0] * p[i] + d[1] * p[i + 1] + d[2] * p[i + 2]);
        }
        double cx = Vec3.dot(e1, com), cy = Vec3.dot(e2, com);
        List<Double> contactXy = new ArrayList<>();
        for (int i = 0; i < p.length; i += 3) {
            if (d[0] * p[i] + d[1] * p[i + 1] + d[2] * p[i + 2] >= max - Math.max(eps, 1e-4)) {
                contactXy.add(e1[0] * p[i] + e1[1] * p[i + 1] + e1[2] * p[i + 2] - cx);
                contactXy.add(e2[0] * p[i] + e2[1] * p[i + 1] + e2[2] * p[i + 2] - cy);
            }
        }
        // the footprint is the hull of the hull's points seen from above
        double[] all = new double[2 * (hullPoints.length / 3)];
        for (int i = 0, k = 0; i < hullPoints.length; i += 3, k += 2) {
            float[] q = hullPoints;
            all[k] = e1[0] * q[i] + e1[1] * q[i + 1] + e1[2] * q[i + 2] - cx;
            all[k + 1] = e2[0] * q[i] + e2[1] * q[i + 1] + e2[2] * q[i + 2] - cy;
        }
        double[] cxy = new double[contactXy.size()];
        for (int i = 0; i < cxy.length; i++) {
            cxy[i] = contactXy.get(i);
        }
        double[] support = Polygon2.hull(cxy);
        double height = max - Vec3.dot(d, com);
        double tip = Math.toDegrees(Math.atan2(Polygon2.insideDistance(support, 0, 0), Math.max(1e-9, height)));
        RigidTransform pose = new RigidTransform(
                new double[] {e1[0], e1[1], e1[2], e2[0], e2[1], e2[2], -d[0], -d[1], -d[2]},
                new double[] {-cx, -cy, max});
        return new Rest(pose, Polygon2.hull(all), support, top(p, triangles, pose), tip, probability);
    }

    /** The flat top of the model posed by {@code modelToRest}, or null (see {@link Top}). */
    static Top top(float[] p, int[] triangles, RigidTransform modelToRest) {
        if (triangles.length == 0) {
            return null;
        }
        int n = p.length / 3;
        double[] q = new double[3 * n];
        double zMax = -Double.MAX_VALUE;
        for (int i = 0; i < n; i++) {
            modelToRest.apply(p[3 * i], p[3 * i + 1], p[3 * i + 2], q, 3 * i);
            zMax = Math.max(zMax, q[3 * i + 2]);
        }
        double area = 0;
        List<Double> xy = new ArrayList<>();
        for (int k = 0; k < triangles.length; k += 3) {
            int a = 3 * triangles[k], b = 3 * triangles[k + 1], c = 3 * triangles[k + 2];
            double low = zMax - TOP_DEPTH_MM;
            if (q[a + 2] < low || q[b + 2] < low || q[c + 2] < low) {
                continue;
            }
            double ux = q[b] - q[a], uy = q[b + 1] - q[a + 1], uz = q[b + 2] - q[a + 2];
            double vx = q[c] - q[a], vy = q[c + 1] - q[a + 1], vz = q[c + 2] - q[a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
            // either winding: a top face looks up or, wound the other way, down
            if (len == 0 || Math.abs(nz) < TOP_MAX_TILT_COS * len) {
                continue;
            }
            area += Math.abs(nz) / 2;
            for (int v : new int[] {a, b, c}) {
                xy.add(q[v]);
                xy.add(q[v + 1]);
            }
        }
        if (xy.isEmpty()) {
            return null;
        }
        double[] pts = new double[xy.size()];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = xy.get(i);
        }
        double[] hull = Polygon2.hull(pts);
        double hullArea = hull.length >= 6 ? Polygon2.area(hull) : 0;
        return hullArea >= MIN_TOP_AREA_MM2 && area >= 0.5 * hullArea ? new Top(hull, zMax) : null;
    }

    /**
     * Centre of mass of a uniformly dense solid for a closed mesh, of the surface for an open one, of the points for
     * a point set.
     */
    static double[] centreOfMass(Mesh mesh) {
        float[] p = mesh.positions();
        int[] t = mesh.triangles();
        if (t.length == 0) {
            return MeshOps.centroid(p);
        }
        boolean closed = MeshCheck.require(mesh).isClosedManifold();
        double[] o = MeshOps.boundsCenter(mesh);
        double sx = 0, sy = 0, sz = 0, total = 0;
        for (int k = 0; k < t.length; k += 3) {
            int a = 3 * t[k], b = 3 * t[k + 1], c = 3 * t[k + 2];
            double ax = p[a] - o[0], ay = p[a + 1] - o[1], az = p[a + 2] - o[2];
            double bx = p[b] - o[0], by = p[b + 1] - o[1], bz = p[b + 2] - o[2];
            double qx = p[c] - o[0], qy = p[c + 1] - o[1], qz = p[c + 2] - o[2];
            double w;
            double mx, my, mz;
            if (closed) {
                // signed volume of the tetrahedron (o, a, b, c) and its centroid
                w = (ax * (by * qz - bz * qy) - ay * (bx * qz - bz * qx) + az * (bx * qy - by * qx)) / 6;
                mx = (ax + bx + qx) / 4;
                my = (ay + by + qy) / 4;
                mz = (az + bz + qz) / 4;
            } else {
                double ux = bx - ax, uy = by - ay, uz = bz - az, vx = qx - ax, vy = qy - ay, vz = qz - az;
                double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
                w = 0.5 * Math.sqrt(nx * nx + ny * ny + nz * nz);
                mx = (ax + bx + qx) / 3;
                my = (ay + by + qy) / 3;
                mz = (az + bz + qz) / 3;
            }
            sx += w * mx;
            sy += w * my;
            sz += w * mz;
            total += w;
        }
        if (Math.abs(total) < 1e-12) {
            return MeshOps.centroid(p);
        }
        return new double[] {o[0] + sx / total, o[1] + sy / total, o[2] + sz / total};
    }
}
