package io.sam6d.main.compute;

import java.util.Locale;

/** The compute servers main-server orchestrates; each may run as several replicas. */
public enum ComputeService {
    ISM, PEM, RENDER;

    /** The name used in settings, JSON and metrics: {@code ism}, {@code pem}, {@code render}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
