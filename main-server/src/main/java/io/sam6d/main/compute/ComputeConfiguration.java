package io.sam6d.main.compute;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Replica choice and call accounting: replicas ordered by the monitor's health checks (io.sam6d.main.servers keeps
 * {@link ReplicaHealth} current) and every call counted for error rates and metrics. A test may declare its own
 * {@link ComputeEndpoints} or {@link ComputeCallObserver} bean instead.
 */
@Configuration
@EnableConfigurationProperties(ComputeServersSettings.class)
class ComputeConfiguration {

    @Bean
    ReplicaHealth replicaHealth(ComputeServersSettings settings, MeterRegistry registry) {
        return new ReplicaHealth(settings, registry);
    }

    @Bean
    ComputeCallStats computeCallStats(@Value("${sam6d.servers.error-window:5m}") Duration window,
            MeterRegistry registry, Clock clock) {
        return new ComputeCallStats(window, registry, clock);
    }

    @Bean
    @ConditionalOnMissingBean(ComputeEndpoints.class)
    ComputeEndpoints healthAwareComputeEndpoints(ComputeServersSettings settings, ReplicaHealth health,
            ComputeCallStats calls) {
        return new HealthAwareComputeEndpoints(settings, health, calls);
    }

    @Bean
    @ConditionalOnMissingBean(ComputeCallObserver.class)
    ComputeCallObserver computeCallObserver(ComputeCallStats stats) {
        return stats::record;
    }
}
