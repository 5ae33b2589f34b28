package io.sam6d.vision.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.sam6d.vision.geometry.Mesh;

/**
 * STL, ASCII or binary (told apart by the size the binary header announces). Corners at identical coordinates
 * are merged into one vertex, so the triangles share edges as in the original model.
 */
final class StlReader {

    private StlReader() {
    }

    static Mesh read(InputStream in) throws IOException {
        byte[] all = in.readAllBytes();
        if (all.length >= 84) {
            long count = ByteBuffer.wrap(all, 80, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() & 0xFFFFFFFFL;
            if (84 + count * 50 == all.length) {
                return binary(all, (int) count);
            }
        }
        String text = new String(all, StandardCharsets.US_ASCII);
        if (text.stripLeading().startsWith("solid")) {
            return ascii(text);
        }
        throw new MeshFormatException("not a valid STL file (binary size does not match and no ASCII 'solid')");
    }

    private static Mesh binary(byte[] all, int count) {
        ByteBuffer b = ByteBuffer.wrap(all).order(ByteOrder.LITTLE_ENDIAN);
        Builder builder = new Builder();
        for (int t = 0; t < count; t++) {
            int base = 84 + t * 50 + 12;
            for (int c = 0; c < 3; c++) {
                builder.corner(b.getFloat(base + 12 * c), b.getFloat(base + 12 * c + 4), b.getFloat(base + 12 * c + 8));
            }
        }
        return builder.build();
    }

    private static Mesh ascii(String text) {
        Builder builder = new Builder();
        int corners = 0;
        for (String raw : text.split("\n")) {
            String line = raw.trim();
            if (line.startsWith("vertex")) {
                String[] t = line.split("\\s+");
                if (t.length < 4) {
                    throw new MeshFormatException("STL vertex line needs x y z: " + line);
                }
                try {
                    builder.corner(Float.parseFloat(t[1]), Float.parseFloat(t[2]), Float.parseFloat(t[3]));
                } catch (NumberFormatException e) {
                    throw new MeshFormatException("STL vertex is not numeric: " + line);
                }
                corners++;
            }
        }
        if (corners % 3 != 0) {
            throw new MeshFormatException("STL ends inside a facet (truncated)");
        }
        return builder.build();
    }

    private record Key(float x, float y, float z) {
    }

    private static final class Builder {
        private final Map<Key, Integer> index = new HashMap<>();
        private final ObjReader.FloatList pos = new ObjReader.FloatList();
        private final PlyReader.IntList tris = new PlyReader.IntList(1024);

        void corner(float x, float y, float z) {
            Key key = new Key(x, y, z);
            Integer i = index.get(key);
            if (i == null) {
                i = pos.size() / 3;
                index.put(key, i);
                pos.add(x);
                pos.add(y);
                pos.add(z);
            }
            tris.add(i);
        }

        Mesh build() {
            return new Mesh(pos.toArray(), null, null, tris.toArray());
        }
    }
}
