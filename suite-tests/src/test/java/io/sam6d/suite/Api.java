package io.sam6d.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** JSON over real HTTP to one server, with a bearer token when the server wants one. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, JsonNode body) {
    }

    private final ServerProcess server;
    private final String header;
    private final String value;

    Api(ServerProcess server) {
        this(server, null);
    }

    /** @param token sent as {@code Authorization: Bearer}, or null */
    Api(ServerProcess server, String token) {
        this(server, token == null ? null : "Authorization", token == null ? null : "Bearer " + token);
    }

    private Api(ServerProcess server, String header, String value) {
        this.server = server;
        this.header = header;
        this.value = value;
    }

    /** Calls a render, ISM or PEM server as main-server does, with the suite's internal token. */
    static Api internal(ServerProcess server) {
        return new Api(server, "X-Internal-Token", Suite.INTERNAL_TOKEN);
    }

    /** A token from main-server's token endpoint ({@code AUTH_CLIENTS}). */
    static String token(ServerProcess main, String clientId, String secret) {
        Answer a = new Api(main).post("/api/v1/auth/token", Map.of("client_id", clientId, "client_secret", secret));
        if (a.status() != 200) {
            throw new AssertionError("no token: " + a.status() + " " + a.body());
        }
        return a.body().get("access_token").asText();
    }

    Answer get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    Answer post(String path, Object body) {
        try {
            return postJson(path, JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** A body sent exactly as written (the design documents' requests). */
    Answer postJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** GET that must answer 200. */
    JsonNode getOk(String path) {
        Answer a = get(path);
        if (a.status() != 200) {
            throw new AssertionError("GET " + path + " answered " + a.status() + ": " + a.body());
        }
        return a.body();
    }

    private URI uri(String path) {
        return URI.create(server.baseUrl() + path);
    }

    private Answer send(HttpRequest.Builder request) {
        if (header != null) {
            request.header(header, value);
        }
        try {
            // a submit may wait for its job's end (?wait=): longer than any job here takes
            HttpResponse<String> r = HTTP.send(request.timeout(Duration.ofSeconds(240)).build(),
                    HttpResponse.BodyHandlers.ofString());
            JsonNode body = r.body() == null || r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
            return new Answer(r.statusCode(), body);
        } catch (IOException e) {
            throw new IllegalStateException(server.name() + " did not answer: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
