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
}
