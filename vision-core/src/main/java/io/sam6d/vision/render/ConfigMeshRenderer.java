package io.sam6d.vision.render;

/** Settings of {@link MeshRenderer}. Public fields with defaults; call {@link #checkValidity()} after changing them. */
public class ConfigMeshRenderer {

    /**
     * Skip triangles that face away from the camera. About halves the work on closed meshes; leave it off for
     * open meshes (scans, thin sheets) or meshes whose winding is not counter-clockwise seen from outside.
     */
    public boolean cullBackFaces = false;

    /** Surfaces closer than this to the camera centre along the optical axis are clipped away, mm. */
    public double nearPlaneMm = 1.0;

    /** Light that reaches every surface regardless of its orientation, 0..1 (the rest is Lambert from the camera). */
    public double ambient = 0.3;

    /** Albedo of meshes without vertex colours, 0..1 (a neutral grey). */
    public double greyAlbedo = 0.7;

    /**
     * Radius of the disc drawn for each point of a point set (a model without triangles), as a multiple of the
     * point's distance to its 6th nearest neighbour ({@link RenderModel#pointRadiiMm()}). At 1 the discs leave
     * well under 1 % of a randomly sampled surface uncovered; silhouettes grow by about one such radius.
     */
    public double pointRadiusScale = 1.0;

    public ConfigMeshRenderer setTo(ConfigMeshRenderer src) {
        this.cullBackFaces = src.cullBackFaces;
        this.nearPlaneMm = src.nearPlaneMm;
        this.ambient = src.ambient;
        this.greyAlbedo = src.greyAlbedo;
        this.pointRadiusScale = src.pointRadiusScale;
        return this;
    }

    public ConfigMeshRenderer copy() {
        return new ConfigMeshRenderer().setTo(this);
    }

    public void checkValidity() {
        if (!(nearPlaneMm > 0) || !Double.isFinite(nearPlaneMm)) {
            throw new IllegalArgumentException("nearPlaneMm must be a positive number, got " + nearPlaneMm);
        }
        if (!(ambient >= 0 && ambient <= 1)) {
            throw new IllegalArgumentException("ambient must be in 0..1, got " + ambient);
        }
        if (!(greyAlbedo >= 0 && greyAlbedo <= 1)) {
            throw new IllegalArgumentException("greyAlbedo must be in 0..1, got " + greyAlbedo);
        }
        if (!(pointRadiusScale > 0) || !Double.isFinite(pointRadiusScale)) {
            throw new IllegalArgumentException("pointRadiusScale must be a positive number, got " + pointRadiusScale);
        }
    }
}
