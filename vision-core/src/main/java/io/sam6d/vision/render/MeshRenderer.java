package io.sam6d.vision.render;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;

/**
 * An exact CPU z-buffer rasteriser for triangle meshes and point sets (lengths in mm, pinhole camera with z
 * forward, BOP's model-to-camera poses).
 *
 * <p>How it draws: vertices are snapped to 1/256 pixel and triangles are scan-converted with integer edge
 * functions and a top-left fill rule, so two triangles that share an edge cover every pixel along it exactly once
 * (no holes, no double coverage). A pixel is covered when its centre (integer coordinates, as in
 * {@link CameraIntrinsics}) is inside the triangle. Depth is interpolated as 1/z, which is exact under perspective;
 * the nearest surface wins. Triangles that cross the near plane or reach far outside the image are clipped in the
 * camera frame. Per-pixel surface values (model-frame XYZ, normals, colour) are evaluated once per visible pixel
 * after all geometry is drawn, by intersecting the pixel's ray with the visible triangle, so they are
 * perspective-correct and cost nothing for hidden surfaces. Point sets are drawn as camera-facing discs whose
 * radius is {@link ConfigMeshRenderer#pointRadiusScale} times the point's distance to its 6th nearest neighbour
 * ({@link RenderModel#pointRadiiMm()}), at the point's depth.
 *
 * <p>Not thread-safe and not reentrant: it owns its buffers, which the returned {@link RenderResult} shows. Use
 * one renderer per thread and call it as often as you like; it allocates only when the region size changes.
 */
public final class MeshRenderer {

    private static final int SUB_BITS = 8;
    private static final int SUB = 1 << SUB_BITS;
    /** Geometry is clipped to the region grown by this many pixels, keeping fixed-point products well in range. */
    private static final double GUARD_PX = 4096;
    private static final int MAX_SIDE = 16384;
    private static final int MAX_CLIP_VERTS = 16;

    private final ConfigMeshRenderer config;
    private final RenderResult result = new RenderResult();

    // per pixel of the current region while drawing: the float bits of 1/z in the high half and the key of the
    // primitive in the low half, 0 when empty. 1/z > 0, so its bits order like its values and one long comparison
    // is the whole depth test, and depth and primitive share one memory access.
    private long[] zkey = new long[0];
    private float[] depth = new float[0];
    private int[] inst = new int[0];
    // the key of an instance's primitive i is keyBase[instance] + i
    private boolean[] maskBuf;
    private float[] xyzBuf;
    private float[] normalBuf;
    private byte[] rgbBuf;
    private double[] rayX = new double[0];
    private double[] rayY = new double[0];

    // per-vertex scratch of the model being drawn
    private double[] vcam = new double[0];
    private int[] vsx = new int[0];
    private int[] vsy = new int[0];
    private double[] viz = new double[0];
    private byte[] vcode = new byte[0];

    private final double[] clipA = new double[3 * MAX_CLIP_VERTS];
    private final double[] clipB = new double[3 * MAX_CLIP_VERTS];
    private final double[] surfaceScratch = new double[9];

    // what was drawn: models and poses ({R row-major, t, R^T t}) by instance index
    private RenderModel[] drawnModels = new RenderModel[4];
    private int[] keyBase = new int[4];
    private double[] drawnPoses = new double[15 * 4];

    // the current region and its camera
    private int w;
    private int h;
    private double fx;
    private double fy;
    private double cx;
    private double cy;
    private double near;
    private int lastX0;
    private int lastY0;
    private int lastImageWidth;
    private int lastImageHeight;

    public MeshRenderer() {
        this(new ConfigMeshRenderer());
    }

    /** @param config copied; later changes to it have no effect */
    public MeshRenderer(ConfigMeshRenderer config) {
        config.checkValidity();
        this.config = config.copy();
    }

    /**
     * Renders one model over the whole image.
     *
     * @param modelToCamera pose: x_cam = R x_model + t, t in mm
     * @param camera        intrinsics of the full image
     * @param outputs       what to produce besides depth (see {@link RenderOutput#DEPTH_MASK}, {@link RenderOutput#ALL})
     * @return a view of this renderer's buffers, valid until its next call
     */
    public RenderResult render(RenderModel model, RigidTransform modelToCamera, CameraIntrinsics camera,
            int imageWidth, int imageHeight, Set<RenderOutput> outputs) {
        return render(model, modelToCamera, camera, imageWidth, imageHeight, null, outputs);
    }

