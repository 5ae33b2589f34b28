package io.sam6d.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * main-server's API as a JDK HTTP server in main-server's JSON shapes, demanding a bearer token: objects of class
 * {@code cls} ({@code obj_a}, {@code obj_b}); a full pipeline of {@code obj_a} completes with two poses and an output
 * folder, of {@code obj_b} fails in ISM, of {@code ghost} is a 404; jobs run through pending and running first.
 */
final class StubMainServer implements AutoCloseable {

    static final String TOKEN = "test-token-123";

    private final HttpServer server;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> polls = new ConcurrentHashMap<>();

    StubMainServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void answer(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            requests.add(ex.getRequestMethod() + " " + path);
            byte[] body = ex.getRequestBody().readAllBytes();
            if (body.length > 0) {
                bodies.add(Json.MAPPER.readTree(body));
            }
            if (!("Bearer " + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"title\":\"Unauthorized\",\"status\":401,\"detail\":\"the bearer token is not valid"
                        + "\",\"field\":\"Authorization\"}");
            } else if (path.equals("/api/v1/objects/classes/cls")) {
                send(ex, 200, "{\"class_name\":\"cls\",\"objects\":[{\"name\":\"obj_a\"},{\"name\":\"obj_b\"}],"
                        + "\"object_count\":2,\"template_count\":2}");
            } else if (path.equals("/api/v1/workflow/full-pipeline")) {
                String text = new String(body, StandardCharsets.UTF_8);
                if (text.contains("ghost")) {
                    send(ex, 404, "{\"title\":\"Not found\",\"status\":404,\"field\":\"object_name\",\"detail\":"
                            + "\"no object ghost in class cls\"}");
                } else {
                    send(ex, 202, job(text.contains("obj_a") ? "job-a" : "job-b", "pending", 0, null));
                }
            } else if (path.startsWith("/api/v1/workflow/jobs/") && path.endsWith("/cancel")) {
                if (path.contains("job-a")) {
                    send(ex, 409, "{\"title\":\"Conflict\",\"status\":409,\"field\":\"job_id\",\"detail\":\"job job-a"
                            + " has already finished (completed)\"}");
                } else {
                    send(ex, 200, job("job-b", "cancelled", 0, null));
                }
            } else if (path.equals("/api/v1/workflow/jobs/job-a/files")) {
                send(ex, 200, "{\"job_id\":\"job-a\",\"output_dir\":\"output/x_a\",\"files\":[{\"path\":\"rgb.png\","
                        + "\"size_bytes\":3},{\"path\":\"overlay.png\",\"size_bytes\":4},{\"path\":\"result.json\","
                        + "\"size_bytes\":2}]}");
            } else if (path.equals("/api/v1/workflow/jobs/job-a/files/overlay.png")) {
                ex.getResponseHeaders().set("Content-Type", "image/png");
                ex.sendResponseHeaders(200, 4);
                ex.getResponseBody().write(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
            } else if (path.startsWith("/api/v1/workflow/jobs/job-")) {
                String id = path.substring("/api/v1/workflow/jobs/".length());
                int n = polls.merge(id, 1, Integer::sum);
                if (n == 1) {
                    send(ex, 200, job(id, "running", 40, "ism"));
                } else if (id.equals("job-a")) {
                    send(ex, 200, job(id, "completed", 100, "output"));
                } else {
                    send(ex, 200, job(id, "failed", 40, "ism"));
                }
            } else {
                send(ex, 404, "{\"title\":\"Not Found\",\"status\":404}");
            }
        }
    }

    private static String job(String id, String status, int progress, String stage) {
        String output = !status.equals("completed") ? "null"
                : "{\"output_dir\":\"output/x_a\",\"objects\":[{\"object_name\":\"obj_a\",\"templates_rendered\":false,"
                        + "\"detections\":[],\"poses\":[{\"detection_index\":0,\"object_name\":\"obj_a\",\"R\":[[1,0,0],"
                        + "[0,1,0],[0,0,1]],\"t\":[1.0,2.0,900.0],\"score\":0.9},{\"detection_index\":1,\"object_name"
                        + "\":\"obj_a\",\"R\":[[1,0,0],[0,1,0],[0,0,1]],\"t\":[5.0,6.0,910.0],\"score\":0.5}]}],"
                        + "\"timings_ms\":{\"render\":0,\"ism\":120,\"pem\":80,\"total\":210}}";
        String error = status.equals("failed") ? "\"ism-server answered 422: no templates\"" : "null";
        return "{\"job_id\":\"" + id + "\",\"job_type\":\"full_pipeline\",\"status\":\"" + status + "\",\"progress\":"
                + progress + ",\"stage\":" + (stage == null ? "null" : "\"" + stage + "\"") + ",\"attempts\":1,"
                + "\"max_attempts\":3,\"input\":{},\"output\":" + output + ",\"error\":" + error + ","
                + "\"created_at\":\"2026-01-01T00:00:00Z\"}";
    }

    private static void send(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
