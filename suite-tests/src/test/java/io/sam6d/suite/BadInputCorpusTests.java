package io.sam6d.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.support.fixtures.CraftedImages;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A bad-input corpus against the four servers' jars, as an attacker or a careless client would send it: every field
 * of every body replaced by nulls, wrong types, huge numbers, long strings and path escapes; broken JSON; nested
 * parts (list elements, RLE fields) broken; crafted images (huge sizes declared in small files, cut-off data); paths
 * spelled to get around the authentication ({@code %61}, {@code ;}, {@code %2F}, dot segments). The rules: never a
 * 5xx, every 4xx names the {@code field} at fault, no way around the token or the JWT, and every server still
 * healthy afterwards. One server of each kind (the suite's compute servers, which demand the internal token, and a
 * main-server of its own with JWT authentication whose workers never take the jobs accepted here).
 * <p>
 * Malformed requests that Tomcat's HTTP parser refuses before any application code runs ({@code %zz}, raw spaces)
 * get its bare 400 without a body: for those only "4xx, not 5xx" is checked.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(ServerLogsOnFailure.class)
class BadInputCorpusTests {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String SECRET = "corpus-jwt-secret-0123456789abcdef0123456789";
    /** What every field is replaced with, one at a time. */
    static final List<Object> BAD_VALUES = Arrays.asList(null, "", "x", 0, -1, 1e308, -1e308, true, List.of(),
            Map.of(), Arrays.asList((Object) null), "../../etc/passwd", "a%2Fb", "/etc/passwd", "A".repeat(10_000),
            123456789012L, "NaN");
    static final List<String> BROKEN_JSON = List.of("", "{", "[]", "null", "\"text\"", "{\"a\":}", "{\"a\":1,}",
            "[".repeat(5000) + "]".repeat(5000), "{\"depth_scale\": 1e999999}", "\u0000\u0001binary",
            "{\"class_name\": \"\\ud800\"}");

    Suite suite;
    ServerProcess main;
    String bearer;
    final List<String> violations = new ArrayList<>();
    int sent;

    String rgb16;
    String depth16;
    final List<Double> camK = List.of(20.0, 0.0, 8.0, 0.0, 20.0, 8.0, 0.0, 0.0, 1.0);

    @BeforeAll
    void start() throws Exception {
        suite = Suite.get();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("DB_URL", "jdbc:h2:file:" + suite.home.resolve("data/corpus/sam6d") + ";DB_CLOSE_ON_EXIT=FALSE");
        env.put("AUTH_ENABLED", "true");
        env.put("AUTH_JWT_SECRET", SECRET);
        env.put("AUTH_CLIENTS", "corpus:corpus-pass");
        // jobs accepted here are never run: the first poll is at start-up, the next an hour later
        env.put("JOB_POLL_INTERVAL", "1h");
        main = suite.mainServer("main-corpus", env);
        ServerLogsOnFailure.watch(List.of(main, suite.render, suite.ism, suite.pem));
        main.start();
        main.awaitHealthy(Suite.START_TIMEOUT);
        RawHttp.Response token = post(main, "/api/v1/auth/token", Map.of(), json(Map.of("client_id", "corpus",
                "client_secret", "corpus-pass")));
        assertThat(token.status()).as(token.body()).isEqualTo(200);
        bearer = "Bearer " + JSON.readTree(token.body()).get("access_token").asText();
        float[] mm = new float[16 * 16];
        Arrays.fill(mm, 500f);
        rgb16 = b64(ImageFiles.encodeRgbPng(RgbImage.blank(16, 16)));
        depth16 = b64(ImageFiles.encodeDepthPng(new DepthImage(16, 16, mm), 1.0));
    }

    @AfterAll
    void stop() {
        if (main != null) {
            main.kill();
        }
        System.out.println("bad-input corpus: " + sent + " requests");
        assertThat(sent).as("corpus size").isGreaterThanOrEqualTo(300);
    }

