package io.sam6d.main.jobs;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.model.workflow.Job;
import io.sam6d.model.workflow.JobList;
import io.sam6d.support.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/** Submits, finds, lists and cancels jobs; the {@code workflow_jobs} table is the only source of truth. */
@Service
public class JobService {

    private static final Logger log = LoggerFactory.getLogger(JobService.class);
    /** Request fields that carried Base64 images in rows stored before images became files: elided in answers. */
    private static final Set<String> BASE64_FIELDS = Set.of("rgb_image", "depth_image");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() { };

    private final JobStore store;
    private final JobSettings settings;
    private final ObjectMapper json;
    private final List<String> types;
    private final ApplicationEventPublisher events;

    JobService(JobStore store, JobSettings settings, ObjectMapper json, List<JobHandler> handlers,
            ApplicationEventPublisher events) {
        this.store = store;
        this.settings = settings;
        this.json = json;
        this.events = events;
        this.types = handlers.stream().map(JobHandler::type).sorted().toList();
    }

    /** Stores a pending job; a worker of any instance takes it. */
    public Job submit(String type, Object input) {
        return submit(type, jobId -> input);
    }

    /**
     * As {@link #submit(String, Object)}, with the input made knowing the job's id (to write files the input refers
     * to into the job's folder first, {@link JobInputFiles}).
     */
    public Job submit(String type, Function<String, Object> inputForJob) {
        String jobId = UUID.randomUUID().toString();
        String text;
        try {
            text = json.writeValueAsString(inputForJob.apply(jobId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot store the job's input: " + e.getMessage(), e);
        }
        JobRow row = store.create(jobId, type, text, settings.maxAttempts());
        log.info("job {} ({}) submitted", row.jobId(), type);
        return toJob(row);
    }

    public Job get(String jobId) {
        return toJob(store.find(requireJobId(jobId)).orElseThrow(() -> unknown(jobId)));
    }

    public JobList list(String status, String type, int limit) {
        if (status != null && !JobStatus.keys().contains(status)) {
            throw ApiException.badRequest("status", "status must be one of " + JobStatus.keys());
        }
        if (type != null && !types.contains(type)) {
            throw ApiException.badRequest("job_type", "job_type must be one of " + types);
        }
        if (limit < 1 || limit > 1000) {
            throw ApiException.badRequest("limit", "limit must be between 1 and 1000");
        }
        // the list is an overview: outputs (batch summaries can be large) are read one job at a time
        List<Job> jobs = store.list(status, type, limit).stream().map(this::toJob).toList();
        return new JobList(jobs, store.count(status, type));
    }

    /** Pending: cancelled at once. Running: stops between stages (the answer shows it still running). */
    public Job cancel(String jobId) {
        requireJobId(jobId);
        switch (store.cancel(jobId)) {
            case CANCELLED -> {
                log.info("job {} cancelled before it started", jobId);
                events.publishEvent(new JobEnded(jobId));
            }
            case REQUESTED -> log.info("job {} cancel requested; it stops after its current stage", jobId);
            case ALREADY_FINISHED -> {
                JobRow row = store.find(jobId).orElseThrow(() -> unknown(jobId));
                throw ApiException.conflict("job_id", "job " + jobId + " has already finished ("
                        + row.status().key() + ")");
            }
            case UNKNOWN -> throw unknown(jobId);
        }
        return get(jobId);
    }

    private static String requireJobId(String jobId) {
        if (jobId == null || !jobId.matches("[A-Za-z0-9-]{1,64}")) {
            throw ApiException.badRequest("job_id", "job_id must be a job id as returned when the job was submitted");
        }
        return jobId;
    }

    private static ApiException unknown(String jobId) {
        return ApiException.notFound("job_id", "no job " + jobId);
    }

    Job toJob(JobRow r) {
        return new Job(r.jobId(), r.jobType(), r.status().key(), r.progress(), r.stage(), r.attempts(),
                r.maxAttempts(), elide(readMap(r.input())), readMap(r.output()), r.error(), r.createdAt(),
                r.startedAt(), r.finishedAt(), r.updatedAt());
    }

    private Map<String, Object> readMap(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return json.readValue(text, MAP);
        } catch (IOException e) {
            return Map.of("unreadable", e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static <T> T elide(T value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), BASE64_FIELDS.contains(String.valueOf(k))
                    && v instanceof String s ? "<Base64 elided: " + s.length() + " characters>" : elide(v)));
            return (T) out;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(JobService::elide).toList();
        }
        return value;
    }
}
