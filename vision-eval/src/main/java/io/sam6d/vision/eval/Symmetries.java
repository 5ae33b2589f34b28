package io.sam6d.vision.eval;

import java.util.ArrayList;
import java.util.List;

import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.io.bop.ModelInfo;

/**
 * Symmetry transforms of an object built the way the BOP toolkit builds them
 * ({@code misc.get_symmetry_transformations}): the identity and every {@code symmetries_discrete} entry, each
 * combined with a sampling of every {@code symmetries_continuous} rotation. Transforms act in the model frame
 * (translation in mm): a model point {@code x} and {@code S x} are indistinguishable on the object.
 */
public final class Symmetries {

    /**
     * BOP's default {@code max_sym_disc_step}: the largest step between two sampled continuous rotations, as a
     * fraction of the diameter travelled by the vertex farthest from the axis. Gives ceil(pi / 0.01) = 315 samples.
     */
    public static final double BOP_MAX_SYM_DISC_STEP = 0.01;

    private Symmetries() {
    }

    /**
     * The BOP set: identity first, then the rest, with continuous symmetries sampled for
     * {@code maxSymDiscStep} as BOP does.
     */
    public static List<RigidTransform> bop(ModelInfo info, double maxSymDiscStep) {
        if (!(maxSymDiscStep > 0)) {
            throw new IllegalArgumentException("maxSymDiscStep must be > 0");
        }
        return combine(info, (int) Math.ceil(Math.PI / maxSymDiscStep));
    }

    /** All combinations {@code C ∘ D} of a continuous sample C and a discrete symmetry D (identity included). */
    static List<RigidTransform> combine(ModelInfo info, int continuousSteps) {
        if (continuousSteps < 1) {
            throw new IllegalArgumentException("continuousSteps must be >= 1");
        }
        List<RigidTransform> discrete = new ArrayList<>();
        discrete.add(RigidTransform.identity());
        discrete.addAll(info.discreteSymmetries());

        List<RigidTransform> continuous = new ArrayList<>();
        for (ModelInfo.ContinuousSymmetry c : info.continuousSymmetries()) {
            double[] axis = c.axis();
            double[] offset = c.offset().length == 3 ? c.offset() : new double[3];
            double step = 2 * Math.PI / continuousSteps;
            for (int i = 0; i < continuousSteps; i++) {
                RigidTransform rot = RigidTransform.fromAxisAngle(axis[0], axis[1], axis[2], i * step, new double[3]);
                // rotation about the axis through `offset`: t = offset - R offset
                double[] rOff = rot.rotate(offset[0], offset[1], offset[2]);
                continuous.add(new RigidTransform(rot.rotation(),
                        new double[] {offset[0] - rOff[0], offset[1] - rOff[1], offset[2] - rOff[2]}));
            }
        }
        if (continuous.isEmpty()) {
            return List.copyOf(discrete);
        }
        List<RigidTransform> out = new ArrayList<>(discrete.size() * continuous.size());
        for (RigidTransform d : discrete) {
            for (RigidTransform c : continuous) {
                out.add(c.compose(d));
            }
        }
        return List.copyOf(out);
    }

    static boolean isIdentity(RigidTransform s, double tol) {
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                if (Math.abs(s.r(i, j) - (i == j ? 1 : 0)) > tol) {
                    return false;
                }
            }
            if (Math.abs(s.t(i)) > tol * 1e3) {
                return false;
            }
        }
        return true;
    }
}
