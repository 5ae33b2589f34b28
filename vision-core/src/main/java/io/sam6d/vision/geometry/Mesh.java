package io.sam6d.vision.geometry;

/**
 * A triangle mesh or a bare point set in the model frame, lengths in millimetres.
 *
 * <p>Arrays are shared, not copied (meshes are large); treat them as read-only. Vertex {@code i} is
 * {@code positions[3i..3i+2]}; triangle {@code k} joins vertices {@code triangles[3k..3k+2]} counter-clockwise seen
 * from outside. A point set (scanned models, YCB-Video's scissors and marker) has no triangles.
 *
 * @param positions  xyz per vertex, mm
 * @param normals    unit normal per vertex, or null when the file had none and none were computed
 * @param colors     rgb per vertex in 0..1, or null when the file had none
 * @param triangles  vertex indices, three per triangle; empty for a point set
 */
public record Mesh(float[] positions, float[] normals, float[] colors, int[] triangles) {

    public Mesh {
        if (positions == null || positions.length % 3 != 0) {
            throw new IllegalArgumentException("positions must hold 3 floats per vertex");
        }
        int n = positions.length / 3;
        if (normals != null && normals.length != positions.length) {
            throw new IllegalArgumentException("normals must hold 3 floats per vertex");
        }
        if (colors != null && colors.length != positions.length) {
            throw new IllegalArgumentException("colors must hold 3 floats per vertex");
        }
        if (triangles == null) {
            triangles = new int[0];
        }
        if (triangles.length % 3 != 0) {
            throw new IllegalArgumentException("triangles must hold 3 indices each");
        }
        for (int idx : triangles) {
            if (idx < 0 || idx >= n) {
                throw new IllegalArgumentException("triangle index " + idx + " outside 0.." + (n - 1));
            }
        }
    }

    public int vertexCount() {
        return positions.length / 3;
    }

    public int triangleCount() {
        return triangles.length / 3;
    }

    public boolean hasTriangles() {
        return triangles.length > 0;
    }

    public boolean hasNormals() {
        return normals != null;
    }

    public boolean hasColors() {
        return colors != null;
    }

    /** The same mesh with these normals. */
    public Mesh withNormals(float[] newNormals) {
        return new Mesh(positions, newNormals, colors, triangles);
    }
}
