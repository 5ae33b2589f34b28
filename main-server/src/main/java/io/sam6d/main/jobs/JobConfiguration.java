package io.sam6d.main.jobs;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties({JobSettings.class, JobWaitSettings.class})
class JobConfiguration {
}