    /**
     * Renders one model over a region of the image; the result's arrays cover just that region.
     *
     * @param region pixels of the full image to render, clipped to the image; null for the whole image
     * @throws IllegalArgumentException when the region lies outside the image
     */
    public RenderResult render(RenderModel model, RigidTransform modelToCamera, CameraIntrinsics camera,
            int imageWidth, int imageHeight, PixelRegion region, Set<RenderOutput> outputs) {
        begin(camera, imageWidth, imageHeight, region);
        draw(model, modelToCamera, 0);
        resolve(outputs, 1, false);
        return result;
    }

    /**
     * Renders several models into one image with mutual occlusion; {@link RenderResult#instance()} tells which
     * instance (index in {@code instances}) each pixel shows, and XYZ is in that instance's model frame.
     */
    public RenderResult renderScene(List<RenderInstance> instances, CameraIntrinsics camera, int imageWidth,
            int imageHeight, PixelRegion region, Set<RenderOutput> outputs) {
        begin(camera, imageWidth, imageHeight, region);
        for (int k = 0; k < instances.size(); k++) {
            draw(instances.get(k).model(), instances.get(k).modelToCamera(), k);
        }
        resolve(outputs, instances.size(), true);
        return result;
    }

    /**
     * The box of pixels where a model at this pose can appear (the projection of its bounding sphere, clipped to
     * the image), grown by {@code marginPx}; null when it cannot be seen. Pass it as the region of a render to pay
     * only for those pixels.
     */
    public static PixelRegion projectedRegion(RenderModel model, RigidTransform modelToCamera,
            CameraIntrinsics camera, int imageWidth, int imageHeight, int marginPx) {
        double[] c = modelToCamera.apply(model.centerMm(0), model.centerMm(1), model.centerMm(2));
        double r = model.radiusMm();
        if (c[2] + r <= 0) {
            return null;
        }
        if (c[2] - r <= 1e-6 * r) {
            // the camera is inside or beside the sphere: anything may be covered
            return PixelRegion.full(imageWidth, imageHeight);
        }
        // the tangent cone of the sphere bounds its image; bound it per axis by the two tangent lines
        int[] ux = sphereSpan(c[0], c[2], r, camera.fx(), camera.cx());
        int[] vy = sphereSpan(c[1], c[2], r, camera.fy(), camera.cy());
        long x0 = ux[0] - (long) marginPx, x1 = ux[1] + (long) marginPx;
        long y0 = vy[0] - (long) marginPx, y1 = vy[1] + (long) marginPx;
        x0 = Math.max(0, x0);
        y0 = Math.max(0, y0);
        x1 = Math.min(imageWidth - 1, x1);
        y1 = Math.min(imageHeight - 1, y1);
        if (x1 < x0 || y1 < y0) {
            return null;
        }
        return new PixelRegion((int) x0, (int) y0, (int) (x1 - x0 + 1), (int) (y1 - y0 + 1));
    }

    private static int[] sphereSpan(double a, double z, double r, double f, double c) {
        // tangent lines from the origin to the circle (a, z), radius r, in the a-z plane
        double d2 = a * a + z * z;
        double s = Math.sqrt(Math.max(0, d2 - r * r));
        double lo = Double.NEGATIVE_INFINITY, hi = Double.POSITIVE_INFINITY;
        // tangent directions: (a s -/+ z r, z s +/- a r) / d2; the slope a/z of each
        double z1 = z * s + a * r, z2 = z * s - a * r;
        double a1 = a * s - z * r, a2 = a * s + z * r;
        if (z1 > 0 && z2 > 0) {
            lo = a1 / z1;
            hi = a2 / z2;
        } else if (z1 > 0) {
            lo = a1 / z1;
        } else if (z2 > 0) {
            hi = a2 / z2;
        }
        double ulo = lo == Double.NEGATIVE_INFINITY ? -1e9 : f * lo + c;
        double uhi = hi == Double.POSITIVE_INFINITY ? 1e9 : f * hi + c;
        return new int[] {(int) Math.max(-1e9, Math.floor(ulo)), (int) Math.min(1e9, Math.ceil(uhi))};
    }

    // ---------------------------------------------------------------------------------------------------------
    // frame set-up

