import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs the full pipeline over many objects and frames through main-server's REST API, shows each job's progress
 * and writes a batch summary JSON (README, "Batch runs"). JDK only, run by scripts/batch-pipeline.sh:
 * {@code java scripts/BatchPipeline.java --url URL --class CLASS --objects a,b|all (--frames DIR | --rss URL)}.
 */
public class BatchPipeline {

    static final String USAGE = """
            usage: scripts/batch-pipeline.sh --url MAIN_SERVER_URL --class CLASS --objects OBJ[,OBJ...]|all
                                             (--frames DIR | --rss CAMERA_URL [--count N] [--align])
                                             [--mode full|results_only|none] [--tag TAG] [--summary FILE]
                                             [--parallel N] [--poll-ms MS] [--timeout-s S] [--static-dir DIR]
              --frames DIR   one frame (rgb.png|rgb.jpg, depth.png, camera.json with cam_K and depth_scale) or a
                             folder of such frame folders; under the server's static/ the paths are sent,
                             elsewhere the images travel in the request (Base64)
              --rss URL      a RealSense streaming server; --count frames are taken, one job each, all objects
              --objects all  every object of the class in main-server's object database
              --parallel N   jobs in flight at once (default 2; RSS frames are always taken one after another)
              --summary FILE where the summary goes (default batch_summary_<time>.json)
              SAM6D_TOKEN    environment: a bearer token for main-server (POST /api/v1/auth/token gives one)
            exit status: 0 all items completed, 1 some failed, 2 bad arguments or main-server unreachable
            """;

    public static void main(String[] args) {
        try {
            System.exit(new BatchPipeline(Options.parse(args)).run());
        } catch (UsageException e) {
            System.err.println("batch-pipeline: " + e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
        } catch (ApiError e) {
            System.err.println("batch-pipeline: " + e.getMessage());
            System.exit(2);
        }
    }

    // ------------------------------------------------------------------------------------------------ options

    static final class UsageException extends RuntimeException {
        UsageException(String m) {
            super(m);
        }
    }

    static final class ApiError extends RuntimeException {
        ApiError(String m) {
            super(m);
        }
    }

    record Options(String url, String className, List<String> objects, Path frames, String rss, int count,
            boolean align, String mode, String tag, Path summary, int parallel, long pollMs, long timeoutS,
            Path staticDir) {

        static Options parse(String[] args) {
            Map<String, String> o = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                if (a.equals("-h") || a.equals("--help")) {
                    System.out.print(USAGE);
                    System.exit(0);
                }
                if (a.equals("--align")) {
                    o.put("align", "true");
                    continue;
                }
                if (!a.startsWith("--") || i + 1 >= args.length) {
                    throw new UsageException("unexpected argument " + a);
                }
                o.put(a.substring(2), args[++i]);
            }
            for (String required : List.of("url", "class", "objects")) {
                if (!o.containsKey(required)) {
                    throw new UsageException("--" + required + " is required");
                }
            }
            if (o.containsKey("frames") == o.containsKey("rss")) {
                throw new UsageException("give exactly one of --frames DIR and --rss URL");
            }
            String mode = o.getOrDefault("mode", "results_only");
            if (!List.of("full", "results_only", "none").contains(mode)) {
                throw new UsageException("--mode must be full, results_only or none");
            }
            String stamp = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC)
                    .format(Instant.now());
            List<String> objects = List.of(o.get("objects").split(",")).stream().map(String::trim)
                    .filter(s -> !s.isEmpty()).toList();
            if (objects.isEmpty()) {
                throw new UsageException("--objects lists no object");
            }
            return new Options(o.get("url").replaceAll("/+$", ""), o.get("class"), objects,
                    o.containsKey("frames") ? Path.of(o.get("frames")).toAbsolutePath().normalize() : null,
                    o.get("rss"), positive(o.getOrDefault("count", "1"), "count"), o.containsKey("align"), mode,
                    o.get("tag"), Path.of(o.getOrDefault("summary", "batch_summary_" + stamp + ".json")),
                    positive(o.getOrDefault("parallel", "2"), "parallel"),
                    positive(o.getOrDefault("poll-ms", "1000"), "poll-ms"),
                    positive(o.getOrDefault("timeout-s", "3600"), "timeout-s"),
                    o.containsKey("static-dir") ? Path.of(o.get("static-dir")).toAbsolutePath().normalize() : null);
        }

