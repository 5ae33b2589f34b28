package io.sam6d.cli;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam6d.model.objects.ClassListResponse;
import io.sam6d.model.objects.ClassObjectsResponse;
import io.sam6d.model.objects.ObjectDetail;
import io.sam6d.model.objects.RescanResponse;
import io.sam6d.model.servers.ServersStatusResponse;
import io.sam6d.model.servers.ServiceStatus;
import io.sam6d.model.workflow.Job;
import io.sam6d.model.workflow.JobFiles;
import io.sam6d.model.workflow.JobList;

/** main-server's REST API, typed with common-model's records; errors become {@link ApiError}s. */
final class MainServer {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final String baseUrl;
    private final String token;
    private final HttpClient http;

    /** @param token a bearer token, or null */
    MainServer(String baseUrl, String token) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    String baseUrl() {
        return baseUrl;
    }

    ClassListResponse classes() {
        return get("/api/v1/objects/classes", ClassListResponse.class);
    }

    ClassObjectsResponse objectsOf(String className) {
        return get("/api/v1/objects/classes/" + encode(className), ClassObjectsResponse.class);
    }

    ObjectDetail object(String className, String objectName) {
        return get("/api/v1/objects/" + encode(className) + "/" + encode(objectName), ObjectDetail.class);
    }

    RescanResponse rescan() {
        return send("POST", "/api/v1/objects/rescan", null, RescanResponse.class);
    }

    ServersStatusResponse status() {
        return get("/api/v1/servers/status?fresh=true", ServersStatusResponse.class);
    }

    ServiceStatus status(String service) {
        return get("/api/v1/servers/status/" + encode(service) + "?fresh=true", ServiceStatus.class);
    }

    /** Submits a workflow ({@code full-pipeline}, {@code batch}, ...): the pending job. */
    Job submit(String workflow, Object body) {
        return send("POST", "/api/v1/workflow/" + workflow, body, Job.class);
    }

    Job job(String jobId) {
        return get("/api/v1/workflow/jobs/" + encode(jobId), Job.class);
    }

    JobList jobs(String status, String type, int limit) {
        StringBuilder q = new StringBuilder("?limit=" + limit);
        if (status != null) {
            q.append("&status=").append(encode(status));
        }
        if (type != null) {
            q.append("&job_type=").append(encode(type));
        }
        return get("/api/v1/workflow/jobs" + q, JobList.class);
    }

    Job cancel(String jobId) {
        return send("POST", "/api/v1/workflow/jobs/" + encode(jobId) + "/cancel", null, Job.class);
    }

    JobFiles files(String jobId) {
        return get("/api/v1/workflow/jobs/" + encode(jobId) + "/files", JobFiles.class);
    }

    /** Downloads one file of a job's output folder to {@code target}. */
    void download(String jobId, String path, Path target) {
        String encoded = String.join("/", java.util.Arrays.stream(path.split("/")).map(MainServer::encode).toList());
        String where = "/api/v1/workflow/jobs/" + encode(jobId) + "/files/" + encoded;
        HttpResponse<Path> r;
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path part = target.resolveSibling(target.getFileName() + ".part");
            r = http.send(request("GET", where, null), HttpResponse.BodyHandlers.ofFile(part));
            if (r.statusCode() == 200) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            String body = Files.readString(part);
            Files.deleteIfExists(part);
            throw error("GET", where, r.statusCode(), body);
        } catch (IOException e) {
            throw unreachable("GET", where, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNAVAILABLE, "interrupted");
        }
    }

    private <T> T get(String path, Class<T> type) {
        return send("GET", path, null, type);
    }

    private <T> T send(String method, String path, Object body, Class<T> type) {
        HttpResponse<String> r;
        try {
            r = http.send(request(method, path, body), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw unreachable(method, path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(ExitCodes.UNAVAILABLE, "interrupted");
        }
        if (r.statusCode() / 100 != 2) {
            throw error(method, path, r.statusCode(), r.body());
        }
        try {
            return Json.MAPPER.readValue(r.body(), type);
        } catch (IOException e) {
            throw new ApiError(502, method + " " + path + " answered " + r.statusCode() + " with a body that is not"
                    + " a " + type.getSimpleName() + ": " + e.getMessage());
        }
    }

    private HttpRequest request(String method, String path, Object body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
            try {
                b.method(method, HttpRequest.BodyPublishers.ofString(Json.REQUESTS.writeValueAsString(body)));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private ApiError unreachable(String method, String path, IOException e) {
        String why = e instanceof java.net.ConnectException ? "connection refused"
                : e instanceof java.net.http.HttpTimeoutException ? "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ApiError(0, "main-server at " + baseUrl + " did not answer " + method + " " + path + ": " + why);
    }

    /** {@code POST /api/v1/workflow/full-pipeline answered 404: object_name: no object ...}. */
    private static ApiError error(String method, String path, int status, String body) {
        String reason = body == null ? "" : body.strip();
        try {
            JsonNode problem = Json.MAPPER.readTree(reason);
            if (problem != null && problem.isObject()) {
                String detail = problem.hasNonNull("detail") ? problem.get("detail").asText()
                        : problem.path("title").asText(reason);
                reason = (problem.hasNonNull("field") ? problem.get("field").asText() + ": " : "") + detail;
            }
        } catch (IOException e) {
            // not JSON: show it as it is
        }
        if (reason.length() > 500) {
            reason = reason.substring(0, 497) + "...";
        }
        int q = path.indexOf('?');
        return new ApiError(status, method + " " + (q < 0 ? path : path.substring(0, q)) + " answered " + status
                + (reason.isEmpty() ? "" : ": " + reason));
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
