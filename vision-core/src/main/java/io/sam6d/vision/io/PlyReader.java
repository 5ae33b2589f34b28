package io.sam6d.vision.io;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sam6d.vision.geometry.Mesh;

/**
 * PLY in all three encodings. Reads {@code vertex} (x, y, z, optional nx, ny, nz and red, green, blue as uchar
 * 0..255 or float 0..1) and {@code face} (a list of vertex indices; polygons are split into a triangle fan); skips
 * every other element and property.
 */
final class PlyReader {

    private enum Encoding { ASCII, BINARY_LE, BINARY_BE }

    private record Property(String name, String type, String countType) {
        boolean isList() {
            return countType != null;
        }
    }

    private record Element(String name, int count, List<Property> properties) {
    }

    private PlyReader() {
    }

    static Mesh read(InputStream raw) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        String magic = readLine(in);
        if (!"ply".equals(magic.trim())) {
            throw new MeshFormatException("not a PLY file (first line is not 'ply')");
        }
        Encoding enc = null;
        List<Element> elements = new ArrayList<>();
        while (true) {
            String line = readLine(in).trim();
            if (line.equals("end_header")) {
                break;
            }
            String[] tok = line.split("\\s+");
            switch (tok[0]) {
                case "format" -> enc = switch (tok.length > 1 ? tok[1] : "") {
                    case "ascii" -> Encoding.ASCII;
                    case "binary_little_endian" -> Encoding.BINARY_LE;
                    case "binary_big_endian" -> Encoding.BINARY_BE;
                    default -> throw new MeshFormatException("unknown PLY format: " + line);
                };
                case "element" -> {
                    if (tok.length < 3) {
                        throw new MeshFormatException("bad PLY header line: " + line);
                    }
                    elements.add(new Element(tok[1], parseCount(tok[2], line), new ArrayList<>()));
                }
                case "property" -> {
                    if (elements.isEmpty()) {
                        throw new MeshFormatException("PLY property before any element: " + line);
                    }
                    Property p = tok.length >= 5 && tok[1].equals("list")
                            ? new Property(tok[4], tok[3], tok[2])
                            : new Property(tok[tok.length - 1], tok[1], null);
                    elements.get(elements.size() - 1).properties().add(p);
                }
                default -> {
                    // comment, obj_info and unknown header lines carry nothing we need
                }
            }
        }
        if (enc == null) {
            throw new MeshFormatException("PLY header has no format line");
        }
        ValueSource src = enc == Encoding.ASCII ? new AsciiSource(in)
                : new BinarySource(in, enc == Encoding.BINARY_LE ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);

