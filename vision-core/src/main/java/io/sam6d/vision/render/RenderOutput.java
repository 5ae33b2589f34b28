package io.sam6d.vision.render;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a render produces besides the depth buffer, which is always there. Ask only for what you use: depth and
 * mask skip the per-pixel surface evaluation entirely.
 */
public enum RenderOutput {
    /** Depth along the optical axis (z), mm; 0 where nothing was drawn. Always produced. */
    DEPTH,
    /** true where the object (any drawn object) covers the pixel. */
    MASK,
    /** Model-frame coordinates of the visible surface point, mm, 3 floats per pixel; 0 where empty. */
    XYZ,
    /** Unit surface normal of the visible point in the camera frame, 3 floats per pixel; 0 where empty. */
    NORMALS,
    /** Colour with Lambert shading from a light at the camera, 3 bytes per pixel; black where empty. */
    RGB;

    /** Depth and mask only: the fast mode for checking a pose hypothesis. */
    public static final Set<RenderOutput> DEPTH_MASK = Set.copyOf(EnumSet.of(DEPTH, MASK));

    /** Everything: what templates need. */
    public static final Set<RenderOutput> ALL = Set.copyOf(EnumSet.allOf(RenderOutput.class));
}
