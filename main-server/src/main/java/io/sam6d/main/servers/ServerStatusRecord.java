package io.sam6d.main.servers;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code server_status}: one health check of one replica. */
@Entity
@Table(name = "server_status")
class ServerStatusRecord {

    static final int MAX_ERROR_LENGTH = 1000;

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** {@code ism}, {@code pem} or {@code render}. */
    @Column(nullable = false)
    private String service;

    @Column(nullable = false)
    private String url;

    /** {@code healthy}, {@code unhealthy} or {@code unreachable}. */
    @Column(nullable = false)
    private String status;

    @Column(name = "response_time_ms")
    private Long responseTimeMs;

    private String error;

    @Column(name = "checked_at", nullable = false)
    private Instant checkedAt;

    protected ServerStatusRecord() {
    }

    ServerStatusRecord(String service, String url, String status, Long responseTimeMs, String error,
            Instant checkedAt) {
        this.service = service;
        this.url = url;
        this.status = status;
        this.responseTimeMs = responseTimeMs;
        this.error = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
        this.checkedAt = checkedAt;
    }

    static ServerStatusRecord of(ReplicaCheck check) {
        return new ServerStatusRecord(check.service().key(), check.url(), check.status(), check.responseTimeMs(),
                check.error(), check.checkedAt());
    }

    Long id() {
        return id;
    }

    String service() {
        return service;
    }

    String url() {
        return url;
    }

    String status() {
        return status;
    }

    Long responseTimeMs() {
        return responseTimeMs;
    }

    String error() {
        return error;
    }

    Instant checkedAt() {
        return checkedAt;
    }
}
