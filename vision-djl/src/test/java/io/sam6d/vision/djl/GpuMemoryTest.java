package io.sam6d.vision.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class GpuMemoryTest {

    @Test
    void theCpuHasNoGpuMemory() {
        assertThat(TorchRuntime.gpuMemoryDetails("cpu")).isEmpty();
        assertThat(TorchRuntime.gpuMemoryDetails(null)).isEmpty();
    }

    @Test
    void aGpuReportsWhatCudaSaysOrWhyItCannotNeverAGuess() {
        Map<String, Object> m = TorchRuntime.gpuMemoryDetails("gpu:0");
        if (m.containsKey("gpu_memory_error")) {
            // no CUDA runtime here (the development machines): no figures at all
            assertThat(m).doesNotContainKeys("gpu_memory_used_mb", "gpu_memory_total_mb");
            assertThat((String) m.get("gpu_memory_error")).contains("gpu:0");
        } else {
            long used = (Long) m.get("gpu_memory_used_mb");
            long total = (Long) m.get("gpu_memory_total_mb");
            assertThat(total).isPositive();
            assertThat(used).isBetween(0L, total);
        }
    }
}
