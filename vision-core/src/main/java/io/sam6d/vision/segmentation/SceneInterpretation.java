package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The objects of a frame compete for its pixels, so that one region is one object while touching and overlapping
 * instances each keep their own visible part. A pose explains the pixels whose depth it matches (its support; its
 * mask also holds pixels without depth, which explain nothing). Verified poses of all asked objects are taken best
 * score first; a pose whose support is mostly explained already by poses taken before it is dropped, unless it
 * explains more than they do together (score times support) while covering them: then it replaces them (a small
 * object fitted onto the face of a bigger one can score well, but the bigger one explains that surface and more). A
 * last pass drops a pose whose support lies mostly inside poses taken after it that explain more.
 */
final class SceneInterpretation {

    private SceneInterpretation() {
    }

    /**
     * @param candidates   verified poses with their scores, of any objects
     * @param minScore     poses scoring below are not considered
     * @param maxPerObject most poses kept per object
     * @param maxShared    a pose is dropped when more than this share of its support is explained by poses kept
     *                     before it
     */
    static List<WeightFreeSegmenter.Found> select(List<WeightFreeSegmenter.Found> candidates, int width, int height,
            double minScore, int maxPerObject, double maxShared) {
        List<Item> sorted = new ArrayList<>();
        for (WeightFreeSegmenter.Found f : candidates) {
            if (f.result().score >= minScore && f.result().match > 0) {
                sorted.add(new Item(sorted.size() + 1, f, f.model(), pixels(f.result(), f.result().support, width)));
            }
        }
        sorted.sort(Comparator.comparingDouble((Item i) -> -i.score()));
        int[] owner = new int[width * height];
        List<Item> kept = new ArrayList<>();
        for (Item c : sorted) {
            if (countSameObject(kept, c) >= maxPerObject) {
                continue;
            }
            if (sharedWith(c, owner, null) <= maxShared * c.pixels.length) {
                kept.add(c);
                claim(owner, kept);
                continue;
            }
            // blocked: does it explain more than the poses it covers?
            List<Item> covered = new ArrayList<>();
            double coveredGain = 0;
            for (Item k : kept) {
                if (overlap(k, c, owner.length) > 0.5 * k.pixels.length) {
                    covered.add(k);
                    coveredGain += k.gain();
                }
            }
            if (!covered.isEmpty() && c.gain() > coveredGain
                    && sharedWith(c, owner, covered) <= maxShared * c.pixels.length
                    && countSameObject(kept, c) - countSameObject(covered, c) < maxPerObject) {
                kept.removeAll(covered);
                kept.add(c);
                claim(owner, kept);
            }
        }
        // poses swallowed by ones that explain more, kept after them: weakest first
        for (int k = kept.size() - 1; k >= 0; k--) {
            Item r = kept.get(k);
            int inBigger = 0;
            boolean[] bigger = new boolean[width * height];
            for (Item o : kept) {
                if (o != r && o.gain() > r.gain()) {
                    for (int p : o.pixels) {
                        bigger[p] = true;
                    }
                }
            }
            for (int p : r.pixels) {
                if (bigger[p]) {
                    inBigger++;
                }
            }
            if (inBigger > maxShared * r.pixels.length) {
                kept.remove(k);
            }
        }
        List<WeightFreeSegmenter.Found> out = new ArrayList<>();
        for (Item i : kept) {
            out.add(i.found);
        }
        return out;
    }

    /** A candidate with the pixels whose depth it matches, as frame pixel indices. */
    private record Item(int id, WeightFreeSegmenter.Found found, Object object, int[] pixels) {
        double score() {
            return found.result().score;
        }

        /**
         * What the pose explains: its score times the pixels whose depth it matches (not its mask, which also holds
         * pixels without depth: a model hanging over a region the camera measured nothing in explains none of it).
         */
        double gain() {
            return score() * pixels.length;
        }
    }

    private static int countSameObject(List<Item> items, Item c) {
        int n = 0;
        for (Item k : items) {
            if (k.object == c.object) {
                n++;
            }
        }
        return n;
    }

    /** Mask pixels of {@code c} owned by a kept pose that is not in {@code except}. */
    private static int sharedWith(Item c, int[] owner, List<Item> except) {
        int n = 0;
        for (int p : c.pixels) {
            int o = owner[p];
            if (o != 0 && (except == null || except.stream().noneMatch(e -> e.id == o))) {
                n++;
            }
        }
        return n;
    }

    /** Rebuilds the owner map of the kept poses (first kept owns a pixel). */
    private static void claim(int[] owner, List<Item> kept) {
        java.util.Arrays.fill(owner, 0);
        for (Item k : kept) {
            for (int p : k.pixels) {
                if (owner[p] == 0) {
                    owner[p] = k.id;
                }
            }
        }
    }

    /** Pixels of {@code a}'s support inside {@code b}'s. */
    private static int overlap(Item a, Item b, int size) {
        boolean[] in = new boolean[size];
        for (int p : b.pixels) {
            in[p] = true;
        }
        int n = 0;
        for (int p : a.pixels) {
            if (in[p]) {
                n++;
            }
        }
        return n;
    }

    /** The window's set pixels as frame pixel indices. */
    private static int[] pixels(Verification.Result r, boolean[] window, int width) {
        int[] out = new int[r.w * r.h];
        int n = 0;
        for (int v = 0; v < r.h; v++) {
            for (int u = 0; u < r.w; u++) {
                if (window[v * r.w + u]) {
                    out[n++] = (r.v0 + v) * width + r.u0 + u;
                }
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }
}
