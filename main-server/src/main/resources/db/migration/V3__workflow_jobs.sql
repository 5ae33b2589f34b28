-- Durable workflow jobs (seed "Main_Server", workflow_jobs table). Workers claim a row with a conditional UPDATE
-- and hold it by a lease they renew; a job whose server died is taken again when its lease has expired.
-- Portable SQL: runs on H2 2.x and PostgreSQL 12+.
CREATE TABLE workflow_jobs (
    job_id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    job_type         VARCHAR(40)  NOT NULL,
    status           VARCHAR(20)  NOT NULL,
    progress         INTEGER      NOT NULL DEFAULT 0,
    stage            VARCHAR(20),
    input            TEXT         NOT NULL,
    output           TEXT,
    error            TEXT,
    attempts         INTEGER      NOT NULL DEFAULT 0,
    max_attempts     INTEGER      NOT NULL DEFAULT 3,
    cancel_requested BOOLEAN      NOT NULL DEFAULT FALSE,
    lease_owner      VARCHAR(200),
    lease_until      TIMESTAMP WITH TIME ZONE,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    started_at       TIMESTAMP WITH TIME ZONE,
    finished_at      TIMESTAMP WITH TIME ZONE,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX idx_workflow_jobs_status ON workflow_jobs (status, created_at);
CREATE INDEX idx_workflow_jobs_type ON workflow_jobs (job_type, created_at);
