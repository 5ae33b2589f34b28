package io.sam6d.main.jobs;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The {@code workflow_jobs} table. Ownership of a running job is a lease: a worker claims a row with one conditional
 * UPDATE (the database's row lock makes exactly one claimant see an updated row), renews it while it runs, and every
 * later write names the owner, so a worker that lost its lease can no longer change the job. Times come from the
 * application clock (instances sharing a database need synchronised clocks, as leases are seconds to minutes long).
 */
@Repository
class JobStore {

    private static final String COLUMNS = "job_id, job_type, status, progress, stage, input, output, error, attempts,"
            + " max_attempts, cancel_requested, lease_owner, lease_until, created_at, started_at, finished_at,"
            + " updated_at";
    /** A job a worker may take: waiting, or left running by a server whose lease expired, with attempts left. */
    private static final String CLAIMABLE = "(status = 'pending' OR (status = 'running' AND lease_until < ?))"
            + " AND cancel_requested = FALSE AND attempts < max_attempts";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    JobStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    JobRow create(String id, String type, String inputJson, int maxAttempts) {
        OffsetDateTime now = now();
        jdbc.update("INSERT INTO workflow_jobs (job_id, job_type, status, progress, input, attempts, max_attempts,"
                + " cancel_requested, created_at, updated_at) VALUES (?, ?, 'pending', 0, ?, 0, ?, FALSE, ?, ?)",
                id, type, inputJson, maxAttempts, now, now);
        return find(id).orElseThrow();
    }

    Optional<JobRow> find(String jobId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM workflow_jobs WHERE job_id = ?", ROWS, jobId).stream()
                .findFirst();
    }

    /** Newest first, without their outputs (null); null filters match everything. */
    List<JobRow> list(String status, String type, int limit) {
        List<Object> args = new ArrayList<>();
        String where = where(status, type, args);
        args.add(limit);
        return jdbc.query("SELECT " + COLUMNS.replace(" output,", " NULL AS output,") + " FROM workflow_jobs" + where
                + " ORDER BY created_at DESC, job_id LIMIT ?", ROWS, args.toArray());
    }

    long count(String status, String type) {
        List<Object> args = new ArrayList<>();
        Long n = jdbc.queryForObject("SELECT COUNT(*) FROM workflow_jobs" + where(status, type, args), Long.class,
                args.toArray());
        return n == null ? 0 : n;
    }

    Map<JobStatus, Long> countByStatus() {
        Map<JobStatus, Long> counts = new EnumMap<>(JobStatus.class);
        for (JobStatus s : JobStatus.values()) {
            counts.put(s, 0L);
        }
        jdbc.query("SELECT status, COUNT(*) FROM workflow_jobs GROUP BY status",
                rs -> {
                    counts.put(JobStatus.of(rs.getString(1)), rs.getLong(2));
                });
        return counts;
    }

    private static String where(String status, String type, List<Object> args) {
        List<String> terms = new ArrayList<>();
        if (status != null) {
            terms.add("status = ?");
            args.add(status);
        }
        if (type != null) {
            terms.add("job_type = ?");
            args.add(type);
        }
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    /** Those of the given jobs that have ended (completed, failed or cancelled); one query. */
    List<String> finishedAmong(List<String> jobIds) {
        if (jobIds.isEmpty()) {
            return List.of();
        }
        String marks = String.join(", ", java.util.Collections.nCopies(jobIds.size(), "?"));
        return jdbc.queryForList("SELECT job_id FROM workflow_jobs WHERE status IN ('completed', 'failed',"
                + " 'cancelled') AND job_id IN (" + marks + ")", String.class, jobIds.toArray());
    }

    /** Ids of jobs a worker may take now, oldest first. */
    List<String> claimable(int limit) {
        return jdbc.queryForList("SELECT job_id FROM workflow_jobs WHERE " + CLAIMABLE
                + " ORDER BY created_at, job_id LIMIT ?", String.class, now(), limit);
    }

    /**
     * Takes a job if it is still claimable: one atomic UPDATE, so of several instances racing for a row exactly one
     * sees it updated. Counts an attempt.
     */
    boolean claim(String jobId, String owner, Instant leaseUntil) {
        OffsetDateTime now = now();
        int n = jdbc.update("UPDATE workflow_jobs SET status = 'running', lease_owner = ?, lease_until = ?,"
                + " attempts = attempts + 1, started_at = COALESCE(started_at, ?), updated_at = ?, error = NULL"
                + " WHERE job_id = ? AND " + CLAIMABLE, owner, utc(leaseUntil), now, now, jobId, now);
        return n == 1;
    }

    /** Extends the lease; false when this owner no longer holds the job. */
    boolean renewLease(String jobId, String owner, Instant leaseUntil) {
        return jdbc.update("UPDATE workflow_jobs SET lease_until = ?, updated_at = ? WHERE job_id = ?"
                + " AND lease_owner = ? AND status = 'running'", utc(leaseUntil), now(), jobId, owner) == 1;
    }

    boolean progress(String jobId, String owner, int progress, String stage) {
        return jdbc.update("UPDATE workflow_jobs SET progress = ?, stage = ?, updated_at = ? WHERE job_id = ?"
                + " AND lease_owner = ? AND status = 'running'", progress, stage, now(), jobId, owner) == 1;
    }

    boolean cancelRequested(String jobId) {
        Boolean b = jdbc.queryForObject("SELECT cancel_requested FROM workflow_jobs WHERE job_id = ?",
                Boolean.class, jobId);
        return Boolean.TRUE.equals(b);
    }

    /** Ends a job this owner holds; false when it lost the lease meanwhile (the write is refused). */
    boolean finish(String jobId, String owner, JobStatus status, String outputJson, String error) {
        OffsetDateTime now = now();
        String progress = status == JobStatus.COMPLETED ? "100" : "progress";
        return jdbc.update("UPDATE workflow_jobs SET status = ?, output = ?, error = ?, progress = " + progress
                + ", lease_owner = NULL, lease_until = NULL, finished_at = ?, updated_at = ? WHERE job_id = ?"
                + " AND lease_owner = ? AND status = 'running'", status.key(), outputJson, error, now, now, jobId,
                owner) == 1;
    }

    /** Gives a job back on a clean shutdown: pending again, the attempt not counted. */
    boolean release(String jobId, String owner) {
        return jdbc.update("UPDATE workflow_jobs SET status = 'pending', lease_owner = NULL, lease_until = NULL,"
                + " attempts = attempts - 1, updated_at = ? WHERE job_id = ? AND lease_owner = ?"
                + " AND status = 'running'", now(), jobId, owner) == 1;
    }

    /** pending -> cancelled at once; running -> flagged (the worker stops between stages). */
    CancelOutcome cancel(String jobId) {
        OffsetDateTime now = now();
        if (jdbc.update("UPDATE workflow_jobs SET status = 'cancelled', cancel_requested = TRUE, finished_at = ?,"
                + " updated_at = ? WHERE job_id = ? AND status = 'pending'", now, now, jobId) == 1) {
            return CancelOutcome.CANCELLED;
        }
        if (jdbc.update("UPDATE workflow_jobs SET cancel_requested = TRUE, updated_at = ? WHERE job_id = ?"
                + " AND status = 'running'", now, jobId) == 1) {
            return CancelOutcome.REQUESTED;
        }
        return find(jobId).isPresent() ? CancelOutcome.ALREADY_FINISHED : CancelOutcome.UNKNOWN;
    }

    enum CancelOutcome { CANCELLED, REQUESTED, ALREADY_FINISHED, UNKNOWN }

    /** Running jobs whose lease expired that no worker may take again (attempts used up, or cancelled). */
    List<JobRow> abandoned() {
        return jdbc.query("SELECT " + COLUMNS + " FROM workflow_jobs WHERE status = 'running' AND lease_until < ?"
                + " AND (attempts >= max_attempts OR cancel_requested = TRUE)", ROWS, now());
    }

    /** Ends an abandoned job, if it is still abandoned (another instance may have ended it first). */
    boolean closeAbandoned(String jobId, JobStatus status, String error) {
        OffsetDateTime now = now();
        return jdbc.update("UPDATE workflow_jobs SET status = ?, error = ?, lease_owner = NULL, lease_until = NULL,"
                + " finished_at = ?, updated_at = ? WHERE job_id = ? AND status = 'running' AND lease_until < ?",
                status.key(), error, now, now, jobId, now) == 1;
    }

    /** Ids of jobs that finished before {@code cutoff}. */
    List<String> finishedBefore(Instant cutoff) {
        return jdbc.queryForList("SELECT job_id FROM workflow_jobs WHERE status IN ('completed', 'failed',"
                + " 'cancelled') AND finished_at < ?", String.class, utc(cutoff));
    }

    /** Deletes a finished job's row. */
    boolean delete(String jobId) {
        return jdbc.update("DELETE FROM workflow_jobs WHERE job_id = ? AND status IN ('completed', 'failed',"
                + " 'cancelled')", jobId) == 1;
    }

    private OffsetDateTime now() {
        return utc(clock.instant());
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static final RowMapper<JobRow> ROWS = (rs, i) -> new JobRow(rs.getString("job_id"),
            rs.getString("job_type"), JobStatus.of(rs.getString("status")), rs.getInt("progress"),
            rs.getString("stage"), rs.getString("input"), rs.getString("output"), rs.getString("error"),
            rs.getInt("attempts"), rs.getInt("max_attempts"), rs.getBoolean("cancel_requested"),
            rs.getString("lease_owner"), instant(rs, "lease_until"), instant(rs, "created_at"),
            instant(rs, "started_at"), instant(rs, "finished_at"), instant(rs, "updated_at"));
}
