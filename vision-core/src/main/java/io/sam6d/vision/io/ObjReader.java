package io.sam6d.vision.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

import io.sam6d.vision.geometry.Mesh;

/**
 * Wavefront OBJ: {@code v x y z [r g b]} vertices (the common vertex-colour extension, 0..1) and {@code f}
 * faces in any of the {@code i}, {@code i/t}, {@code i//n}, {@code i/t/n} forms, negative indices included.
 * Polygons become triangle fans; texture coordinates, per-corner normals and materials are ignored.
 */
final class ObjReader {

    private ObjReader() {
    }

    static Mesh read(InputStream in) throws IOException {
        FloatList pos = new FloatList();
        FloatList col = new FloatList();
        boolean colours = true;
        PlyReader.IntList tris = new PlyReader.IntList(1024);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            line = line.trim();
            if (line.startsWith("v ")) {
                String[] t = line.split("\\s+");
                if (t.length < 4) {
                    throw new MeshFormatException("OBJ line " + lineNo + ": a vertex needs x y z");
                }
                for (int i = 1; i <= 3; i++) {
                    pos.add(number(t[i], lineNo));
                }
                if (t.length >= 7) {
                    for (int i = 4; i <= 6; i++) {
                        col.add(number(t[i], lineNo));
                    }
                } else {
                    colours = false;
                }
            } else if (line.startsWith("f ")) {
                String[] t = line.split("\\s+");
                int n = pos.size() / 3;
                int first = 0, prev = 0;
                for (int k = 1; k < t.length; k++) {
                    String ref = t[k];
                    int slash = ref.indexOf('/');
                    int idx;
                    try {
                        idx = Integer.parseInt(slash < 0 ? ref : ref.substring(0, slash));
                    } catch (NumberFormatException e) {
                        throw new MeshFormatException("OBJ line " + lineNo + ": bad face index '" + ref + "'");
                    }
                    idx = idx < 0 ? n + idx : idx - 1;
                    if (idx < 0 || idx >= n) {
                        throw new MeshFormatException("OBJ line " + lineNo + ": face refers to vertex that does not exist");
                    }
                    if (k == 1) {
                        first = idx;
                    } else if (k >= 3) {
                        tris.add(first);
                        tris.add(prev);
                        tris.add(idx);
                    }
                    prev = idx;
                }
            }
        }
        float[] colours01 = null;
        if (colours && col.size() == pos.size() && col.size() > 0) {
            colours01 = col.toArray();
            float max = 0;
            for (float c : colours01) {
                max = Math.max(max, c);
            }
            if (max > 1.0f) { // 0..255 colours
                for (int i = 0; i < colours01.length; i++) {
                    colours01[i] /= 255f;
                }
            }
        }
        return new Mesh(pos.toArray(), null, colours01, tris.toArray());
    }

    private static float number(String s, int lineNo) {
        try {
            return Float.parseFloat(s);
        } catch (NumberFormatException e) {
            throw new MeshFormatException("OBJ line " + lineNo + ": '" + s + "' is not a number");
        }
    }

    static final class FloatList {
        private float[] a = new float[1024];
        private int n;

        void add(float v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        int size() {
            return n;
        }

        float[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
