package io.sam6d.main.compute;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(ComputeServersSettings.class)
class ComputeConfiguration {

    @Bean
    @ConditionalOnMissingBean(ComputeEndpoints.class)
    ComputeEndpoints configuredComputeEndpoints(ComputeServersSettings settings) {
        return new ConfiguredComputeEndpoints(settings);
    }

    @Bean
    @ConditionalOnMissingBean(ComputeCallObserver.class)
    ComputeCallObserver noComputeCallObserver() {
        return ComputeCallObserver.NONE;
    }
}
