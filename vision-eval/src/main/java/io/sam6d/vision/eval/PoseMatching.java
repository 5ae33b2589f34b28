package io.sam6d.vision.eval;

import java.util.Arrays;

/**
 * BOP's greedy matching of pose estimates to ground-truth instances ({@code pose_matching.match_poses}): the
 * estimates, best score first, each take the not yet matched valid instance of the same object with the smallest
 * error that is strictly below the threshold.
 */
public final class PoseMatching {

    private PoseMatching() {
    }

    /**
     * @param errors    {@code errors[e][g]}: error of estimate e (already sorted by decreasing score and cut to the
     *                  estimates that count) against instance g; compared as given, so normalise first
     * @param gtValid   which instances can be matched (others are ignored)
     * @param threshold an error must be strictly below it
     * @return for each estimate the matched instance, or -1
     */
    public static int[] match(double[][] errors, boolean[] gtValid, double threshold) {
        int[] out = new int[errors.length];
        Arrays.fill(out, -1);
        boolean[] taken = new boolean[gtValid.length];
        for (int e = 0; e < errors.length; e++) {
            double best = threshold;
            int bestG = -1;
            for (int g = 0; g < gtValid.length; g++) {
                if (gtValid[g] && !taken[g] && errors[e][g] < best) {
                    best = errors[e][g];
                    bestG = g;
                }
            }
            if (bestG >= 0) {
                taken[bestG] = true;
                out[e] = bestG;
            }
        }
        return out;
    }

    /** How many estimates {@link #match} pairs with an instance. */
    public static int countMatches(double[][] errors, boolean[] gtValid, double threshold) {
        int n = 0;
        for (int g : match(errors, gtValid, threshold)) {
            if (g >= 0) {
                n++;
            }
        }
        return n;
    }
}