    // ---- the compute servers ------------------------------------------------------------------------------------

    @Test
    void ismServer() throws Exception {
        Map<String, String> token = Map.of("X-Internal-Token", Suite.INTERNAL_TOKEN);
        Map<String, Object> base = frame();
        base.put("object_name", "obj_000005");
        base.put("score_threshold", 0.5);
        base.put("max_detections", 3);
        bodies(suite.ism, "/api/v1/ism/segment", token, base);
        body(suite.ism, "/api/v1/ism/segment", token, with(base, m -> {
            m.remove("object_name");
            m.put("object_names", Arrays.asList("obj_000005", null));
            return m;
        }), "object_names with null");
        body(suite.ism, "/api/v1/ism/segment", token, replaced(base, "cam_K",
                Arrays.asList(20.0, null, 8.0, 0.0, 20.0, 8.0, 0.0, 0.0, 1.0)), "cam_K with null");
        images(suite.ism, "/api/v1/ism/segment", token, base);
        paths(suite.ism, "POST", "/api/v1/ism/segment", token, json(base));
        assertClean();
    }

    @Test
    void pemServer() throws Exception {
        Map<String, String> token = Map.of("X-Internal-Token", Suite.INTERNAL_TOKEN);
        Map<String, Object> base = frame();
        base.put("detections", List.of());
        bodies(suite.pem, "/api/v1/pem/estimate", token, base);
        Map<String, Object> detection = new LinkedHashMap<>();
        detection.put("object_name", "obj_000005");
        detection.put("score", 0.9);
        detection.put("bbox", List.of(0, 0, 16, 16));
        detection.put("segmentation", Map.of("counts", List.of(0, 256), "size", List.of(16, 16)));
        detection.put("template_views", List.of());
        detection.put("coarse_pose", null);
        // every field of a detection, then of its mask
        for (String field : detection.keySet()) {
            for (Object bad : BAD_VALUES.subList(0, 12)) {
                Map<String, Object> d = new LinkedHashMap<>(detection);
                d.put(field, bad);
                body(suite.pem, "/api/v1/pem/estimate", token, replaced(base, "detections", List.of(d)),
                        "detections[0]." + field + " = " + describe(bad));
            }
        }
        List<Map<String, Object>> masks = List.of(
                mask(Arrays.asList((Object) null), List.of(16, 16)), mask(List.of(-5, 261), List.of(16, 16)),
                mask(List.of("x"), List.of(16, 16)), mask(List.of(0, 256), Arrays.asList(null, 16)),
                mask(List.of(0, 256), List.of(16)), mask(List.of(0, 256), List.of(16, 16, 3)),
                mask(List.of(0, 256), List.of(-16, 16)), mask(List.of(0, 256), List.of(100_000, 100_000)),
                mask(List.of(0, 10_000_000_000L), List.of(16, 16)), mask(List.of(256), List.of(16, 16)),
                mask(List.of(300), List.of(16, 16)), mask(null, List.of(16, 16)), mask(List.of(0, 256), null));
        for (Map<String, Object> seg : masks) {
            Map<String, Object> d = new LinkedHashMap<>(detection);
            d.put("segmentation", seg);
            body(suite.pem, "/api/v1/pem/estimate", token, replaced(base, "detections", List.of(d)),
                    "segmentation " + seg);
        }
        for (Object list : Arrays.asList(Arrays.asList((Object) null), List.of(Map.of()), List.of(1, 2),
                java.util.Collections.nCopies(200, detection), Map.of("a", 1))) {
            body(suite.pem, "/api/v1/pem/estimate", token, replaced(base, "detections", list),
                    "detections = " + describe(list));
        }
        images(suite.pem, "/api/v1/pem/estimate", token, base);
        paths(suite.pem, "POST", "/api/v1/pem/estimate", token, json(base));
        assertClean();
    }

