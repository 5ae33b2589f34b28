package io.sam6d.render.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds a throw-away {@code static/} tree with small meshes for the render-server tests. */
final class TestStatic {

    private TestStatic() {
    }

    static Path create() {
        try {
            Path root = Files.createTempDirectory("render-static");
            Files.createDirectories(root.resolve("meshes/test"));
            Files.createDirectories(root.resolve("templates"));
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An ASCII PLY cube of edge {@code size} mm centred at the origin. */
    static String cubePly(double size) {
        double h = size / 2;
        StringBuilder sb = new StringBuilder("ply\nformat ascii 1.0\nelement vertex 8\nproperty float x\n"
                + "property float y\nproperty float z\nelement face 12\nproperty list uchar int vertex_indices\n"
                + "end_header\n");
        double[][] v = {{-h, -h, -h}, {h, -h, -h}, {h, h, -h}, {-h, h, -h}, {-h, -h, h}, {h, -h, h}, {h, h, h},
            {-h, h, h}};
        for (double[] p : v) {
            sb.append(p[0]).append(' ').append(p[1]).append(' ').append(p[2]).append('\n');
        }
        int[][] f = {{0, 3, 2}, {0, 2, 1}, {4, 5, 6}, {4, 6, 7}, {0, 1, 5}, {0, 5, 4}, {3, 7, 6}, {3, 6, 2},
            {0, 4, 7}, {0, 7, 3}, {1, 2, 6}, {1, 6, 5}};
        for (int[] t : f) {
            sb.append("3 ").append(t[0]).append(' ').append(t[1]).append(' ').append(t[2]).append('\n');
        }
        return sb.toString();
    }

    /** The project's shared test data ({@code ../shared/data}; the build passes {@code sam6d.shared.dir}). */
    static Path sharedData() {
        String prop = System.getProperty("sam6d.shared.dir");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
        return p.resolve("data").toAbsolutePath().normalize();
    }

    static Path write(Path root, String relative, String content) {
        try {
            Path p = root.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
