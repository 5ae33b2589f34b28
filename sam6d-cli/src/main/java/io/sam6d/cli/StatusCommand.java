package io.sam6d.cli;

import java.util.Map;
import java.util.concurrent.Callable;

import io.sam6d.model.servers.ServersStatusResponse;
import io.sam6d.model.servers.ServiceStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", description = {"The compute servers as main-server sees them now: status, engine, device,"
        + " model state, GPU memory (CUDA engines only), response time.",
    "Exit code 0 when every service is healthy, 1 otherwise."})
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    Sam6d root;

    @Parameters(arity = "0..1", paramLabel = "SERVICE", description = "ism, pem or render (default: all three)")
    String service;

    @Override
    public Integer call() {
        MainServer api = root.api();
        if (service != null) {
            ServiceStatus s = api.status(service);
            if (root.json) {
                root.printJson(s);
            } else {
                header();
                row(service, s);
            }
            return "healthy".equals(s.status()) ? ExitCodes.OK : ExitCodes.JOB_FAILED;
        }
        ServersStatusResponse r = api.status();
        if (root.json) {
            root.printJson(r);
        } else {
            root.println("%s: %d of %d services healthy (%d of %d replicas) at %s", r.overallStatus(),
                    r.healthyServers(), r.totalServers(), r.healthyReplicas(), r.totalReplicas(), api.baseUrl());
            header();
            r.servers().forEach(this::row);
        }
        return "healthy".equals(r.overallStatus()) ? ExitCodes.OK : ExitCodes.JOB_FAILED;
    }

    private void header() {
        root.println("%-7s %-12s %-14s %-7s %-11s %-18s %-9s %s", "SERVICE", "STATUS", "ENGINE", "DEVICE", "STATE",
                "GPU MEMORY", "RESPONSE", "URL");
    }

    private void row(String name, ServiceStatus s) {
        Map<String, Object> e = s.engine() == null ? Map.of() : s.engine();
        Object used = e.get("gpu_memory_used_mb");
        Object total = e.get("gpu_memory_total_mb");
        String gpu = used != null && total != null ? used + "/" + total + " MiB" : "-";
        root.println("%-7s %-12s %-14s %-7s %-11s %-18s %-9s %s", name, s.status(), text(e.get("engine")),
                text(e.get("device")), text(e.get("state")), gpu,
                s.responseTimeMs() == null ? "-" : s.responseTimeMs() + " ms", s.url());
    }

    private static String text(Object o) {
        return o == null ? "-" : o.toString();
    }
}
