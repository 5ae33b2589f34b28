package io.sam6d.vision.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Files the benchmark writes besides the BOP results and the summary. */
final class EvalOutputs {

    private EvalOutputs() {
    }

    /** Per evaluated estimate: its smallest normalised errors (null above the largest threshold). */
    static void writeErrors(Path file, List<PoseEvaluator.EstimateErrors> errors) {
        ObjectMapper m = new ObjectMapper();
        ArrayNode arr = m.createArrayNode();
        for (PoseEvaluator.EstimateErrors e : errors) {
            ObjectNode o = arr.addObject();
            o.put("scene_id", e.sceneId());
            o.put("im_id", e.imageId());
            o.put("obj_id", e.objId());
            o.put("score", e.score());
            put(o, "add_over_diameter", e.addNorm());
            put(o, "mssd_over_diameter", e.mssdNorm());
            put(o, "mspd_px_at_640", e.mspdPx640());
        }
        writeJson(file, arr);
    }

    /** Writes JSON, indented, creating the directory. */
    static void writeJson(Path file, com.fasterxml.jackson.databind.JsonNode json) {
        write(file, f -> new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(f.toFile(), json));
    }

    /** Writes text, creating the directory. */
    static void writeString(Path file, String text) {
        write(file, f -> Files.writeString(f, text));
    }

    private interface Writer {
        void write(Path file) throws IOException;
    }

    private static void write(Path file, Writer writer) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            writer.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static void put(ObjectNode o, String key, double v) {
        if (Double.isFinite(v)) {
            o.put(key, v);
        } else {
            o.putNull(key);
        }
    }
}
