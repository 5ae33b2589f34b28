package io.sam6d.main.objects;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps the object database current: a full scan at start-up (before the port opens), then a cheap check of {@code static/} every
 * {@code sam6d.objects.watch-interval-ms} that rescans when files were added, removed or changed. Polling (not
 * inotify) so that it also works on network and container volumes.
 */
@Component
class ObjectsWatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ObjectsWatcher.class);

    private final ObjectCatalog catalog;
    private final StaticScanner scanner;
    private final AtomicLong lastFingerprint = new AtomicLong(Long.MIN_VALUE);

    ObjectsWatcher(ObjectCatalog catalog, StaticScanner scanner) {
        this.catalog = catalog;
        this.scanner = scanner;
    }

    private volatile boolean running;

    /** The first scan, before the web server opens its port: the API never answers from an unscanned database. */
    @Override
    public void start() {
        lastFingerprint.set(scanner.fingerprint());
        var result = catalog.rescan();
        log.info("object database ready: {} objects", result.totalObjects());
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the web server (which starts in the last phases). */
    @Override
    public int getPhase() {
        return 0;
    }

    @Scheduled(initialDelayString = "${sam6d.objects.watch-interval-ms}",
            fixedDelayString = "${sam6d.objects.watch-interval-ms}")
    void checkForChanges() {
        try {
            long now = scanner.fingerprint();
            if (now != lastFingerprint.getAndSet(now)) {
                catalog.rescan();
            }
        } catch (RuntimeException e) {
            log.warn("static/ change check failed, will retry: {}", e.toString());
        }
    }
}