    @Test
    void renderServer() throws Exception {
        Map<String, String> token = Map.of("X-Internal-Token", Suite.INTERNAL_TOKEN);
        // an object that does not exist: every request is refused, none starts a render
        Map<String, Object> base = new LinkedHashMap<>();
        base.put("class_name", "test");
        base.put("object_name", "corpus_missing");
        base.put("force_regenerate", false);
        base.put("options", Map.of("views", 12, "image_size", 64));
        bodies(suite.render, "/api/v1/render/templates", token, base);
        for (String option : List.of("views", "image_size", "distance_mm", "unit_scale")) {
            for (Object bad : BAD_VALUES.subList(0, 12)) {
                Map<String, Object> options = new LinkedHashMap<>();
                options.put(option, bad);
                body(suite.render, "/api/v1/render/templates", token, replaced(base, "options", options),
                        "options." + option + " = " + describe(bad));
            }
        }
        for (String id : List.of("x", "..", "%2e%2e", "a%2Fb", "A".repeat(300), "%00", "caf%C3%A9",
                "00000000-0000-0000-0000-000000000000")) {
            get(suite.render, "/api/v1/render/jobs/" + id, token, "job " + id);
        }
        for (String query : List.of("limit=abc", "limit=-1", "limit=0", "limit=99999999999", "limit=1e3",
                "status=weird", "status=", "limit=10&limit=x", "status=%00")) {
            get(suite.render, "/api/v1/render/jobs?" + query, token, "jobs?" + query);
        }
        paths(suite.render, "GET", "/api/v1/render/jobs", token, null);
        assertClean();
    }

    // ---- main-server ----------------------------------------------------------------------------------------------

    @Test
    @SuppressWarnings("unchecked")
    void mainServer() throws Exception {
        Map<String, String> auth = Map.of("Authorization", bearer);
        for (Object bad : BAD_VALUES) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("client_id", bad);
            t.put("client_secret", "corpus-pass");
            body(main, "/api/v1/auth/token", Map.of(), t, "token client_id = " + describe(bad));
        }
        for (String broken : BROKEN_JSON) {
            check("token broken JSON", RawHttp.send(port(main), "POST", "/api/v1/auth/token",
                    Map.of("Content-Type", "application/json"), broken.getBytes(StandardCharsets.UTF_8), -1), false);
        }
        for (String name : List.of("..", "%2e%2e", "a%2Fb", "A".repeat(300), "nope", "%3Cscript%3E", "%00",
                "caf%C3%A9", "a%5Cb", "test%20x")) {
            get(main, "/api/v1/objects/classes/" + name, auth, "class " + name);
            get(main, "/api/v1/objects/test/" + name, auth, "object " + name);
            get(main, "/api/v1/objects/" + name + "/obj_000005", auth, "object in class " + name);
            get(main, "/api/v1/servers/status/" + name, auth, "service " + name);
            get(main, "/api/v1/workflow/jobs/" + name, auth, "job " + name);
            check("cancel " + name, RawHttp.send(port(main), "POST", "/api/v1/workflow/jobs/" + name + "/cancel",
                    auth, null, 0), false);
        }
        for (String query : List.of("/api/v1/objects/classes/test?status=weird", "/api/v1/servers/status?fresh=maybe",
                "/api/v1/workflow/jobs?limit=abc", "/api/v1/workflow/jobs?limit=0", "/api/v1/workflow/jobs?limit=1e9",
                "/api/v1/workflow/jobs?status=weird", "/api/v1/workflow/jobs?job_type=weird",
                "/api/v1/workflow/jobs?limit=99999999999")) {
            get(main, query, auth, query);
        }

