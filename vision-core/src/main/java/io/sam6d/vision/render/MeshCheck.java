package io.sam6d.vision.render;

import java.util.Arrays;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.io.MeshFormatException;

/**
 * What matters about a mesh before rendering it: is there anything to draw, and how sound is its surface. A
 * z-buffer draws open and non-manifold meshes correctly, so those are reported, not refused; a mesh with no
 * extent, non-finite coordinates or only degenerate triangles is refused.
 *
 * @param vertices            vertex count
 * @param triangles           triangle count (0 for a point set)
 * @param degenerateTriangles triangles of zero area (repeated or collinear vertices)
 * @param boundaryEdges       edges used by exactly one triangle (an open surface has them)
 * @param nonManifoldEdges    edges shared by more than two triangles
 * @param diameterMm          largest distance between two vertices, in the mesh's units times the unit scale
 */
public record MeshCheck(int vertices, int triangles, int degenerateTriangles, long boundaryEdges,
        long nonManifoldEdges, double diameterMm) {

    /** True when every edge is shared by exactly two triangles (a closed 2-manifold surface, holes aside). */
    public boolean isClosedManifold() {
        return triangles > 0 && boundaryEdges == 0 && nonManifoldEdges == 0;
    }

    /**
     * Inspects a mesh already in mm.
     *
     * @throws MeshFormatException when there is nothing that can be drawn, saying why
     */
    public static MeshCheck require(Mesh mesh) {
        float[] p = mesh.positions();
        if (mesh.vertexCount() == 0) {
            throw new MeshFormatException("the mesh has no vertices");
        }
        for (int i = 0; i < p.length; i++) {
            if (!Float.isFinite(p[i])) {
                throw new MeshFormatException("vertex " + (i / 3) + " has a non-finite coordinate (NaN or infinity)");
            }
        }
        double diameter = MeshOps.diameter(mesh);
        if (!(diameter > 0)) {
            throw new MeshFormatException("the mesh has no extent: all " + mesh.vertexCount()
                    + " vertices are at the same place");
        }
        int[] t = mesh.triangles();
        int nt = mesh.triangleCount();
        int degenerate = 0;
        for (int k = 0; k < t.length; k += 3) {
            int a = 3 * t[k], b = 3 * t[k + 1], c = 3 * t[k + 2];
            double ux = p[b] - p[a], uy = p[b + 1] - p[a + 1], uz = p[b + 2] - p[a + 2];
            double vx = p[c] - p[a], vy = p[c + 1] - p[a + 1], vz = p[c + 2] - p[a + 2];
            double nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
            if (nx * nx + ny * ny + nz * nz == 0) {
                degenerate++;
            }
        }
        if (nt > 0 && degenerate == nt) {
            throw new MeshFormatException("every one of the " + nt + " triangles is degenerate (zero area)");
        }
        long boundary = 0, nonManifold = 0;
        if (nt > 0) {
            long[] edges = new long[3 * nt];
            for (int k = 0; k < t.length; k += 3) {
                for (int e = 0; e < 3; e++) {
                    int a = t[k + e], b = t[k + (e + 1) % 3];
                    edges[k + e] = ((long) Math.min(a, b) << 32) | Math.max(a, b);
                }
            }
            Arrays.sort(edges);
            for (int i = 0; i < edges.length; ) {
                int j = i;
                while (j < edges.length && edges[j] == edges[i]) {
                    j++;
                }
                int uses = j - i;
                if (uses == 1) {
                    boundary++;
                } else if (uses > 2) {
                    nonManifold++;
                }
                i = j;
            }
        }
        return new MeshCheck(mesh.vertexCount(), nt, degenerate, boundary, nonManifold, diameter);
    }
}
