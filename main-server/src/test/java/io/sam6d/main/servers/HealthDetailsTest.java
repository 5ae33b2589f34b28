package io.sam6d.main.servers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.main.compute.ComputeService;
import org.junit.jupiter.api.Test;

class HealthDetailsTest {

    final ObjectMapper json = new ObjectMapper();

    @Test
    void gpuMemoryOfAnEngineOnCudaIsPassedThroughAsTheReplicaReportsIt() throws Exception {
        JsonNode health = json.readTree("""
                {"status": "UP", "components": {
                  "engine": {"status": "UP", "details": {"engine": "djl", "device": "gpu:0", "load_time_ms": 900,
                             "gpu_memory_used_mb": 2311, "gpu_memory_total_mb": 81559}},
                  "segmentation": {"status": "UP", "details": {"engine": "djl", "state": "ready",
                                   "cache": {"size": 0}}}}}""");
        Map<String, Object> engine = HealthDetails.engine(health, ComputeService.ISM, json);
        assertThat(engine).containsEntry("device", "gpu:0").containsEntry("gpu_memory_used_mb", 2311)
                .containsEntry("gpu_memory_total_mb", 81559).containsEntry("state", "ready")
                .containsEntry("loaded", true);
    }

    @Test
    void gpuMemoryTheReplicaCannotReadStaysNullWithItsReason() throws Exception {
        JsonNode health = json.readTree("""
                {"status": "UP", "components": {"engine": {"status": "UP", "details": {"engine": "djl",
                  "device": "gpu:1", "gpu_memory_error": "CUDA did not report the memory of gpu:1: no cudart"}}}}""");
        Map<String, Object> engine = HealthDetails.engine(health, ComputeService.PEM, json);
        assertThat(engine).containsEntry("gpu_memory_used_mb", null).containsEntry("gpu_memory_total_mb", null)
                .containsKey("gpu_memory_error");
    }
}
