package io.sam6d.support.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;

/**
 * What a compute server imports to bound its work: the bulkhead on every {@code /api/*} request (after the internal
 * token check, before the body is read) and the caller's deadline on the engines.
 */
@Configuration
@EnableConfigurationProperties(AdmissionSettings.class)
@Import(DeadlineAdvice.class)
public class AdmissionConfiguration {

    @Bean
    ComputeAdmission computeAdmission(AdmissionSettings settings, MeterRegistry registry) {
        return new ComputeAdmission(settings.maxConcurrent(), settings.maxQueued(), settings.maxQueueWait(), registry);
    }

    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(ComputeAdmission admission, ObjectMapper json) {
        var reg = new FilterRegistrationBean<>(new AdmissionFilter(admission, json));
        reg.addUrlPatterns("/api/*");
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE + 30);
        return reg;
    }
}
