package io.sam6d.main.servers;

import java.util.Locale;

import io.sam6d.model.servers.ServersStatusResponse;
import io.sam6d.model.servers.ServiceStatus;
import io.sam6d.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/servers")
@Tag(name = "servers", description = "Health, engine state and load of the compute servers (ISM, PEM, render)")
class ServersController {

    private final ServerMonitor monitor;
    private final AutoStarter autoStarter;

    ServersController(ServerMonitor monitor, AutoStarter autoStarter) {
        this.monitor = monitor;
        this.autoStarter = autoStarter;
    }

    @GetMapping("/status")
    @Operation(summary = "Every compute server and its replicas, checked in parallel")
    ServersStatusResponse status(@Parameter(description = "check now instead of answering from the short cache")
            @RequestParam(name = "fresh", defaultValue = "false") boolean fresh) {
        ServersStatusResponse s = monitor.status(fresh);
        return new ServersStatusResponse(s.servers(), s.overallStatus(), s.healthyServers(), s.totalServers(),
                s.healthyReplicas(), s.totalReplicas(), s.checkedAt(), autoStarter.report());
    }

    @GetMapping("/status/{service}")
    @Operation(summary = "One compute server: ism, pem or render")
    ServiceStatus service(@PathVariable("service") String service,
            @Parameter(description = "check now instead of answering from the short cache")
            @RequestParam(name = "fresh", defaultValue = "false") boolean fresh) {
        ServiceStatus s = monitor.status(fresh).servers().get(service.toLowerCase(Locale.ROOT));
        if (s == null) {
            throw ApiException.notFound("service", "unknown service '" + service + "': ism, pem or render");
        }
        return s;
    }
}
