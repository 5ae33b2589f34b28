package io.sam6d.main.jobs;

import io.sam6d.model.workflow.Job;
import io.sam6d.model.workflow.JobList;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/workflow/jobs")
@Tag(name = "jobs", description = "Durable workflow jobs: state, progress, results, cancel")
class JobController {

    private final JobService jobs;

    JobController(JobService jobs) {
        this.jobs = jobs;
    }

    @GetMapping
    @Operation(summary = "Jobs, newest first, optionally filtered by status and job_type")
    JobList list(@RequestParam(name = "status", required = false) String status,
            @RequestParam(name = "job_type", required = false) String jobType,
            @RequestParam(name = "limit", defaultValue = "50") int limit) {
        return jobs.list(blankToNull(status), blankToNull(jobType), limit);
    }

    @GetMapping("/{job_id}")
    @Operation(summary = "One job: status, progress, stage, input (Base64 elided), output, error")
    Job get(@PathVariable("job_id") String jobId) {
        return jobs.get(jobId);
    }

    @PostMapping("/{job_id}/cancel")
    @Operation(summary = "Cancel a job: a pending one at once, a running one after its current stage (409 when"
            + " it has finished)")
    Job cancel(@PathVariable("job_id") String jobId) {
        return jobs.cancel(jobId);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
