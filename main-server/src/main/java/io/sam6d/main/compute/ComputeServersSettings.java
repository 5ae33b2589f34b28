package io.sam6d.main.compute;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the compute servers are and how patiently main-server talks to them ({@code sam6d.servers.*}).
 * {@code ISM_SERVER_URL} and friends may list several replicas, comma-separated.
 *
 * @param ism             ISM replicas and the time one segmentation call may take
 * @param pem             PEM replicas and the time one pose call may take
 * @param render          render replicas and the time one render job may take (minutes: it renders many views)
 * @param healthTimeout   how long one health check waits before the server counts as down
 * @param checkInterval   how often the periodic checker looks at every replica
 * @param retries         further attempts after a connection error or a 5xx (a 4xx is never retried)
 * @param retryBackoff    wait before the first retry; doubles with every further one
 */
@ConfigurationProperties("sam6d.servers")
public record ComputeServersSettings(Service ism, Service pem, Service render, Duration healthTimeout,
        Duration checkInterval, int retries, Duration retryBackoff) {

    /** @param urls replica base URLs, e.g. {@code http://ism-server:8002}; @param timeout per-call timeout */
    public record Service(List<String> urls, Duration timeout) {
    }

    public Service of(ComputeService service) {
        return Map.of(ComputeService.ISM, ism, ComputeService.PEM, pem, ComputeService.RENDER, render).get(service);
    }
}
