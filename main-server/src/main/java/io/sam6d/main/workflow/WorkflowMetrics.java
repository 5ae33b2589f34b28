package io.sam6d.main.workflow;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

/** {@code sam6d.workflow.stage} timer by {@code stage} ({@code render}, {@code ism}, {@code pem}, {@code output}). */
@Component
class WorkflowMetrics {

    private final MeterRegistry registry;

    WorkflowMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void stage(String stage, Duration took) {
        Timer.builder("sam6d.workflow.stage").tag("stage", stage)
                .description("wall time of a workflow stage, compute calls included").register(registry)
                .record(took);
    }
}