    private void begin(CameraIntrinsics camera, int imageWidth, int imageHeight, PixelRegion region) {
        if (imageWidth <= 0 || imageHeight <= 0 || imageWidth > MAX_SIDE || imageHeight > MAX_SIDE) {
            throw new IllegalArgumentException("image size must be 1.." + MAX_SIDE + " per side, got "
                    + imageWidth + "x" + imageHeight);
        }
        PixelRegion r = region == null ? PixelRegion.full(imageWidth, imageHeight)
                : region.clippedTo(imageWidth, imageHeight);
        if (r == null) {
            throw new IllegalArgumentException("region " + region + " lies outside the " + imageWidth + "x"
                    + imageHeight + " image");
        }
        w = r.width();
        h = r.height();
        fx = camera.fx();
        fy = camera.fy();
        cx = camera.cx() - r.x();
        cy = camera.cy() - r.y();
        near = config.nearPlaneMm;
        lastX0 = r.x();
        lastY0 = r.y();
        lastImageWidth = imageWidth;
        lastImageHeight = imageHeight;
        int n = w * h;
        if (zkey.length != n) {
            zkey = new long[n];
            depth = new float[n];
            inst = null;
            maskBuf = null;
            xyzBuf = null;
            normalBuf = null;
            rgbBuf = null;
        } else {
            Arrays.fill(zkey, 0L);
        }
        if (rayX.length < w) {
            rayX = new double[w];
        }
        if (rayY.length < h) {
            rayY = new double[h];
        }
    }

    private void draw(RenderModel model, RigidTransform pose, int instanceIndex) {
        storePose(model, pose, instanceIndex);
        double r00 = pose.r(0, 0), r01 = pose.r(0, 1), r02 = pose.r(0, 2);
        double r10 = pose.r(1, 0), r11 = pose.r(1, 1), r12 = pose.r(1, 2);
        double r20 = pose.r(2, 0), r21 = pose.r(2, 1), r22 = pose.r(2, 2);
        double t0 = pose.t(0), t1 = pose.t(1), t2 = pose.t(2);
        if (!sphereMayBeVisible(model, r00, r01, r02, r10, r11, r12, r20, r21, r22, t0, t1, t2)) {
            return;
        }
        Mesh mesh = model.mesh();
        float[] p = mesh.positions();
        int nv = mesh.vertexCount();
        ensureVertexScratch(nv);
        for (int i = 0, j = 0; i < nv; i++, j += 3) {
            double x = p[j], y = p[j + 1], z = p[j + 2];
            double xc = r00 * x + r01 * y + r02 * z + t0;
            double yc = r10 * x + r11 * y + r12 * z + t1;
            double zc = r20 * x + r21 * y + r22 * z + t2;
            vcam[j] = xc;
            vcam[j + 1] = yc;
            vcam[j + 2] = zc;
            int code = outcode(xc, yc, zc);
            vcode[i] = (byte) code;
            if ((code & 1) == 0) {
                double iz = 1.0 / zc;
                viz[i] = iz;
                vsx[i] = (int) Math.round((fx * xc * iz + cx) * SUB);
                vsy[i] = (int) Math.round((fy * yc * iz + cy) * SUB);
            }
        }
        if (mesh.hasTriangles()) {
            drawTriangles(model.triangles(), keyBase[instanceIndex]);
        } else {
            drawPoints(nv, model.pointRadiiMm(), config.pointRadiusScale, keyBase[instanceIndex]);
        }
    }

    private void storePose(RenderModel model, RigidTransform pose, int k) {
        if (k >= drawnModels.length) {
            drawnModels = Arrays.copyOf(drawnModels, Math.max(k + 1, 2 * drawnModels.length));
            drawnPoses = Arrays.copyOf(drawnPoses, 15 * drawnModels.length);
            keyBase = Arrays.copyOf(keyBase, drawnModels.length);
        }
        drawnModels[k] = model;
        long base = k == 0 ? 0 : (long) keyBase[k - 1] + primitiveCount(drawnModels[k - 1]);
        if (base + primitiveCount(model) >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("too many triangles and points in one render (2^31 at most)");
        }
        keyBase[k] = (int) base;
        int o = 15 * k;
        for (int i = 0; i < 9; i++) {
            drawnPoses[o + i] = pose.r(i / 3, i % 3);
        }
        for (int i = 0; i < 3; i++) {
            drawnPoses[o + 9 + i] = pose.t(i);
        }
        // the camera centre in the model frame: -R^T t
        for (int i = 0; i < 3; i++) {
            drawnPoses[o + 12 + i] = -(pose.r(0, i) * pose.t(0) + pose.r(1, i) * pose.t(1) + pose.r(2, i) * pose.t(2));
        }
    }