        static int positive(String v, String name) {
            try {
                int n = Integer.parseInt(v);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UsageException("--" + name + " must be a positive whole number, got " + v);
        }
    }

    // ------------------------------------------------------------------------------------------------ the run

    /** One unit of work: one job. */
    static final class Item {
        final int index;
        final String objectName;
        final String frame;
        final String submitPath;
        final Map<String, Object> body;
        String jobId;
        String status = "queued";
        int progress;
        String stage;
        String error;
        long durationMs;
        int posesFound;
        String outputDir;
        long startedNanos;

        Item(int index, String objectName, String frame, String submitPath, Map<String, Object> body) {
            this.index = index;
            this.objectName = objectName;
            this.frame = frame;
            this.submitPath = submitPath;
            this.body = body;
        }

        boolean finished() {
            return List.of("completed", "failed", "cancelled").contains(status);
        }
    }

    private final Options opt;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String token = System.getenv("SAM6D_TOKEN");

    BatchPipeline(Options opt) {
        this.opt = opt;
    }

    int run() {
        Instant startedAt = Instant.now();
        long start = System.nanoTime();
        List<String> objects = objects();
        List<Item> items = opt.rss() != null ? rssItems(objects) : frameItems(objects);
        System.out.printf("batch: %d job(s) on %s, class %s, %d object(s), output mode %s%n", items.size(),
                opt.url(), opt.className(), objects.size(), opt.mode());

        int parallel = opt.rss() != null ? 1 : opt.parallel();
        Deque<Item> queue = new ArrayDeque<>(items);
        List<Item> inFlight = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(opt.timeoutS()).toNanos();
        while (!queue.isEmpty() || !inFlight.isEmpty()) {
            while (inFlight.size() < parallel && !queue.isEmpty()) {
                Item item = queue.poll();
                submit(item);
                if (!item.finished()) {
                    inFlight.add(item);
                }
                report(item, items.size());
            }
            sleep(opt.pollMs());
            for (Item item : List.copyOf(inFlight)) {
                poll(item);
                if (item.finished()) {
                    inFlight.remove(item);
                }
            }
            if (System.nanoTime() > deadline) {
                for (Item item : inFlight) {
                    item.status = "failed";
                    item.error = "still " + item.status + " after --timeout-s " + opt.timeoutS()
                            + " s (job " + item.jobId + " goes on on the server)";
                    report(item, items.size());
                }
                for (Item item : queue) {
                    item.status = "failed";
                    item.error = "not submitted: --timeout-s " + opt.timeoutS() + " s reached";
                }
                break;
            }
        }

        Map<String, Object> summary = summary(items, startedAt, Duration.ofNanos(System.nanoTime() - start));
        try {
            Path parent = opt.summary().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(opt.summary(), Json.write(summary, 0) + "\n");
        } catch (IOException e) {
            throw new ApiError("cannot write the summary to " + opt.summary() + ": " + e.getMessage());
        }
        System.out.printf("done: %s of %s completed, %s failed in %.1f s; summary in %s%n", summary.get("succeeded"),
                summary.get("total"), summary.get("failed"), ((Number) summary.get("duration_ms")).longValue() / 1e3,
                opt.summary());
        return ((Number) summary.get("failed")).intValue() == 0 ? 0 : 1;
    }

    private List<String> objects() {
        if (!(opt.objects().size() == 1 && opt.objects().get(0).equals("all"))) {
            return opt.objects();
        }
        Object body = request("GET", "/api/v1/objects/classes/" + URLEncoder.encode(opt.className(),
                StandardCharsets.UTF_8), null, 200);
        List<String> names = new ArrayList<>();
        for (Object o : Json.list(Json.map(body).get("objects"))) {
            names.add((String) Json.map(o).get("name"));
        }
        if (names.isEmpty()) {
            throw new ApiError("class " + opt.className() + " has no objects on " + opt.url());
        }
        return names;
    }

