package io.sam6d.vision.eval.bop;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sam6d.vision.geometry.RigidTransform;

/**
 * BOP's pose results files. CSV: a header {@code scene_id,im_id,obj_id,score,R,t,time}, then one row per
 * estimate, R as 9 numbers row-major and t as 3 numbers in mm, each space-separated, time in seconds (-1 when
 * unknown). JSON: an array of objects with the same keys, R and t as number arrays. Numbers are written with enough
 * digits to round-trip doubles.
 */
public final class BopResults {

    public static final String CSV_HEADER = "scene_id,im_id,obj_id,score,R,t,time";

    private static final ObjectMapper JSON = new ObjectMapper();

    private BopResults() {
    }

    public static void writeCsv(Path file, List<BopEstimate> estimates) {
        try {
            createParent(file);
            try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                writeCsv(w, estimates);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static void writeCsv(Writer out, List<BopEstimate> estimates) throws IOException {
        out.write(CSV_HEADER);
        out.write('\n');
        StringBuilder sb = new StringBuilder(256);
        for (BopEstimate e : estimates) {
            sb.setLength(0);
            sb.append(e.sceneId()).append(',').append(e.imageId()).append(',').append(e.objId()).append(',')
                    .append(num(e.score())).append(',');
            joinSpaced(sb, e.modelToCamera().rotation());
            sb.append(',');
            joinSpaced(sb, e.modelToCamera().translation());
            sb.append(',').append(num(e.timeSec())).append('\n');
            out.write(sb.toString());
        }
    }

    public static List<BopEstimate> readCsv(Path file) {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readCsv(r, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * Reads the CSV. The header line is optional (BOP's own files have it); blank lines are skipped.
     *
     * @param source named in error messages
     * @throws IllegalArgumentException naming the line of a malformed row
     */
    public static List<BopEstimate> readCsv(Reader in, String source) throws IOException {
        BufferedReader r = in instanceof BufferedReader br ? br : new BufferedReader(in);
        List<BopEstimate> out = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            String s = line.strip();
            if (s.isEmpty() || lineNo == 1 && s.startsWith("scene_id")) {
                continue;
            }
            String[] f = s.split(",", -1);
            if (f.length != 7) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": expected 7 comma-separated fields ("
                        + CSV_HEADER + "), got " + f.length);
            }
            try {
                double[] rot = spaced(f[4], 9, "R");
                double[] t = spaced(f[5], 3, "t");
                out.add(new BopEstimate(Integer.parseInt(f[0].strip()), Integer.parseInt(f[1].strip()),
                        Integer.parseInt(f[2].strip()), Double.parseDouble(f[3].strip()), new RigidTransform(rot, t),
                        Double.parseDouble(f[6].strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    public static void writeJson(Path file, List<BopEstimate> estimates) {
        ArrayNode arr = JSON.createArrayNode();
        for (BopEstimate e : estimates) {
            ObjectNode o = arr.addObject();
            o.put("scene_id", e.sceneId());
            o.put("im_id", e.imageId());
            o.put("obj_id", e.objId());
            o.put("score", e.score());
            ArrayNode rot = o.putArray("R");
            for (double v : e.modelToCamera().rotation()) {
                rot.add(v);
            }
            ArrayNode t = o.putArray("t");
            for (double v : e.modelToCamera().translation()) {
                t.add(v);
            }
            o.put("time", e.timeSec());
        }
        try {
            createParent(file);
            JSON.writerWithDefaultPrettyPrinter().writeValue(file.toFile(), arr);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** Reads the JSON form; R may also be given as a 3x3 nested array and t as a 3x1 one (as some tools write). */
    public static List<BopEstimate> readJson(Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException(file + ": expected a JSON array of estimates");
        }
        List<BopEstimate> out = new ArrayList<>(root.size());
        int i = 0;
        for (JsonNode o : root) {
            try {
                out.add(new BopEstimate(required(o, "scene_id").asInt(), required(o, "im_id").asInt(),
                        required(o, "obj_id").asInt(), required(o, "score").asDouble(),
                        new RigidTransform(flat(required(o, "R"), 9, "R"), flat(required(o, "t"), 3, "t")),
                        o.path("time").asDouble(-1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + " entry " + i + ": " + e.getMessage(), e);
            }
            i++;
        }
        return out;
    }

    private static JsonNode required(JsonNode o, String key) {
        JsonNode v = o.get(key);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing '" + key + "'");
        }
        return v;
    }

    private static double[] flat(JsonNode arr, int n, String what) {
        List<Double> vals = new ArrayList<>();
        collect(arr, vals);
        if (vals.size() != n) {
            throw new IllegalArgumentException(what + " needs " + n + " numbers, got " + vals.size());
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = vals.get(i);
        }
        return out;
    }

    private static void collect(JsonNode n, List<Double> out) {
        if (n.isArray()) {
            for (JsonNode c : n) {
                collect(c, out);
            }
        } else if (n.isNumber()) {
            out.add(n.asDouble());
        } else {
            throw new IllegalArgumentException("expected numbers, got " + n);
        }
    }

    private static double[] spaced(String field, int n, String what) {
        String[] parts = field.strip().split("\\s+");
        if (parts.length != n) {
            throw new IllegalArgumentException(what + " needs " + n + " space-separated numbers, got " + parts.length);
        }
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }

    private static void joinSpaced(StringBuilder sb, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(num(v[i]));
        }
    }

    /** Shortest text that parses back to the same double; integers without ".0". */
    private static String num(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).toLowerCase(Locale.ROOT);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }
}
