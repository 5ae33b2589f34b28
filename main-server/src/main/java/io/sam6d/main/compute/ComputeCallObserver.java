package io.sam6d.main.compute;

import java.time.Duration;

/**
 * Told about every call main-server makes to a compute server, so monitoring can report error rates and latency
 * per replica. {@code ok} is false for connection errors, timeouts and 5xx answers (a 4xx is the caller's fault
 * and counts as ok for the server's health).
 */
public interface ComputeCallObserver {

    void record(ComputeService service, String baseUrl, String path, Duration took, boolean ok);

    ComputeCallObserver NONE = (service, baseUrl, path, took, ok) -> { };
}
