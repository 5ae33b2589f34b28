package io.sam6d.render.templates;

import java.nio.file.Path;
import java.time.Instant;

import io.sam6d.model.render.RenderJobStatus;
import io.sam6d.vision.render.ConfigTemplateRendering;

/** One render job and its state; the fields that change are guarded by the job's monitor. */
final class RenderJob {

    enum State {
        PENDING, RUNNING, COMPLETED, FAILED;

        String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    final String id;
    final String className;
    final String objectName;
    final Path meshFile;
    final String meshDisplay;
    final Path outputDir;
    final String outputDisplay;
    final ConfigTemplateRendering config;
    final Instant createdAt = Instant.now();

    private State state = State.PENDING;
    private int progress;
    private int viewsRendered;
    private boolean skipped;
    private String error;
    private Instant startedAt;
    private Instant finishedAt;

    RenderJob(String id, String className, String objectName, Path meshFile, String meshDisplay, Path outputDir,
            String outputDisplay, ConfigTemplateRendering config) {
        this.id = id;
        this.className = className;
        this.objectName = objectName;
        this.meshFile = meshFile;
        this.meshDisplay = meshDisplay;
        this.outputDir = outputDir;
        this.outputDisplay = outputDisplay;
        this.config = config;
    }

    synchronized State state() {
        return state;
    }

    synchronized boolean isFinished() {
        return state == State.COMPLETED || state == State.FAILED;
    }

    synchronized void started() {
        state = State.RUNNING;
        startedAt = Instant.now();
    }

    /** @return the new progress, 0..99 while views are being rendered */
    synchronized int viewsDone(int done, int total) {
        viewsRendered = done;
        progress = (int) (done * 99L / total);
        return progress;
    }

    synchronized void completed(int views, boolean wasSkipped) {
        state = State.COMPLETED;
        viewsRendered = views;
        skipped = wasSkipped;
        progress = 100;
        if (startedAt == null) {
            startedAt = Instant.now();
        }
        finishedAt = Instant.now();
    }

    synchronized void failed(String message) {
        state = State.FAILED;
        error = message;
        finishedAt = Instant.now();
    }

    synchronized RenderJobStatus status() {
        return new RenderJobStatus(id, state.json(), progress, className, objectName, outputDisplay, skipped,
                viewsRendered, error, createdAt, startedAt, finishedAt);
    }
}