    private static int primitiveCount(RenderModel model) {
        Mesh m = model.mesh();
        return m.hasTriangles() ? m.triangleCount() : m.vertexCount();
    }

    private boolean sphereMayBeVisible(RenderModel model, double r00, double r01, double r02, double r10,
            double r11, double r12, double r20, double r21, double r22, double t0, double t1, double t2) {
        double mx = model.centerMm(0), my = model.centerMm(1), mz = model.centerMm(2);
        double x = r00 * mx + r01 * my + r02 * mz + t0;
        double y = r10 * mx + r11 * my + r12 * mz + t1;
        double z = r20 * mx + r21 * my + r22 * mz + t2;
        double r = model.radiusMm() * (1 + 1e-9) + 1e-6;
        if (z + r < near) {
            return false;
        }
        // side planes of the region's frustum (half a pixel beyond the border pixels' centres)
        return planeDistance(fx, 0, cx + 0.5, x, y, z) >= -r
                && planeDistance(-fx, 0, w - 0.5 - cx, x, y, z) >= -r
                && planeDistance(0, fy, cy + 0.5, x, y, z) >= -r
                && planeDistance(0, -fy, h - 0.5 - cy, x, y, z) >= -r;
    }

    private static double planeDistance(double a, double b, double c, double x, double y, double z) {
        return (a * x + b * y + c * z) / Math.sqrt(a * a + b * b + c * c);
    }

    private void ensureVertexScratch(int nv) {
        if (vsx.length < nv) {
            vcam = new double[3 * nv];
            vsx = new int[nv];
            vsy = new int[nv];
            viz = new double[nv];
            vcode = new byte[nv];
        }
    }

    /** Bit k set: outside clip plane k (0 near, 1 left, 2 right, 3 top, 4 bottom of the guard band). */
    private int outcode(double x, double y, double z) {
        int code = 0;
        for (int k = 0; k < 5; k++) {
            if (clipDistance(k, x, y, z) < 0) {
                code |= 1 << k;
            }
        }
        return code;
    }

