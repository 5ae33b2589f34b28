package io.sam6d.vision.segmentation;

/** Union-find over pixel indices ({@code parent[i] == i} for a root), with path halving; the smaller root wins. */
final class UnionFind {

    private UnionFind() {
    }

    static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    static void union(int[] parent, int a, int b) {
        int ra = find(parent, a), rb = find(parent, b);
        if (ra != rb) {
            if (ra < rb) {
                parent[rb] = ra;
            } else {
                parent[ra] = rb;
            }
        }
    }
}
