package io.sam6d.vision.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.sam6d.vision.geometry.CameraIntrinsics;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.io.bop.BopFrame;

/**
 * Ground-truth visible masks of a frame's instances, in the order of {@code scene_gt.json}: BOP's
 * {@code mask_visib/IIIIII_GGGGGG.png} when present, else YCB-Video's {@code label/} image (pixel value = obj_id).
 *
 * <p>A label image cannot tell two instances of one object apart. Their common region is then split by the
 * ground-truth poses: a pixel with depth goes to the instance whose posed model surface is nearest to the pixel's
 * 3D point, a pixel without depth to the instance whose projected model centre is nearest. Such masks are
 * reported in {@link #notes()}.
 *
 * @param masks  one per ground-truth instance; null where neither source exists
 * @param source {@code mask_visib}, {@code label}, or {@code none}
 * @param notes  plain-language remarks (instances split from a shared label)
 */
public record GtMasks(List<Mask> masks, String source, List<String> notes) {

    /** Instances farther than this fraction of the diameter from every posed model are assigned by projection. */
    private static final double SPLIT_RADIUS = 0.25;

    /**
     * @param width          width of the frame's images, pixels
     * @param height         height of the frame's images, pixels
     * @param depth          the frame's depth (mm) for splitting shared label regions, or null
     * @param models         evaluation models by object id, for splitting shared label regions
     */
    public static GtMasks load(BopFrame frame, int width, int height, DepthImage depth,
            IntFunction<EvalModel> models) {
        List<BopFrame.GtPose> gt = frame.gt();
        List<Mask> masks = new ArrayList<>(gt.size());
        boolean allVisib = true;
        for (int g = 0; g < gt.size(); g++) {
            Path p = frame.sceneDir() == null ? null : frame.visibleMask(g);
            if (p != null && Files.isRegularFile(p)) {
                int[] size = new int[2];
                boolean[] bits = ImageFiles.decodeMask(ImageFiles.readBytes(p), size);
                masks.add(new Mask(size[0], size[1], bits));
            } else {
                allVisib = false;
                masks.add(null);
            }
        }
        if (allVisib) {
            return new GtMasks(masks, gt.isEmpty() ? "none" : "mask_visib", List.of());
        }
        if (frame.label() == null || !Files.isRegularFile(frame.label())) {
            return new GtMasks(masks, masks.stream().anyMatch(m -> m != null) ? "mask_visib" : "none", List.of());
        }
        int[] size = new int[2];
        int[] labels = ImageFiles.decodeLabels(ImageFiles.readBytes(frame.label()), size);
        if (size[0] != width || size[1] != height) {
            throw new IllegalArgumentException("label image " + frame.label() + " is " + size[0] + "x" + size[1]
                    + ", the frame " + width + "x" + height);
        }
        Map<Integer, List<Integer>> instancesByObj = new HashMap<>();
        for (int g = 0; g < gt.size(); g++) {
            instancesByObj.computeIfAbsent(gt.get(g).objId(), k -> new ArrayList<>()).add(g);
        }
        List<String> notes = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : instancesByObj.entrySet()) {
            int objId = e.getKey();
            List<Integer> inst = e.getValue();
            if (inst.stream().allMatch(g -> masks.get(g) != null)) {
                continue;
            }
            if (inst.size() == 1) {
                boolean[] bits = new boolean[width * height];
                for (int i = 0; i < bits.length; i++) {
                    bits[i] = labels[i] == objId;
                }
                masks.set(inst.get(0), new Mask(width, height, bits));
            } else {
                boolean[][] split = split(labels, objId, width, height, depth, frame.camera(),
                        inst.stream().map(g -> gt.get(g).modelToCamera()).toList(), models.apply(objId));
                for (int k = 0; k < inst.size(); k++) {
                    masks.set(inst.get(k), new Mask(width, height, split[k]));
                }
                notes.add("frame " + frame.sceneId() + "/" + frame.imageId() + ": " + inst.size() + " instances of object "
                        + objId + " share one label region; split by the ground-truth poses");
            }
        }
        return new GtMasks(masks, "label", List.copyOf(notes));
    }

    static boolean[][] split(int[] labels, int objId, int width, int height, DepthImage depth, CameraIntrinsics cam,
            List<RigidTransform> poses, EvalModel model) {
        int n = poses.size();
        boolean[][] out = new boolean[n][width * height];
        List<RigidTransform> inv = poses.stream().map(RigidTransform::inverse).toList();
        double[] centre = centroid(model.points());
        double[][] centreUv = new double[n][];
        for (int k = 0; k < n; k++) {
            double[] c = poses.get(k).apply(centre[0], centre[1], centre[2]);
            centreUv[k] = new double[] {cam.fx() * c[0] / c[2] + cam.cx(), cam.fy() * c[1] / c[2] + cam.cy()};
        }
        double[] q = new double[3];
        PoseErrors.Nn nn = new PoseErrors.Nn(model, SPLIT_RADIUS * model.diameterMm());
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                int i = v * width + u;
                if (labels[i] != objId) {
                    continue;
                }
                int best = -1;
                double bestD = Double.POSITIVE_INFINITY;
                float z = depth == null ? 0 : depth.mm()[i];
                if (z > 0) {
                    double x = (u - cam.cx()) * z / cam.fx(), y = (v - cam.cy()) * z / cam.fy();
                    for (int k = 0; k < n; k++) {
                        inv.get(k).apply(x, y, z, q, 0);
                        if (nn.find(q[0], q[1], q[2]) && nn.dist < bestD) {
                            bestD = nn.dist;
                            best = k;
                        }
                    }
                }
                if (best < 0) {
                    for (int k = 0; k < n; k++) {
                        double du = u - centreUv[k][0], dv = v - centreUv[k][1];
                        double d = du * du + dv * dv;
                        if (d < bestD) {
                            bestD = d;
                            best = k;
                        }
                    }
                }
                out[best][i] = true;
            }
        }
        return out;
    }

    private static double[] centroid(float[] p) {
        double[] c = new double[3];
        for (int i = 0; i < p.length; i += 3) {
            c[0] += p[i];
            c[1] += p[i + 1];
            c[2] += p[i + 2];
        }
        int n = p.length / 3;
        return new double[] {c[0] / n, c[1] / n, c[2] / n};
    }

    /** True when every instance has a mask. */
    public boolean complete() {
        return masks.stream().allMatch(m -> m != null);
    }

    @Override
    public String toString() {
        return "GtMasks{" + source + ", " + masks.size() + " instances, notes=" + Arrays.toString(notes.toArray()) + "}";
    }
}
