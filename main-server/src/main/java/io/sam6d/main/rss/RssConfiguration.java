package io.sam6d.main.rss;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(RssSettings.class)
class RssConfiguration {

    /** In production ({@code SAM6D_ENV=prod}) only the hosts in {@code RSS_ALLOWED_HOSTS}; elsewhere empty is any. */
    @Bean
    RssUrlPolicy rssUrlPolicy(RssSettings settings, @Value("${sam6d.mode:prod}") String mode) {
        return new RssUrlPolicy(settings.allowedHosts(), "prod".equals(mode));
    }
}
