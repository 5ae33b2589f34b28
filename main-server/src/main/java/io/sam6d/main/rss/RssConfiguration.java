package io.sam6d.main.rss;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties(RssSettings.class)
class RssConfiguration {
}
