package io.sam6d.main.servers;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.sam6d.main.compute.ComputeCallStats;
import io.sam6d.main.compute.ComputeServersSettings;
import io.sam6d.main.compute.ComputeService;
import io.sam6d.main.compute.ConfiguredComputeEndpoints;
import io.sam6d.main.compute.ReplicaHealth;
import io.sam6d.model.servers.ReplicaStatus;
import io.sam6d.model.servers.ServersStatusResponse;
import io.sam6d.model.servers.ServiceStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Service;

/**
 * Checks every replica of every compute server at once, records each check in {@code server_status}, tells
 * {@link ReplicaHealth} (which orders replicas for callers) and puts the answer of {@code /api/v1/servers/status}
 * together. Answers are cached for {@code CACHE_SERVERS_STATUS_TTL_MS} so dashboards polling it do not multiply
 * health checks.
 */
@Service
class ServerMonitor {

    static final String CACHE = "servers-status";
    private static final String KEY = "all";

    private static final Logger log = LoggerFactory.getLogger(ServerMonitor.class);

    private static final List<String> RANK = List.of(ReplicaCheck.HEALTHY, ReplicaCheck.UNHEALTHY,
            ReplicaCheck.UNREACHABLE);

    private final ComputeServersSettings settings;
    private final ReplicaProbe probe;
    private final ReplicaHealth health;
    private final ComputeCallStats calls;
    private final ServerStatusRepository history;
    private final Cache cache;
    private final Clock clock;

    ServerMonitor(ComputeServersSettings settings, ReplicaProbe probe, ReplicaHealth health, ComputeCallStats calls,
            ServerStatusRepository history, CacheManager caches, Clock clock) {
        this.settings = settings;
        this.probe = probe;
        this.health = health;
        this.calls = calls;
        this.history = history;
        this.cache = caches.getCache(CACHE);
        this.clock = clock;
    }

    /** The cached answer, or a new check when there is none or {@code fresh} is asked for. */
    ServersStatusResponse status(boolean fresh) {
        if (fresh) {
            ServersStatusResponse now = checkNow();
            cache.put(KEY, now);
            return now;
        }
        return cache.get(KEY, this::checkNow);
    }

    /** Checks every replica now (in parallel, within about the health timeout), records and reports it. */
    ServersStatusResponse checkNow() {
        List<CompletableFuture<ReplicaCheck>> running = new ArrayList<>();
        for (ComputeService service : ComputeService.values()) {
            for (String url : ConfiguredComputeEndpoints.normalised(settings.of(service).urls())) {
                running.add(probe.check(service, url));
            }
        }
        List<ReplicaCheck> checks = running.stream().map(CompletableFuture::join).toList();
        checks.forEach(c -> health.update(c.service(), c.url(), c.healthy(), c.checkedAt()));
        record(checks);
        return assemble(checks);
    }

    private void record(List<ReplicaCheck> checks) {
        try {
            history.saveAll(checks.stream().map(ServerStatusRecord::of).toList());
        } catch (DataAccessException e) {
            // the live answer matters more than its history
            log.warn("could not record server checks in server_status: {}", e.getMessage());
        }
        checks.stream().filter(c -> !c.healthy()).forEach(c -> log.debug("{} replica {} is {}: {}",
                c.service().key(), c.url(), c.status(), c.error()));
    }

    private ServersStatusResponse assemble(List<ReplicaCheck> checks) {
        Map<String, ServiceStatus> servers = new LinkedHashMap<>();
        int healthyServices = 0;
        int healthyReplicas = 0;
        for (ComputeService service : ComputeService.values()) {
            List<ReplicaStatus> replicas = checks.stream().filter(c -> c.service() == service)
                    .map(this::replicaStatus)
                    .sorted(Comparator.comparingInt((ReplicaStatus r) -> RANK.indexOf(r.status()))
                            .thenComparingDouble(ReplicaStatus::errorRate))
                    .toList();
            ServiceStatus s = serviceStatus(replicas);
            servers.put(service.key(), s);
            healthyServices += ReplicaCheck.HEALTHY.equals(s.status()) ? 1 : 0;
            healthyReplicas += (int) replicas.stream().filter(r -> ReplicaCheck.HEALTHY.equals(r.status())).count();
        }
        int total = servers.size();
        String overall = healthyServices == total ? "healthy" : healthyServices == 0 ? "unhealthy" : "degraded";
        return new ServersStatusResponse(servers, overall, healthyServices, total, healthyReplicas, checks.size(),
                clock.instant(), null);
    }

    private ReplicaStatus replicaStatus(ReplicaCheck c) {
        ComputeCallStats.Counts counts = calls.counts(c.service(), c.url());
        return new ReplicaStatus(c.url(), c.status(), c.responseTimeMs(), c.checkedAt(), c.error(), c.engine(),
                c.modelCache(), c.cpuUsage(), c.memoryUsedMb(), c.memoryMaxMb(), counts.errorRate(), counts.calls());
    }

    /** The service as its first replica (a healthy one when there is one) shows it, with calls summed. */
    private ServiceStatus serviceStatus(List<ReplicaStatus> replicas) {
        long windowS = calls.window().toSeconds();
        if (replicas.isEmpty()) {
            return new ServiceStatus(null, ReplicaCheck.UNREACHABLE, null, null, null, null, null, null, null, 0.0,
                    0, windowS, List.of());
        }
        ReplicaStatus first = replicas.get(0);
        long callCount = replicas.stream().mapToLong(ReplicaStatus::calls).sum();
        double errors = replicas.stream().mapToDouble(r -> r.errorRate() * r.calls()).sum();
        return new ServiceStatus(first.url(), first.status(), first.responseTimeMs(), first.lastCheck(),
                first.engine(), first.modelCache(), first.cpuUsage(), first.memoryUsedMb(), first.memoryMaxMb(),
                callCount == 0 ? 0.0 : errors / callCount, callCount, windowS, replicas);
    }
}
