package io.sam6d.main.rss;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How main-server talks to RealSense streaming servers ({@code sam6d.rss.*}).
 *
 * @param connectTimeout  how long opening a connection to the camera server may take
 * @param timeout         how long one request (status, calibration, one image) may take in all, its body included
 * @param allowedHosts    host names (or {@code host:port}) a request may name as {@code rss_url}, {@code *} for any;
 *                        empty: none in production, any elsewhere ({@link RssUrlPolicy})
 * @param maxJsonBytes    largest status or calibration document read
 */
@ConfigurationProperties("sam6d.rss")
public record RssSettings(Duration connectTimeout, Duration timeout, List<String> allowedHosts, int maxJsonBytes) {

    public RssSettings {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(String::trim).filter(h -> !h.isEmpty()).toList();
        maxJsonBytes = maxJsonBytes <= 0 ? 1024 * 1024 : maxJsonBytes;
    }
}