        Map<String, Object> pipeline = new LinkedHashMap<>();
        pipeline.put("class_name", "test");
        pipeline.put("object_name", "obj_000005");
        String frameDir = Suite.LMO_FRAME_DIR + "/";
        pipeline.put("input_images", Map.of("rgb_path", frameDir + "rgb.png", "depth_path", frameDir + "depth.png",
                "camera_path", frameDir + "camera.json"));
        pipeline.put("output_mode", "none");
        pipeline.put("output_dir", "corpus");
        bodies(main, "/api/v1/workflow/full-pipeline", auth, pipeline);
        for (String key : List.of("rgb_path", "depth_path", "camera_path")) {
            for (Object bad : BAD_VALUES.subList(0, 15)) {
                Map<String, Object> paths = new LinkedHashMap<>((Map<String, Object>) pipeline.get("input_images"));
                paths.put(key, bad);
                body(main, "/api/v1/workflow/full-pipeline", auth, replaced(pipeline, "input_images", paths),
                        "input_images." + key + " = " + describe(bad));
            }
        }
        Map<String, Object> inline = with(pipeline, m -> {
            m.remove("input_images");
            m.put("images", frame());
            return m;
        });
        images(main, "/api/v1/workflow/full-pipeline", auth, inline, "images.");

        Map<String, Object> render = new LinkedHashMap<>();
        render.put("class_name", "nope");
        render.put("object_names", List.of());
        bodies(main, "/api/v1/workflow/render-templates", auth, render);

        Map<String, Object> rss = new LinkedHashMap<>();
        rss.put("rss_url", "http://camera.invalid:8080");
        rss.put("class_name", "test");
        rss.put("object_name", "obj_000005");
        rss.put("frames", 1);
        rss.put("output_mode", "none");
        bodies(main, "/api/v1/workflow/full-pipeline-from-rss", auth, rss);
        for (String url : List.of("ftp://camera/", "http://user:pw@camera/", "http://camera/?x=1", "javascript:x",
                "http://", "camera:8080", "http://[::1", "file:///etc/passwd")) {
            body(main, "/api/v1/workflow/full-pipeline-from-rss", auth, replaced(rss, "rss_url", url),
                    "rss_url " + url);
        }