    private double clipDistance(int plane, double x, double y, double z) {
        switch (plane) {
            case 0:
                return z - near;
            case 1:
                return fx * x + (cx + GUARD_PX) * z;
            case 2:
                return -fx * x + (w - 1 + GUARD_PX - cx) * z;
            case 3:
                return fy * y + (cy + GUARD_PX) * z;
            default:
                return -fy * y + (h - 1 + GUARD_PX - cy) * z;
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // triangles

    private void drawTriangles(int[] tri, int keyOffset) {
        boolean cull = config.cullBackFaces;
        double[] vc = vcam;
        for (int k = 0, t = 0; t < tri.length; k++, t += 3) {
            int a = tri[t], b = tri[t + 1], c = tri[t + 2];
            int ca = vcode[a], cb = vcode[b], cc = vcode[c];
            if ((ca & cb & cc) != 0) {
                continue;
            }
            if (cull) {
                // front-facing when the outward normal (counter-clockwise winding) points at the camera
                int ia = 3 * a, ib = 3 * b, ic = 3 * c;
                double ux = vc[ib] - vc[ia], uy = vc[ib + 1] - vc[ia + 1], uz = vc[ib + 2] - vc[ia + 2];
                double wx = vc[ic] - vc[ia], wy = vc[ic + 1] - vc[ia + 1], wz = vc[ic + 2] - vc[ia + 2];
                double nx = uy * wz - uz * wy, ny = uz * wx - ux * wz, nz = ux * wy - uy * wx;
                if (nx * vc[ia] + ny * vc[ia + 1] + nz * vc[ia + 2] >= 0) {
                    continue;
                }
            }
            if ((ca | cb | cc) == 0) {
                rasterTriangle(vsx[a], vsy[a], viz[a], vsx[b], vsy[b], viz[b], vsx[c], vsy[c], viz[c],
                        keyOffset + k);
            } else {
                clipAndRaster(a, b, c, ca | cb | cc, keyOffset + k);
            }
        }
    }

    /**
     * Scan-converts one triangle given in fixed-point pixel coordinates (1/256 pixel) with its vertices' 1/z.
     * Top-left rule: a pixel centre exactly on an edge belongs to the triangle only if the edge is a top edge
     * (horizontal, interior below) or a left edge (interior to the right); y grows downwards.
     */
    private void rasterTriangle(int ax, int ay, double iza, int bx, int by, double izb, int cxF, int cyF,
            double izc, int key) {
        long area = (long) (bx - ax) * (cyF - ay) - (long) (by - ay) * (cxF - ax);
        if (area == 0) {
            return;
        }
        if (area < 0) {
            int tx = bx, ty = by;
            double tz = izb;
            bx = cxF;
            by = cyF;
            izb = izc;
            cxF = tx;
            cyF = ty;
            izc = tz;
            area = -area;
        }
        int minX = Math.max(0, ceilDiv(Math.min(ax, Math.min(bx, cxF))));
        int maxX = Math.min(w - 1, floorDiv(Math.max(ax, Math.max(bx, cxF))));
        int minY = Math.max(0, ceilDiv(Math.min(ay, Math.min(by, cyF))));
        int maxY = Math.min(h - 1, floorDiv(Math.max(ay, Math.max(by, cyF))));
        if (minX > maxX || minY > maxY) {
            return;
        }
        // edge functions E_uv(p) = (v - u) x (p - u); E_bc weighs vertex a, E_ca weighs b, E_ab weighs c
        long abDx = bx - ax, abDy = by - ay;
        long bcDx = cxF - bx, bcDy = cyF - by;
        long caDx = ax - cxF, caDy = ay - cyF;
        long px = (long) minX << SUB_BITS, py = (long) minY << SUB_BITS;
        long eAb = abDx * (py - ay) - abDy * (px - ax);
        long eBc = bcDx * (py - by) - bcDy * (px - bx);
        long eCa = caDx * (py - cyF) - caDy * (px - cxF);
        long abStepX = -abDy << SUB_BITS, abStepY = abDx << SUB_BITS;
        long bcStepX = -bcDy << SUB_BITS, bcStepY = bcDx << SUB_BITS;
        long caStepX = -caDy << SUB_BITS, caStepY = caDx << SUB_BITS;

        // 1/z is affine in the image: its plane from the unbiased edge values
        double invArea = 1.0 / area;
        double izRow = (eBc * iza + eCa * izb + eAb * izc) * invArea;
        double izDx = (bcStepX * iza + caStepX * izb + abStepX * izc) * invArea;
        double izDy = (bcStepY * iza + caStepY * izb + abStepY * izc) * invArea;

        // the fill rule as a bias: non-top-left edges need E > 0, i.e. E - 1 >= 0 on the integer grid
        eAb += isTopLeft(abDx, abDy) ? 0 : -1;
        eBc += isTopLeft(bcDx, bcDy) ? 0 : -1;
        eCa += isTopLeft(caDx, caDy) ? 0 : -1;

        long[] zk = zkey;
        int width = w;
        for (int y = minY; y <= maxY; y++) {
            long e0 = eAb, e1 = eBc, e2 = eCa;
            double iz = izRow;
            int idx = y * width + minX;
            for (int x = minX; x <= maxX; x++, idx++) {
                if ((e0 | e1 | e2) >= 0) {
                    long v = (long) Float.floatToRawIntBits((float) iz) << 32 | key;
                    if (v > zk[idx]) {
                        zk[idx] = v;
                    }
                }
                e0 += abStepX;
                e1 += bcStepX;
                e2 += caStepX;
                iz += izDx;
            }
            eAb += abStepY;
            eBc += bcStepY;
            eCa += caStepY;
            izRow += izDy;
        }
    }

    private static boolean isTopLeft(long dx, long dy) {
        return dy < 0 || (dy == 0 && dx > 0);
    }

    private static int ceilDiv(int fixed) {
        return -((-fixed) >> SUB_BITS);
    }

    private static int floorDiv(int fixed) {
        return fixed >> SUB_BITS;
    }

    /** Sutherland-Hodgman against the planes the triangle crosses, then a fan of the clipped polygon. */
    private void clipAndRaster(int a, int b, int c, int codes, int key) {
        double[] in = clipA, out = clipB;
        System.arraycopy(vcam, 3 * a, in, 0, 3);
        System.arraycopy(vcam, 3 * b, in, 3, 3);
        System.arraycopy(vcam, 3 * c, in, 6, 3);
        int n = 3;
        for (int plane = 0; plane < 5; plane++) {
            if ((codes & (1 << plane)) == 0) {
                continue;
            }
            int m = 0;
            for (int k = 0; k < n; k++) {
                int j = k + 1 == n ? 0 : k + 1;
                double dk = clipDistance(plane, in[3 * k], in[3 * k + 1], in[3 * k + 2]);
                double dj = clipDistance(plane, in[3 * j], in[3 * j + 1], in[3 * j + 2]);
                if (dk >= 0) {
                    System.arraycopy(in, 3 * k, out, 3 * m++, 3);
                }
                if ((dk >= 0) != (dj >= 0)) {
                    // always from the inside end to the outside end, so the triangle on the other side of this
                    // edge computes the bit-identical point and no crack opens along it
                    int from = dk >= 0 ? k : j, to = dk >= 0 ? j : k;
                    double df = dk >= 0 ? dk : dj, dt = dk >= 0 ? dj : dk;
                    double s = df / (df - dt);
                    for (int d = 0; d < 3; d++) {
                        out[3 * m + d] = in[3 * from + d] + s * (in[3 * to + d] - in[3 * from + d]);
                    }
                    m++;
                }
            }
            double[] tmp = in;
            in = out;
            out = tmp;
            n = m;
            if (n < 3) {
                return;
            }
        }
        // project in place: reuse out as (sx, sy, iz) triples
        for (int k = 0; k < n; k++) {
            double z = Math.max(in[3 * k + 2], near);
            double iz = 1.0 / z;
            out[3 * k] = Math.round((fx * in[3 * k] * iz + cx) * SUB);
            out[3 * k + 1] = Math.round((fy * in[3 * k + 1] * iz + cy) * SUB);
            out[3 * k + 2] = iz;
        }
        for (int k = 1; k + 1 < n; k++) {
            rasterTriangle((int) out[0], (int) out[1], out[2], (int) out[3 * k], (int) out[3 * k + 1], out[3 * k + 2],
                    (int) out[3 * k + 3], (int) out[3 * k + 4], out[3 * k + 5], key);
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // points

    private void drawPoints(int nv, float[] radiiMm, double scale, int keyOffset) {
        long[] zk = zkey;
        for (int i = 0; i < nv; i++) {
            double radiusMm = scale * radiiMm[i];
            if (vcode[i] != 0) {
                // behind the near plane, or thousands of pixels outside the region
                continue;
            }
            double iz = viz[i];
            double u = vsx[i] / (double) SUB, v = vsy[i] / (double) SUB;
            // a disc facing the camera projects to an ellipse; at least the nearest pixel centre is inside
            double rx = Math.max(0.71, fx * radiusMm * iz), ry = Math.max(0.71, fy * radiusMm * iz);
            int x0 = (int) Math.max(0, Math.ceil(u - rx)), x1 = (int) Math.min(w - 1, Math.floor(u + rx));
            int y0 = (int) Math.max(0, Math.ceil(v - ry)), y1 = (int) Math.min(h - 1, Math.floor(v + ry));
            if (x0 > x1 || y0 > y1) {
                continue;
            }
            long packed = (long) Float.floatToRawIntBits((float) iz) << 32 | (keyOffset + i);
            double irx2 = 1 / (rx * rx), iry2 = 1 / (ry * ry);
            for (int y = y0; y <= y1; y++) {
                double dy2 = (y - v) * (y - v) * iry2;
                int idx = y * w + x0;
                for (int x = x0; x <= x1; x++, idx++) {
                    double dx = x - u;
                    if (dx * dx * irx2 + dy2 <= 1 && packed > zk[idx]) {
                        zk[idx] = packed;
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // per-pixel surface values

    private void resolve(Set<RenderOutput> outputs, int instances, boolean scene) {
        int n = w * h;
        boolean wantMask = outputs.contains(RenderOutput.MASK);
        boolean wantXyz = outputs.contains(RenderOutput.XYZ);
        boolean wantNormals = outputs.contains(RenderOutput.NORMALS);
        boolean wantRgb = outputs.contains(RenderOutput.RGB);
        boolean surface = wantXyz || wantNormals || wantRgb;
        if (wantMask && maskBuf == null) {
            maskBuf = new boolean[n];
        }
        if (wantXyz && xyzBuf == null) {
            xyzBuf = new float[3 * n];
        }
        if (wantNormals && normalBuf == null) {
            normalBuf = new float[3 * n];
        }
        if (wantRgb && rgbBuf == null) {
            rgbBuf = new byte[3 * n];
        }
        for (int x = 0; x < w; x++) {
            rayX[x] = (x - cx) / fx;
        }
        for (int y = 0; y < h; y++) {
            rayY[y] = (y - cy) / fy;
        }
        if (scene && inst == null) {
            inst = new int[n];
        }
        long[] zk = zkey;
        float[] dp = depth;
        boolean[] mk = wantMask ? maskBuf : null;
        float[] xyz = wantXyz ? xyzBuf : null;
        float[] nrm = wantNormals ? normalBuf : null;
        byte[] rgb = wantRgb ? rgbBuf : null;
        int count = 0, minX = Integer.MAX_VALUE, minY = Integer.MAX_VALUE, maxX = -1, maxY = -1;
        double[] sv = surfaceScratch;
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i++) {
                long v = zk[i];
                if (v == 0) {
                    dp[i] = 0;
                    if (mk != null) {
                        mk[i] = false;
                    }
                    if (scene) {
                        inst[i] = -1;
                    }
                    if (surface) {
                        clearSurface(i, xyz, nrm, rgb);
                    }
                    continue;
                }
                double z = 1.0 / Float.intBitsToFloat((int) (v >>> 32));
                dp[i] = (float) z;
                int key = (int) v;
                int k = scene ? instanceOf(key, instances) : 0;
                if (scene) {
                    inst[i] = k;
                }
                count++;
                if (x < minX) {
                    minX = x;
                }
                if (x > maxX) {
                    maxX = x;
                }
                if (y < minY) {
                    minY = y;
                }
                maxY = y;
                if (mk != null) {
                    mk[i] = true;
                }
                if (surface) {
                    evaluateSurface(k, key - keyBase[k], rayX[x], rayY[y], z, sv);
                    int o = 3 * i;
                    if (xyz != null) {
                        xyz[o] = (float) sv[0];
                        xyz[o + 1] = (float) sv[1];
                        xyz[o + 2] = (float) sv[2];
                    }
                    if (nrm != null) {
                        nrm[o] = (float) sv[3];
                        nrm[o + 1] = (float) sv[4];
                        nrm[o + 2] = (float) sv[5];
                    }
                    if (rgb != null) {
                        double dl = Math.sqrt(rayX[x] * rayX[x] + rayY[y] * rayY[y] + 1);
                        double cosine = Math.abs(sv[3] * rayX[x] + sv[4] * rayY[y] + sv[5]) / dl;
                        double shade = config.ambient + (1 - config.ambient) * cosine;
                        rgb[o] = toByte(sv[6] * shade);
                        rgb[o + 1] = toByte(sv[7] * shade);
                        rgb[o + 2] = toByte(sv[8] * shade);
                    }
                }
            }
        }
        result.set(lastX0, lastY0, w, h, lastImageWidth, lastImageHeight, dp, mk, xyz, nrm, rgb,
                scene ? inst : null);
        result.setCoverage(count, minX, minY, maxX, maxY);
    }

    /** The instance whose primitives hold this key: the last one whose key base is not above it. */
    private int instanceOf(int key, int instances) {
        int lo = 0, hi = instances - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (keyBase[mid] <= key) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static void clearSurface(int i, float[] xyz, float[] nrm, byte[] rgb) {
        int o = 3 * i;
        if (xyz != null) {
            xyz[o] = 0;
            xyz[o + 1] = 0;
            xyz[o + 2] = 0;
        }
        if (nrm != null) {
            nrm[o] = 0;
            nrm[o + 1] = 0;
            nrm[o + 2] = 0;
        }
        if (rgb != null) {
            rgb[o] = 0;
            rgb[o + 1] = 0;
            rgb[o + 2] = 0;
        }
    }

    private static byte toByte(double v01) {
        int v = (int) Math.round(v01 * 255);
        return (byte) (v < 0 ? 0 : Math.min(v, 255));
    }

    /**
     * The visible surface point of one pixel: {@code out = {xyz model frame (mm), unit normal camera frame,
     * albedo rgb 0..1}}. The pixel's ray {@code (rx, ry, 1)} in the camera frame is intersected with the visible
     * triangle in the model frame (Moller-Trumbore); for a point the ray is cut at the point's depth.
     */
    private void evaluateSurface(int k, int primId, double rx, double ry, double z, double[] out) {
        RenderModel model = drawnModels[k];
        double[] ps = drawnPoses;
        int o = 15 * k;
        double r00 = ps[o], r01 = ps[o + 1], r02 = ps[o + 2];
        double r10 = ps[o + 3], r11 = ps[o + 4], r12 = ps[o + 5];
        double r20 = ps[o + 6], r21 = ps[o + 7], r22 = ps[o + 8];
        double ox = ps[o + 12], oy = ps[o + 13], oz = ps[o + 14];
        // the ray direction in the model frame: R^T (rx, ry, 1)
        double dx = r00 * rx + r10 * ry + r20;
        double dy = r01 * rx + r11 * ry + r21;
        double dz = r02 * rx + r12 * ry + r22;
        Mesh mesh = model.mesh();
        float[] p = mesh.positions();
        float[] vn = model.normals();
        float[] col = mesh.colors();
        double wa, wb, wc;
        int ia, ib, ic;
        if (mesh.hasTriangles()) {
            int[] tri = model.triangles();
            ia = 3 * tri[3 * primId];
            ib = 3 * tri[3 * primId + 1];
            ic = 3 * tri[3 * primId + 2];
            double e1x = p[ib] - p[ia], e1y = p[ib + 1] - p[ia + 1], e1z = p[ib + 2] - p[ia + 2];
            double e2x = p[ic] - p[ia], e2y = p[ic + 1] - p[ia + 1], e2z = p[ic + 2] - p[ia + 2];
            double qx = dy * e2z - dz * e2y, qy = dz * e2x - dx * e2z, qz = dx * e2y - dy * e2x;
            double det = e1x * qx + e1y * qy + e1z * qz;
            double u = Double.NaN, v = Double.NaN;
            if (det != 0) {
                double inv = 1 / det;
                double sx = ox - p[ia], sy = oy - p[ia + 1], sz = oz - p[ia + 2];
                u = (sx * qx + sy * qy + sz * qz) * inv;
                double cxq = sy * e1z - sz * e1y, cyq = sz * e1x - sx * e1z, czq = sx * e1y - sy * e1x;
                v = (dx * cxq + dy * cyq + dz * czq) * inv;
            }
            if (u >= -0.5 && v >= -0.5 && u + v <= 1.5) {
                wa = 1 - u - v;
                wb = u;
                wc = v;
                out[0] = p[ia] + u * e1x + v * e2x;
                out[1] = p[ia + 1] + u * e1y + v * e2y;
                out[2] = p[ia + 2] + u * e1z + v * e2z;
            } else {
                // a triangle seen edge-on: take the point at the drawn depth and the first vertex's attributes
                wa = 1;
                wb = 0;
                wc = 0;
                out[0] = ox + z * dx;
                out[1] = oy + z * dy;
                out[2] = oz + z * dz;
            }
        } else {
            ia = 3 * primId;
            ib = ia;
            ic = ia;
            wa = 1;
            wb = 0;
            wc = 0;
            out[0] = ox + z * dx;
            out[1] = oy + z * dy;
            out[2] = oz + z * dz;
        }
        double nx = wa * vn[ia] + wb * vn[ib] + wc * vn[ic];
        double ny = wa * vn[ia + 1] + wb * vn[ib + 1] + wc * vn[ic + 1];
        double nz = wa * vn[ia + 2] + wb * vn[ib + 2] + wc * vn[ic + 2];
        double cnx = r00 * nx + r01 * ny + r02 * nz;
        double cny = r10 * nx + r11 * ny + r12 * nz;
        double cnz = r20 * nx + r21 * ny + r22 * nz;
        double len = Math.sqrt(cnx * cnx + cny * cny + cnz * cnz);
        if (len > 1e-12) {
            out[3] = cnx / len;
            out[4] = cny / len;
            out[5] = cnz / len;
        } else {
            out[3] = 0;
            out[4] = 0;
            out[5] = -1;
        }
        if (col != null) {
            out[6] = wa * col[ia] + wb * col[ib] + wc * col[ic];
            out[7] = wa * col[ia + 1] + wb * col[ib + 1] + wc * col[ic + 1];
            out[8] = wa * col[ia + 2] + wb * col[ib + 2] + wc * col[ic + 2];
        } else {
            out[6] = config.greyAlbedo;
            out[7] = config.greyAlbedo;
            out[8] = config.greyAlbedo;
        }
    }
}
