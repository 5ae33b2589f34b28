package io.sam6d.main.servers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code sam6d.auto-start.*}: starting compute servers that are down when main-server starts.
 *
 * @param enabled      {@code AUTO_START_DEPENDENCIES}; off by default
 * @param commands     compose commands tried in order, the first that answers {@code version} is used
 * @param composeFile  the compose file naming the services {@code ism-server}, {@code pem-server},
 *                     {@code render-server}
 * @param timeout      how long one {@code up -d} may take (building an image takes minutes)
 */
@ConfigurationProperties("sam6d.auto-start")
record AutoStartSettings(boolean enabled, List<String> commands, Path composeFile, Duration timeout) {
}
