package io.sam6d.main.servers;

import java.time.Clock;
import java.time.Duration;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.main.cache.CacheSpec;
import io.sam6d.main.compute.ComputeServersSettings;
import io.sam6d.model.servers.ServersStatusResponse;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
class ServersConfiguration {

    /** Short-lived: it only spares the compute servers from a health check per dashboard refresh. */
    @Bean
    CacheSpec serversStatusCache(@Value("${sam6d.cache.servers-status-ttl-ms}") long ttlMs) {
        return new CacheSpec(ServerMonitor.CACHE, Duration.ofMillis(ttlMs), ServersStatusResponse.class);
    }

    @Bean
    ReplicaProbe replicaProbe(ComputeServersSettings settings, ObjectMapper json, Clock clock,
            @Value("${sam6d.internal-token:}") String internalToken) {
        return new ReplicaProbe(settings.healthTimeout(), json, clock, internalToken);
    }
}