    private List<Item> rssItems(List<String> objects) {
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < opt.count(); i++) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("rss_url", opt.rss());
            body.put("class_name", opt.className());
            body.put("object_names", objects);
            body.put("align_color", opt.align());
            body.put("output_mode", opt.mode());
            if (opt.tag() != null) {
                body.put("output_dir", opt.tag() + "_frame" + i);
            }
            items.add(new Item(i, String.join(",", objects), "rss frame " + (i + 1), "/full-pipeline-from-rss", body));
        }
        return items;
    }

    /** Every frame folder (itself, or its subfolders) x every object. */
    private List<Item> frameItems(List<String> objects) {
        Path dir = opt.frames();
        if (!Files.isDirectory(dir)) {
            throw new UsageException("--frames " + dir + " is not a folder");
        }
        List<Path> frames = new ArrayList<>();
        if (isFrame(dir)) {
            frames.add(dir);
        } else {
            try (Stream<Path> children = Files.list(dir)) {
                children.filter(Files::isDirectory).filter(BatchPipeline::isFrame).sorted().forEach(frames::add);
            } catch (IOException e) {
                throw new UsageException("cannot list " + dir + ": " + e.getMessage());
            }
        }
        if (frames.isEmpty()) {
            throw new UsageException(dir + " holds no frame (rgb.png or rgb.jpg, depth.png, camera.json) and no "
                    + "folder of one");
        }
        Path staticDir = opt.staticDir() != null ? opt.staticDir() : staticAncestor(dir);
        List<Item> items = new ArrayList<>();
        for (Path frame : frames) {
            Map<String, Object> input = staticDir != null && frame.startsWith(staticDir)
                    ? Map.of("input_images", paths(staticDir, frame)) : Map.of("images", inline(frame));
            for (String object : objects) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("class_name", opt.className());
                body.put("object_name", object);
                body.putAll(input);
                body.put("output_mode", opt.mode());
                String tag = (opt.tag() == null ? "batch" : opt.tag()) + "_" + frame.getFileName() + "_" + object;
                body.put("output_dir", tag.replaceAll("[^A-Za-z0-9._-]", "_"));
                items.add(new Item(items.size(), object, frame.toString(), "/full-pipeline", body));
            }
        }
        if (staticDir == null) {
            System.out.println("note: " + dir + " is not under a static/ folder; frames are sent in the requests");
        }
        return items;
    }

    static boolean isFrame(Path dir) {
        return (Files.isRegularFile(dir.resolve("rgb.png")) || Files.isRegularFile(dir.resolve("rgb.jpg")))
                && Files.isRegularFile(dir.resolve("depth.png")) && Files.isRegularFile(dir.resolve("camera.json"));
    }

    static Path rgbFile(Path frame) {
        return Files.isRegularFile(frame.resolve("rgb.png")) ? frame.resolve("rgb.png") : frame.resolve("rgb.jpg");
    }

    static Path staticAncestor(Path dir) {
        for (Path p = dir; p != null; p = p.getParent()) {
            if (p.getFileName() != null && p.getFileName().toString().equals("static")) {
                return p;
            }
        }
        return null;
    }

    static Map<String, Object> paths(Path staticDir, Path frame) {
        String rel = "static/" + staticDir.relativize(frame).toString().replace('\\', '/');
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rgb_path", rel + "/" + rgbFile(frame).getFileName());
        m.put("depth_path", rel + "/depth.png");
        m.put("camera_path", rel + "/camera.json");
        return m;
    }

    static Map<String, Object> inline(Path frame) {
        try {
            Map<String, Object> camera = Json.map(Json.parse(Files.readString(frame.resolve("camera.json"))));
            Map<String, Object> m = new LinkedHashMap<>();
            Base64.Encoder b64 = Base64.getEncoder();
            m.put("rgb_image", b64.encodeToString(Files.readAllBytes(rgbFile(frame))));
            m.put("depth_image", b64.encodeToString(Files.readAllBytes(frame.resolve("depth.png"))));
            m.put("cam_K", camera.get("cam_K"));
            m.put("depth_scale", camera.getOrDefault("depth_scale", 1.0));
            return m;
        } catch (IOException | RuntimeException e) {
            throw new UsageException("cannot read frame " + frame + ": " + e.getMessage());
        }
    }

    private void submit(Item item) {
        item.startedNanos = System.nanoTime();
        try {
            Map<String, Object> job = Json.map(request("POST", "/api/v1/workflow" + item.submitPath, item.body, 202));
            item.jobId = (String) job.get("job_id");
            item.status = (String) job.get("status");
        } catch (ApiError e) {
            item.status = "failed";
            item.error = e.getMessage();
        }
    }

    private void poll(Item item) {
        Map<String, Object> job;
        try {
            job = Json.map(request("GET", "/api/v1/workflow/jobs/" + item.jobId, null, 200));
        } catch (ApiError e) {
            System.out.println("  (poll of job " + item.jobId + " failed: " + e.getMessage() + "; trying again)");
            return;
        }
        String status = (String) job.get("status");
        int progress = job.get("progress") instanceof Number n ? n.intValue() : 0;
        String stage = (String) job.get("stage");
        boolean changed = !status.equals(item.status) || progress != item.progress
                || !String.valueOf(stage).equals(String.valueOf(item.stage));
        item.status = status;
        item.progress = progress;
        item.stage = stage;
        if (item.finished()) {
            item.durationMs = Duration.ofNanos(System.nanoTime() - item.startedNanos).toMillis();
            item.error = (String) job.get("error");
            Map<String, Object> output = job.get("output") instanceof Map<?, ?> ? Json.map(job.get("output")) : null;
            if (output != null) {
                item.outputDir = (String) output.get("output_dir");
                for (Object o : Json.list(output.get("objects"))) {
                    item.posesFound += Json.list(Json.map(o).get("poses")).size();
                }
            }
        }
        if (changed) {
            report(item, -1);
        }
    }

    private int total = -1;

    private void report(Item item, int totalItems) {
        if (totalItems > 0) {
            total = totalItems;
        }
        int width = 20;
        int filled = item.finished() && item.status.equals("completed") ? width : item.progress * width / 100;
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        String what = item.objectName + " @ " + item.frame;
        String tail = switch (item.status) {
            case "completed" -> "completed, " + item.posesFound + " pose(s)";
            case "failed" -> "FAILED: " + item.error;
            case "cancelled" -> "cancelled";
            default -> item.status + (item.stage == null ? "" : " (" + item.stage + ")");
        };
        System.out.printf("[%" + String.valueOf(Math.max(1, total)).length() + "d/%d] [%s] %3d%%  %s  %s%s%n",
                item.index + 1, total, bar, item.finished() && item.status.equals("completed") ? 100 : item.progress,
                what, tail, item.jobId == null ? "" : "  job " + item.jobId);
    }

    private Map<String, Object> summary(List<Item> items, Instant startedAt, Duration took) {
        List<Object> list = new ArrayList<>();
        int succeeded = 0;
        for (Item i : items) {
            if (i.status.equals("completed")) {
                succeeded++;
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("index", i.index);
            m.put("class_name", opt.className());
            m.put("object_name", i.objectName);
            m.put("frame", i.frame);
            m.put("job_id", i.jobId);
            m.put("status", i.status);
            m.put("error", i.error);
            m.put("duration_ms", i.durationMs);
            m.put("poses_found", i.posesFound);
            m.put("output_dir", i.outputDir);
            list.add(m);
        }
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("main_server", opt.url());
        s.put("total", items.size());
        s.put("succeeded", succeeded);
        s.put("failed", items.size() - succeeded);
        s.put("items", list);
        s.put("started_at", startedAt.toString());
        s.put("finished_at", Instant.now().toString());
        s.put("duration_ms", took.toMillis());
        return s;
    }

    /** One API call; an unexpected status becomes an ApiError with the server's problem detail. */
    private Object request(String method, String path, Object body, int expected) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(opt.url() + path)).timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token.trim());
        }
        if (body != null) {
            b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(Json.write(body, -1)));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> r;
        try {
            r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new ApiError("main-server at " + opt.url() + " did not answer " + method + " " + path + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiError("interrupted");
        }
        Object parsed;
        try {
            parsed = r.body() == null || r.body().isBlank() ? null : Json.parse(r.body());
        } catch (RuntimeException e) {
            parsed = r.body();
        }
        if (r.statusCode() != expected) {
            String detail = parsed instanceof Map<?, ?> m ? (m.get("field") == null ? "" : m.get("field") + ": ")
                    + (m.get("detail") != null ? m.get("detail") : m.get("title")) : String.valueOf(parsed);
            throw new ApiError(method + " " + path + " answered " + r.statusCode() + ": " + detail);
        }
        return parsed;
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------------------------------------ JSON

    /** The little JSON this script needs: objects, arrays, strings, numbers, booleans, null. */
    static final class Json {
        private final String s;
        private int i;

        private Json(String s) {
            this.s = s;
        }

        static Object parse(String text) {
            Json p = new Json(text);
            Object v = p.value();
            p.ws();
            if (p.i != text.length()) {
                throw new IllegalArgumentException("trailing characters in JSON at " + p.i);
            }
            return v;
        }

        @SuppressWarnings("unchecked")
        static Map<String, Object> map(Object o) {
            if (!(o instanceof Map)) {
                throw new ApiError("expected a JSON object, got " + o);
            }
            return (Map<String, Object>) o;
        }

        @SuppressWarnings("unchecked")
        static List<Object> list(Object o) {
            return o instanceof List ? (List<Object>) o : List.of();
        }

        private Object value() {
            ws();
            char c = s.charAt(i);
            switch (c) {
                case '{': {
                    i++;
                    Map<String, Object> m = new LinkedHashMap<>();
                    ws();
                    if (s.charAt(i) == '}') {
                        i++;
                        return m;
                    }
                    while (true) {
                        ws();
                        String k = string();
                        ws();
                        expect(':');
                        m.put(k, value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect('}');
                            return m;
                        }
                    }
                }
                case '[': {
                    i++;
                    List<Object> l = new ArrayList<>();
                    ws();
                    if (s.charAt(i) == ']') {
                        i++;
                        return l;
                    }
                    while (true) {
                        l.add(value());
                        ws();
                        if (s.charAt(i) == ',') {
                            i++;
                        } else {
                            expect(']');
                            return l;
                        }
                    }
                }
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default: {
                    int start = i;
                    while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                        i++;
                    }
                    String num = s.substring(start, i);
                    if (num.isEmpty()) {
                        throw new IllegalArgumentException("unexpected '" + c + "' in JSON at " + start);
                    }
                    return num.matches("-?\\d+") && num.length() < 18 ? (Object) Long.parseLong(num)
                            : (Object) Double.parseDouble(num);
                }
            }
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, i)) {
                throw new IllegalArgumentException("bad literal in JSON at " + i);
            }
            i += word.length();
            return v;
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n' -> b.append('\n');
                        case 't' -> b.append('\t');
                        case 'r' -> b.append('\r');
                        case 'b' -> b.append('\b');
                        case 'f' -> b.append('\f');
                        case 'u' -> {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                            i += 4;
                        }
                        default -> b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
        }

        private void expect(char c) {
            if (i >= s.length() || s.charAt(i) != c) {
                throw new IllegalArgumentException("expected '" + c + "' in JSON at " + i);
            }
            i++;
        }

        private void ws() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        /** indent &lt; 0: compact; otherwise pretty-printed starting at that depth. */
        static String write(Object v, int indent) {
            StringBuilder b = new StringBuilder();
            write(b, v, indent);
            return b.toString();
        }

        private static void write(StringBuilder b, Object v, int indent) {
            String nl = indent < 0 ? "" : "\n" + "  ".repeat(indent + 1);
            String end = indent < 0 ? "" : "\n" + "  ".repeat(indent);
            int next = indent < 0 ? -1 : indent + 1;
            if (v == null) {
                b.append("null");
            } else if (v instanceof String str) {
                b.append('"');
                for (char c : str.toCharArray()) {
                    switch (c) {
                        case '"' -> b.append("\\\"");
                        case '\\' -> b.append("\\\\");
                        case '\n' -> b.append("\\n");
                        case '\r' -> b.append("\\r");
                        case '\t' -> b.append("\\t");
                        default -> {
                            if (c < 0x20) {
                                b.append(String.format("\\u%04x", (int) c));
                            } else {
                                b.append(c);
                            }
                        }
                    }
                }
                b.append('"');
            } else if (v instanceof Map<?, ?> m) {
                b.append('{');
                int n = 0;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    b.append(n++ == 0 ? "" : ",").append(nl);
                    write(b, String.valueOf(e.getKey()), next);
                    b.append(indent < 0 ? ":" : ": ");
                    write(b, e.getValue(), next);
                }
                b.append(m.isEmpty() ? "" : end).append('}');
            } else if (v instanceof List<?> l) {
                b.append('[');
                for (int k = 0; k < l.size(); k++) {
                    b.append(k == 0 ? "" : ",").append(nl);
                    write(b, l.get(k), next);
                }
                b.append(l.isEmpty() ? "" : end).append(']');
            } else {
                b.append(v);
            }
        }
    }
}
