package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The class-agnostic proposals of a {@link DepthScene}: connected surfaces of free pixels, split at depth steps
 * (coarse level) and also at concave folds and pixels without a normal (fine level); the fine pieces are kept only
 * for coarse surfaces that really split into two or more sizeable pieces.
 */
final class SceneSegments {

    private SceneSegments() {
    }

    static void build(DepthScene s) {
        int n = s.width * s.height;
        int minPixels = 40;
        int[] parent = new int[n];
        // coarse level: depth continuity only
        labelComponents(s, parent, false);
        int[] ids = collect(s, parent, s.coarseLabel, minPixels, 0);
        int coarseCount = ids[0];
        // fine level: also cut at concave folds
        int[] fineLabel = new int[n];
        labelComponents(s, parent, true);
        collect(s, parent, fineLabel, minPixels, 1);
        // keep the fine pieces only of the coarse surfaces that really split (two or more sizeable pieces)
        int[] bigChildren = new int[coarseCount];
        for (Segment seg : s.segments.subList(coarseCount, s.segments.size())) {
            int coarse = s.coarseLabel[seg.pixels[0]];
            if (coarse >= 0 && seg.pixels.length >= 0.15 * s.segments.get(coarse).pixels.length) {
                bigChildren[coarse]++;
            }
        }
        List<Segment> kept = new ArrayList<>(s.segments.subList(0, coarseCount));
        for (Segment seg : s.segments.subList(coarseCount, s.segments.size())) {
            int coarse = s.coarseLabel[seg.pixels[0]];
            if (coarse >= 0 && bigChildren[coarse] >= 2) {
                kept.add(seg);
            }
        }
        s.segments.clear();
        for (Segment seg : kept) {
            seg.id = s.segments.size();
            s.segments.add(seg);
        }
    }

    private static void labelComponents(DepthScene s, int[] parent, boolean cutCreases) {
        int n = s.width * s.height;
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int v = 0; v < s.height; v++) {
            for (int u = 0; u < s.width; u++) {
                int i = v * s.width + u;
                if (!usable(s, i, cutCreases)) {
                    continue;
                }
                if (u + 1 < s.width && usable(s, i + 1, cutCreases) && s.continuous(i, i + 1)) {
                    UnionFind.union(parent, i, i + 1);
                }
                if (v + 1 < s.height && usable(s, i + s.width, cutCreases) && s.continuous(i, i + s.width)) {
                    UnionFind.union(parent, i, i + s.width);
                }
            }
        }
    }

    /** At the fine level, folds and pixels without a normal (next to depth steps) separate surfaces too. */
    private static boolean usable(DepthScene s, int i, boolean cutCreases) {
        return s.kind[i] == DepthScene.FREE && !(cutCreases && (s.crease[i] || s.nx[i] == 0 && s.ny[i] == 0 && s.nz[i] == 0));
    }

    /** Writes component ids to {@code label} and appends the s.segments; returns {count}. */
    private static int[] collect(DepthScene s, int[] parent, int[] label, int minPixels, int level) {
        int n = s.width * s.height;
        int[] size = new int[n];
        for (int i = 0; i < n; i++) {
            if (s.kind[i] == DepthScene.FREE) {
                size[UnionFind.find(parent, i)]++;
            }
        }
        int[] rootId = new int[n];
        Arrays.fill(rootId, -1);
        int first = s.segments.size();
        List<int[]> members = new ArrayList<>();
        Arrays.fill(label, -1);
        for (int i = 0; i < n; i++) {
            if (s.kind[i] != DepthScene.FREE) {
                continue;
            }
            int r = UnionFind.find(parent, i);
            if (size[r] >= minPixels && rootId[r] < 0) {
                rootId[r] = members.size();
                members.add(new int[size[r]]);
            }
        }
        int[] fill = new int[members.size()];
        for (int i = 0; i < n; i++) {
            if (s.kind[i] != DepthScene.FREE) {
                continue;
            }
            int r = UnionFind.find(parent, i);
            int id = rootId[r];
            if (id < 0) {
                continue;
            }
            // at the fine level, s.crease pixels are singletons of size 1 and never reach here
            members.get(id)[fill[id]++] = i;
            label[i] = first + id;
        }
        for (int id = 0; id < members.size(); id++) {
            s.segments.add(new Segment(s, first + id, level, members.get(id)));
        }
        return new int[] {members.size()};
    }
}
