package io.sam6d.main.rss;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How main-server talks to RealSense streaming servers ({@code sam6d.rss.*}).
 *
 * @param connectTimeout how long opening a connection to the camera server may take
 * @param timeout        how long one request (status, calibration, one image) may take in all
 * @param allowedHosts   host names (or {@code host:port}) a request may name as {@code rss_url}; empty: any host.
 *                       Set it in production: the URL comes from API clients and main-server fetches from it.
 */
@ConfigurationProperties("sam6d.rss")
public record RssSettings(Duration connectTimeout, Duration timeout, List<String> allowedHosts) {

    public RssSettings {
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(3) : connectTimeout;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
        allowedHosts = allowedHosts == null ? List.of()
                : allowedHosts.stream().map(String::trim).filter(h -> !h.isEmpty()).toList();
    }
}
