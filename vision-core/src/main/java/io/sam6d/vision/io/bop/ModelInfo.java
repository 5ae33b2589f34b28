package io.sam6d.vision.io.bop;

import java.util.List;

import io.sam6d.vision.geometry.RigidTransform;

/**
 * One entry of BOP's {@code models_info.json}. Lengths in mm.
 *
 * @param name                 the dataset's name for the object, or null
 * @param diameter             largest distance between two model points
 * @param symmetricAdds        the object is scored with ADD-S (YCB-Video's list of symmetric objects)
 * @param mesh                 false for models that are point sets only (no triangles)
 * @param discreteSymmetries   {@code symmetries_discrete}: transforms that map the model onto itself
 * @param continuousSymmetries {@code symmetries_continuous}: rotation axes through {@code offset}
 */
public record ModelInfo(int objId, String name, double diameter, double[] min, double[] size,
        boolean symmetricAdds, boolean mesh, List<RigidTransform> discreteSymmetries,
        List<ContinuousSymmetry> continuousSymmetries) {

    /** A continuous rotational symmetry: any rotation about {@code axis} through {@code offset} (mm). */
    public record ContinuousSymmetry(double[] axis, double[] offset) {
    }

    public boolean hasSymmetries() {
        return symmetricAdds || !discreteSymmetries.isEmpty() || !continuousSymmetries.isEmpty();
    }

    /**
     * The symmetry transforms as a finite list without the identity: the discrete ones, each continuous one
     * sampled every {@code 360 / continuousSteps} degrees about its axis through its offset, and the products of
     * the two kinds (BOP's construction).
     */
    public List<RigidTransform> symmetryTransforms(int continuousSteps) {
        List<RigidTransform> rotations = new java.util.ArrayList<>();
        rotations.add(RigidTransform.identity());
        for (ContinuousSymmetry c : continuousSymmetries) {
            for (int k = 1; k < continuousSteps; k++) {
                double angle = 2 * Math.PI * k / continuousSteps;
                RigidTransform rot = RigidTransform.fromAxisAngle(c.axis()[0], c.axis()[1], c.axis()[2], angle,
                        new double[3]);
                double[] o = c.offset();
                double[] ro = rot.apply(o[0], o[1], o[2]);
                // rotation about an axis through the offset point: x -> R (x - o) + o
                rotations.add(new RigidTransform(rot.rotation(),
                        new double[] {o[0] - ro[0], o[1] - ro[1], o[2] - ro[2]}));
            }
        }
        List<RigidTransform> out = new java.util.ArrayList<>();
        List<RigidTransform> discrete = new java.util.ArrayList<>(discreteSymmetries);
        discrete.add(0, RigidTransform.identity());
        for (RigidTransform d : discrete) {
            for (RigidTransform c : rotations) {
                RigidTransform t = c.compose(d);
                if (t.rotationAngleTo(RigidTransform.identity()) > 1e-9
                        || t.translationDistanceTo(RigidTransform.identity()) > 1e-9) {
                    out.add(t);
                }
            }
        }
        return out;
    }
}