        for (Object items : Arrays.asList(null, List.of(), Arrays.asList((Object) null), List.of(Map.of()),
                List.of(replaced(pipeline, "object_name", "../../x")), java.util.Collections.nCopies(1001, pipeline),
                "x", 5)) {
            Map<String, Object> batch = new LinkedHashMap<>();
            batch.put("items", items);
            batch.put("output_mode", "none");
            body(main, "/api/v1/workflow/batch", auth, batch, "batch items = " + describe(items));
        }
        paths(main, "GET", "/api/v1/objects/classes", auth, null);
        paths(main, "POST", "/api/v1/workflow/full-pipeline", auth, json(pipeline));
        assertClean();
    }

    // ---- generators -----------------------------------------------------------------------------------------------

    /** Each field of {@code base} replaced by each bad value, each field removed, and broken JSON. */
    private void bodies(ServerProcess server, String path, Map<String, String> headers, Map<String, Object> base)
            throws IOException {
        for (String field : List.copyOf(base.keySet())) {
            for (Object bad : BAD_VALUES) {
                body(server, path, headers, replaced(base, field, bad), field + " = " + describe(bad));
            }
            body(server, path, headers, with(base, m -> {
                m.remove(field);
                return m;
            }), "without " + field);
        }
        for (String broken : BROKEN_JSON) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put("Content-Type", "application/json");
            check(path + " broken JSON " + describe(broken), RawHttp.send(port(server), "POST", path, h,
                    broken.getBytes(StandardCharsets.UTF_8), -1), false);
        }
        Map<String, String> text = new LinkedHashMap<>(headers);
        text.put("Content-Type", "text/plain");
        check(path + " as text/plain", RawHttp.send(port(server), "POST", path, text, json(base), -1), false);
        Map<String, String> huge = new LinkedHashMap<>(headers);
        huge.put("Content-Type", "application/json");
        check(path + " declaring 200 MB", RawHttp.send(port(server), "POST", path, huge, "{".getBytes(),
                200L * 1024 * 1024), false);
        check(path + " with GET", RawHttp.send(port(server), "GET", path, headers, null, -1), false);
        check(path + " with DELETE", RawHttp.send(port(server), "DELETE", path, headers, null, -1), false);
    }

    /** The frame fields given crafted images. */
    private void images(ServerProcess server, String path, Map<String, String> headers, Map<String, Object> base)
            throws IOException {
        images(server, path, headers, base, "");
    }

    @SuppressWarnings("unchecked")
    private void images(ServerProcess server, String path, Map<String, String> headers, Map<String, Object> base,
            String prefix) throws IOException {
        Map<String, byte[]> crafted = new LinkedHashMap<>();
        crafted.put("PNG declaring 60000x60000", CraftedImages.pngDeclaring(60_000, 60_000));
        crafted.put("JPEG declaring 65000x65000", CraftedImages.jpegDeclaring(65_000, 65_000));
        crafted.put("truncated PNG", CraftedImages.truncatedPng());
        crafted.put("16-bit PNG declaring 50000x50000", CraftedImages.depthPngDeclaring(50_000, 50_000));
        crafted.put("text", "not an image".getBytes());
        crafted.put("empty", new byte[0]);
        for (String field : List.of("rgb_image", "depth_image")) {
            for (var c : crafted.entrySet()) {
                body(server, path, headers, with(base, m -> {
                    if (prefix.isEmpty()) {
                        m.put(field, b64(c.getValue()));
                    } else {
                        Map<String, Object> frame = new LinkedHashMap<>((Map<String, Object>) m.get("images"));
                        frame.put(field, b64(c.getValue()));
                        m.put("images", frame);
                    }
                    return m;
                }), prefix + field + " = " + c.getKey());
            }
        }
    }

    /**
     * The endpoint spelled to get around authentication, without credentials: never answered 2xx. Then the same
     * endpoint with credentials but the wrong method, the wrong media type and a path that does not exist.
     */
    private void paths(ServerProcess server, String method, String path, Map<String, String> auth, byte[] body)
            throws IOException {
        String rest = path.substring("/api".length());
        String last = path.substring(path.lastIndexOf('/') + 1);
        String parent = path.substring(0, path.lastIndexOf('/'));
        List<String> spellings = List.of(path, "/%61pi" + rest, "/api;x" + rest, "/api;jsessionid=1" + rest,
                path + ";x", "/API" + rest, "//api" + rest, path + "/", parent + "%2F" + last, parent + "/./" + last,
                parent + "/../" + parent.substring(parent.lastIndexOf('/') + 1) + "/" + last,
                "/api/v1/%2e%2e/v1" + path.substring("/api/v1".length()), "/actuator/health/..%2F..%2Fapi" + rest,
                "/actuator/health/../.." + path, "/swagger-ui/../api" + rest, "/v3/api-docs/..%2F.." + path,
                "/actuator/metrics", "/actuator/env", "/actuator/heapdump", "/actuator/threaddump",
                "/actuator/configprops", "/%61ctuator/metrics", "/actuator/health;x", "/");
        Map<String, String> json = Map.of("Content-Type", "application/json");
        for (String spelling : spellings) {
            RawHttp.Response r = RawHttp.send(port(server), method, spelling, json, body, -1);
            check(server.name() + " " + method + " " + spelling + " without credentials", r, false);
            if (r.status() / 100 == 2) {
                violations.add(server.name() + " " + method + " " + spelling + " answered " + r.status()
                        + " without credentials");
            }
        }
        // refused by Tomcat's parser before any application code: only "4xx, not 5xx"
        for (String malformed : List.of(parent + "/%zz", parent + "/%", path + "%", parent + "/a b")) {
            check(server.name() + " " + malformed, RawHttp.send(port(server), method, malformed, json, body, -1),
                    true);
        }
        Map<String, String> withAuth = new LinkedHashMap<>(auth);
        withAuth.put("Content-Type", "application/json");
        check(path + " PUT", RawHttp.send(port(server), "PUT", path, withAuth, body, -1), false);
        check(path + " unknown sibling", RawHttp.send(port(server), "GET", parent + "/nothing-here", withAuth,
                null, -1), false);
        check(path + " X-Request-Timeout-Ms soon", RawHttp.send(port(server), method, path,
                with(withAuth, "X-Request-Timeout-Ms", "soon"), body, -1), false);
        check(path + " wrong token", RawHttp.send(port(server), method, path,
                with(json, auth.containsKey("Authorization") ? "Authorization" : "X-Internal-Token",
                        auth.containsKey("Authorization") ? "Bearer x.y.z" : "guess"), body, -1), false);
    }

    // ---- sending and checking -------------------------------------------------------------------------------------

    private void body(ServerProcess server, String path, Map<String, String> headers, Object body, String label)
            throws IOException {
        check(server.name() + " " + path + " " + label, post(server, path, headers, json(body)), false);
    }

    private void get(ServerProcess server, String path, Map<String, String> headers, String label)
            throws IOException {
        check(server.name() + " GET " + label, RawHttp.send(port(server), "GET", path, headers, null, -1), false);
    }

    private RawHttp.Response post(ServerProcess server, String path, Map<String, String> headers, byte[] body)
            throws IOException {
        Map<String, String> h = new LinkedHashMap<>(headers);
        h.put("Content-Type", "application/json");
        return RawHttp.send(port(server), "POST", path, h, body, -1);
    }

    /** No 5xx; a 4xx names the field (unless the HTTP parser refused the request before the application saw it). */
    private void check(String label, RawHttp.Response r, boolean parserLevel) {
        sent++;
        if (r.status() >= 500 || r.status() == 0) {
            violations.add(label + " -> " + r.status() + ": " + abbreviate(r.body()));
        } else if (r.status() >= 400 && !parserLevel) {
            String field = "";
            try {
                field = JSON.readTree(r.body()).path("field").asText("");
            } catch (JsonProcessingException e) {
                // not JSON: no field
            }
            if (field.isEmpty()) {
                violations.add(label + " -> " + r.status() + " without a field: " + abbreviate(r.body()));
            }
        }
    }

    private void assertClean() throws IOException {
        for (ServerProcess s : List.of(main, suite.ism, suite.pem, suite.render)) {
            RawHttp.Response health = RawHttp.send(port(s), "GET", "/actuator/health", Map.of(), null, -1);
            assertThat(health.status()).as(s.name() + " alive after the corpus").isEqualTo(200);
            assertThat(JSON.readTree(health.body()).get("status").asText()).isEqualTo("UP");
        }
        assertThat(violations).as(violations.size() + " violation(s)").isEmpty();
    }

    private Map<String, Object> frame() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("rgb_image", rgb16);
        m.put("depth_image", depth16);
        m.put("cam_K", camK);
        m.put("depth_scale", 1.0);
        m.put("class_name", "test");
        return m;
    }

    private static Map<String, Object> mask(Object counts, Object size) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("counts", counts);
        m.put("size", size);
        return m;
    }

    private static Map<String, Object> replaced(Map<String, Object> base, String key, Object value) {
        Map<String, Object> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static Map<String, Object> with(Map<String, Object> base, UnaryOperator<Map<String, Object>> change) {
        return change.apply(new LinkedHashMap<>(base));
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> m = new LinkedHashMap<>(base);
        m.put(key, value);
        return m;
    }

    private static int port(ServerProcess s) {
        return Integer.parseInt(s.baseUrl().substring(s.baseUrl().lastIndexOf(':') + 1));
    }

    private static byte[] json(Object body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static String describe(Object v) {
        String s = String.valueOf(v);
        return s.length() > 40 ? s.substring(0, 40) + "...(" + s.length() + ")" : s;
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