        float[] pos = null;
        float[] nrm = null;
        float[] col = null;
        int[] tris = new int[0];
        for (Element el : elements) {
            if (el.name().equals("vertex")) {
                int ix = indexOf(el, "x"), iy = indexOf(el, "y"), iz = indexOf(el, "z");
                if (ix < 0 || iy < 0 || iz < 0) {
                    throw new MeshFormatException("PLY vertex element lacks x, y or z");
                }
                int inx = indexOf(el, "nx"), iny = indexOf(el, "ny"), inz = indexOf(el, "nz");
                int ir = indexOf(el, "red", "r", "diffuse_red"), ig = indexOf(el, "green", "g", "diffuse_green");
                int ib = indexOf(el, "blue", "b", "diffuse_blue");
                boolean hasN = inx >= 0 && iny >= 0 && inz >= 0;
                boolean hasC = ir >= 0 && ig >= 0 && ib >= 0;
                int n = el.count();
                pos = new float[3 * n];
                nrm = hasN ? new float[3 * n] : null;
                col = hasC ? new float[3 * n] : null;
                double[] row = new double[el.properties().size()];
                for (int v = 0; v < n; v++) {
                    readRow(src, el, row, "vertex", v);
                    pos[3 * v] = (float) row[ix];
                    pos[3 * v + 1] = (float) row[iy];
                    pos[3 * v + 2] = (float) row[iz];
                    if (hasN) {
                        nrm[3 * v] = (float) row[inx];
                        nrm[3 * v + 1] = (float) row[iny];
                        nrm[3 * v + 2] = (float) row[inz];
                    }
                    if (hasC) {
                        col[3 * v] = colour(row[ir], el.properties().get(ir).type());
                        col[3 * v + 1] = colour(row[ig], el.properties().get(ig).type());
                        col[3 * v + 2] = colour(row[ib], el.properties().get(ib).type());
                    }
                }
            } else if (el.name().equals("face")) {
                int il = -1;
                for (int i = 0; i < el.properties().size(); i++) {
                    Property p = el.properties().get(i);
                    if (p.isList() && (p.name().equals("vertex_indices") || p.name().equals("vertex_index"))) {
                        il = i;
                    }
                }
                if (il < 0) {
                    throw new MeshFormatException("PLY face element lacks a vertex_indices list");
                }
                IntList out = new IntList(el.count() * 3);
                for (int f = 0; f < el.count(); f++) {
                    for (int i = 0; i < el.properties().size(); i++) {
                        Property p = el.properties().get(i);
                        if (!p.isList()) {
                            src.next(p.type(), "face", f);
                            continue;
                        }
                        int cnt = (int) src.next(p.countType(), "face", f);
                        if (cnt < 0 || cnt > 1_000_000) {
                            throw new MeshFormatException("PLY face " + f + " has an impossible vertex count " + cnt);
                        }
                        int first = 0, prev = 0;
                        for (int k = 0; k < cnt; k++) {
                            int idx = (int) src.next(p.type(), "face", f);
                            if (i == il) {
                                if (k == 0) {
                                    first = idx;
                                } else if (k >= 2) {
                                    out.add(first);
                                    out.add(prev);
                                    out.add(idx);
                                }
                                prev = idx;
                            }
                        }
                    }
                }
                tris = out.toArray();
            } else {
                double[] row = new double[el.properties().size()];
                for (int r = 0; r < el.count(); r++) {
                    for (Property p : el.properties()) {
                        if (p.isList()) {
                            int cnt = (int) src.next(p.countType(), el.name(), r);
                            for (int k = 0; k < cnt; k++) {
                                src.next(p.type(), el.name(), r);
                            }
                        } else {
                            src.next(p.type(), el.name(), r);
                        }
                    }
                }
            }
        }
        if (pos == null) {
            throw new MeshFormatException("PLY file has no vertex element");
        }
        int n = pos.length / 3;
        for (int idx : tris) {
            if (idx < 0 || idx >= n) {
                throw new MeshFormatException("PLY face refers to vertex " + idx + " but there are " + n);
            }
        }
        if (nrm != null && !usableNormals(nrm)) {
            nrm = null;
        }
        return new Mesh(pos, nrm, col, tris);
    }

    /** All-zero or non-finite normals are as good as none. */
    private static boolean usableNormals(float[] nrm) {
        int zero = 0;
        for (int i = 0; i < nrm.length; i += 3) {
            double l = nrm[i] * nrm[i] + nrm[i + 1] * nrm[i + 1] + nrm[i + 2] * nrm[i + 2];
            if (!(l > 1e-12) || !Double.isFinite(l)) {
                zero++;
            }
        }
        return zero < nrm.length / 3 / 10 + 1;
    }

    private static void readRow(ValueSource src, Element el, double[] row, String what, int index)
            throws IOException {
        List<Property> props = el.properties();
        for (int i = 0; i < props.size(); i++) {
            Property p = props.get(i);
            if (p.isList()) {
                int cnt = (int) src.next(p.countType(), what, index);
                for (int k = 0; k < cnt; k++) {
                    src.next(p.type(), what, index);
                }
                row[i] = 0;
            } else {
                row[i] = src.next(p.type(), what, index);
            }
        }
    }

    private static float colour(double value, String type) {
        boolean isFloat = type.startsWith("float") || type.startsWith("double");
        return (float) (isFloat ? Math.max(0, Math.min(1, value)) : Math.max(0, Math.min(255, value)) / 255.0);
    }

    private static int indexOf(Element el, String... names) {
        for (int i = 0; i < el.properties().size(); i++) {
            for (String n : names) {
                if (el.properties().get(i).name().equals(n) && !el.properties().get(i).isList()) {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int parseCount(String s, String line) {
        try {
            int c = Integer.parseInt(s);
            if (c < 0) {
                throw new NumberFormatException();
            }
            return c;
        } catch (NumberFormatException e) {
            throw new MeshFormatException("bad element count in PLY header: " + line);
        }
    }

    private static String readLine(DataInputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (sb.length() == 0) {
                    throw new MeshFormatException("PLY header ends before end_header (truncated or not PLY)");
                }
                return sb.toString();
            }
            if (b == '\n') {
                return sb.toString();
            }
            if (b != '\r') {
                sb.append((char) b);
            }
            if (sb.length() > 10_000) {
                throw new MeshFormatException("PLY header line too long (not a PLY file?)");
            }
        }
    }

    private interface ValueSource {
        double next(String type, String element, int index) throws IOException;
    }

    private static final class AsciiSource implements ValueSource {
        private final InputStream in;
        private final StringBuilder sb = new StringBuilder(32);

        AsciiSource(InputStream in) {
            this.in = in;
        }

        @Override
        public double next(String type, String element, int index) throws IOException {
            sb.setLength(0);
            int b;
            do {
                b = in.read();
            } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
            while (b >= 0 && b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                sb.append((char) b);
                b = in.read();
            }
            if (sb.length() == 0) {
                throw new MeshFormatException("PLY data truncated in " + element + " " + index);
            }
            String tok = sb.toString();
            try {
                return switch (tok.toLowerCase(Locale.ROOT)) {
                    case "nan", "-nan" -> Double.NaN; // as numpy and C printf write them
                    case "inf", "+inf" -> Double.POSITIVE_INFINITY;
                    case "-inf" -> Double.NEGATIVE_INFINITY;
                    default -> Double.parseDouble(tok);
                };
            } catch (NumberFormatException e) {
                throw new MeshFormatException("PLY " + element + " " + index + ": '" + sb + "' is not a number");
            }
        }
    }

    private static final class BinarySource implements ValueSource {
        private final DataInputStream in;
        private final ByteBuffer buf;

        BinarySource(DataInputStream in, ByteOrder order) {
            this.in = in;
            this.buf = ByteBuffer.allocate(8).order(order);
        }

        @Override
        public double next(String type, String element, int index) throws IOException {
            String t = type.toLowerCase(Locale.ROOT);
            int size = switch (t) {
                case "char", "uchar", "int8", "uint8" -> 1;
                case "short", "ushort", "int16", "uint16" -> 2;
                case "int", "uint", "int32", "uint32", "float", "float32" -> 4;
                case "double", "float64" -> 8;
                default -> throw new MeshFormatException("unknown PLY property type '" + type + "'");
            };
            buf.clear();
            try {
                in.readFully(buf.array(), 0, size);
            } catch (EOFException e) {
                throw new MeshFormatException("PLY data truncated in " + element + " " + index);
            }
            buf.limit(size);
            return switch (t) {
                case "char", "int8" -> buf.get(0);
                case "uchar", "uint8" -> buf.get(0) & 0xFF;
                case "short", "int16" -> buf.getShort(0);
                case "ushort", "uint16" -> buf.getShort(0) & 0xFFFF;
                case "int", "int32" -> buf.getInt(0);
                case "uint", "uint32" -> buf.getInt(0) & 0xFFFFFFFFL;
                case "float", "float32" -> buf.getFloat(0);
                default -> buf.getDouble(0);
            };
        }
    }

    static final class IntList {
        private int[] a;
        private int n;

        IntList(int capacity) {
            a = new int[Math.max(16, capacity)];
        }

        void add(int v) {
            if (n == a.length) {
                a = java.util.Arrays.copyOf(a, a.length * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(a, n);
        }
    }
}
