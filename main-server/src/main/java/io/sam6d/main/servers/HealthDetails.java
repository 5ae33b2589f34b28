package io.sam6d.main.servers;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.main.compute.ComputeService;

/**
 * Reads a compute server's {@code /actuator/health} answer. ISM and PEM report their engine as the {@code engine}
 * component (engine, device, load_time_ms) and their model cache in a preload component ({@code segmentation},
 * {@code poseEstimation}: state and cache statistics); render-server reports its workers and queue as {@code render}.
 */
final class HealthDetails {

    private HealthDetails() {
    }

    /** The overall status ({@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE}, ...), null when absent. */
    static String status(JsonNode health) {
        return health.hasNonNull("status") ? health.get("status").asText() : null;
    }

    /**
     * Engine name, device, load time, plus the preload {@code state} and {@code loaded}, and the GPU memory in use and
     * in total ({@code gpu_memory_used_mb}, {@code gpu_memory_total_mb}: always present, null unless the replica
     * reports them, i.e. unless its engine runs on CUDA); null when nothing is reported.
     */
    static Map<String, Object> engine(JsonNode health, ComputeService service, ObjectMapper json) {
        JsonNode components = health.path("components");
        Map<String, Object> engine = new LinkedHashMap<>();
        JsonNode declared = components.path("engine").path("details");
        if (declared.isObject()) {
            engine.putAll(asMap(declared, json));
        } else if (components.path(service.key()).path("details").isObject()) {
            engine.putAll(asMap(components.path(service.key()).path("details"), json));
        }
        JsonNode preload = preloadComponent(components);
        if (preload != null) {
            String state = preload.path("details").path("state").asText();
            engine.putIfAbsent("engine", preload.path("details").path("engine").asText(null));
            engine.put("state", state);
            engine.put("loaded", "ready".equals(state));
        }
        if (engine.isEmpty()) {
            return null;
        }
        engine.putIfAbsent("gpu_memory_used_mb", null);
        engine.putIfAbsent("gpu_memory_total_mb", null);
        return engine;
    }

    /** The prepared-model cache statistics and the objects in it; null when not reported. */
    static Map<String, Object> modelCache(JsonNode health, ObjectMapper json) {
        JsonNode preload = preloadComponent(health.path("components"));
        if (preload == null) {
            return null;
        }
        Map<String, Object> cache = new LinkedHashMap<>(asMap(preload.path("details").path("cache"), json));
        JsonNode objects = preload.path("details").path("cached_objects");
        if (objects.isArray()) {
            cache.put("cached_objects", json.convertValue(objects, Object.class));
        }
        return cache;
    }

    /** The component whose details carry a model cache (PreloadHealth in engine-hosting). */
    private static JsonNode preloadComponent(JsonNode components) {
        for (JsonNode c : components) {
            if (c.path("details").path("cache").isObject()) {
                return c;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(JsonNode node, ObjectMapper json) {
        return node.isObject() ? json.convertValue(node, LinkedHashMap.class) : Map.of();
    }
}
