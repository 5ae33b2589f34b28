package io.sam6d.main.objects;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.sam6d.model.objects.ClassListResponse;
import io.sam6d.model.objects.ClassObjectsResponse;
import io.sam6d.model.objects.ClassSummary;
import io.sam6d.model.objects.ObjectDetail;
import io.sam6d.model.objects.ObjectSummary;
import io.sam6d.model.objects.RescanResponse;
import io.sam6d.model.objects.TemplateFileCounts;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The object database: keeps the {@code objects} table in step with {@code static/} and answers the object APIs.
 * Rows are matched by (class, object): a rescan updates rows in place, so objects that still exist keep their
 * rows and ids; rows of objects whose CAD file vanished are deleted.
 */
@Service
public class ObjectCatalog {

    private static final Logger log = LoggerFactory.getLogger(ObjectCatalog.class);

    static final String CLASSES_CACHE = "objects.classes";
    static final String CLASS_CACHE = "objects.class";
    static final String DETAIL_CACHE = "objects.detail";

    private final CatalogObjectRepository repository;
    private final StaticScanner scanner;
    private final TransactionTemplate tx;
    private final Clock clock;
    private final CacheManager caches;
    private final long secondEvictionMs;
    private final ScheduledExecutorService delayedEviction = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "cache-eviction");
        t.setDaemon(true);
        return t;
    });

    ObjectCatalog(CatalogObjectRepository repository, StaticScanner scanner, TransactionTemplate tx, Clock clock,
            CacheManager caches, @Value("${sam6d.cache.second-eviction-ms}") long secondEvictionMs) {
        this.repository = repository;
        this.scanner = scanner;
        this.tx = tx;
        this.clock = clock;
        this.caches = caches;
        this.secondEvictionMs = secondEvictionMs;
    }

    @PreDestroy
    void stopEvictions() {
        delayedEviction.shutdownNow();
    }

    /** Scans {@code static/} and brings the table in step; one scan at a time per process. */
    public synchronized RescanResponse rescan() {
        long start = System.nanoTime();
        List<ScannedObject> onDisk = scanner.scan();
        RescanResponse result = tx.execute(status -> apply(onDisk, start));
        if (!result.added().isEmpty() || !result.updated().isEmpty() || !result.removed().isEmpty()) {
            evictAnswers();
            log.info("object rescan: {} added, {} updated, {} removed, {} objects in {} ms", result.added().size(),
                    result.updated().size(), result.removed().size(), result.totalObjects(), result.durationMs());
        }
        return result;
    }

    private RescanResponse apply(List<ScannedObject> onDisk, long startNanos) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Map<String, CatalogObject> rows = repository.findAll().stream()
                .collect(Collectors.toMap(CatalogObject::key, Function.identity()));
        List<String> added = new ArrayList<>();
        List<String> updated = new ArrayList<>();
        List<CatalogObject> toSave = new ArrayList<>();
        for (ScannedObject s : onDisk) {
            CatalogObject row = rows.remove(s.key());
            if (row == null) {
                row = new CatalogObject(s.className(), s.objectName(), now);
                row.applyScan(s, now);
                added.add(s.key());
                toSave.add(row);
            } else if (row.applyScan(s, now)) {
                updated.add(s.key());
                toSave.add(row);
            }
        }
        repository.saveAll(toSave);
        List<String> removed = rows.keySet().stream().sorted().toList();
        repository.deleteAllInBatch(rows.values());
        long ms = (System.nanoTime() - startNanos) / 1_000_000;
        return new RescanResponse(added, updated, removed, onDisk.size(), ms);
    }

    /**
     * Drops every cached object answer (all instances' when the cache is Redis), now and once more a moment later:
     * a request that read the database just before the change may store its answer after the first clear.
     */
    public void evictAnswers() {
        clearCaches();
        delayedEviction.schedule(this::clearCaches, secondEvictionMs, TimeUnit.MILLISECONDS);
    }

    private void clearCaches() {
        for (String name : new String[] {CLASSES_CACHE, CLASS_CACHE, DETAIL_CACHE}) {
            Cache c = caches.getCache(name);
            if (c != null) {
                c.clear();
            }
        }
    }

    @Cacheable(CLASSES_CACHE)
    @Transactional(readOnly = true)
    public ClassListResponse listClasses() {
        Map<String, List<CatalogObject>> byClass = new TreeMap<>();
        for (CatalogObject o : repository.findAllByOrderByClassNameAscObjectNameAsc()) {
            byClass.computeIfAbsent(o.getClassName(), k -> new ArrayList<>()).add(o);
        }
        List<ClassSummary> classes = new ArrayList<>();
        int totalObjects = 0;
        int totalTemplates = 0;
        for (var e : byClass.entrySet()) {
            int objects = e.getValue().size();
            int templates = (int) e.getValue().stream().filter(CatalogObject::isHasTemplate).count();
            classes.add(new ClassSummary(e.getKey(), "static/meshes/" + e.getKey(), objects, templates,
                    percent(templates, objects)));
            totalObjects += objects;
            totalTemplates += templates;
        }
        return new ClassListResponse(classes, classes.size(), totalObjects, totalTemplates,
                percent(totalTemplates, totalObjects));
    }

    /**
     * @param statusFilter {@code ready} or {@code needs_template}, or null for all
     */
    @Cacheable(cacheNames = CLASS_CACHE, key = "#className + '|' + #statusFilter")
    @Transactional(readOnly = true)
    public ClassObjectsResponse listObjects(String className, String statusFilter) {
        StaticDirectory.requireSafeName(className, "class_name");
        List<CatalogObject> all = repository.findByClassNameOrderByObjectNameAsc(className);
        if (all.isEmpty()) {
            throw ApiException.notFound("class_name", "no object class '" + className + "' in static/meshes/");
        }
        int templates = (int) all.stream().filter(CatalogObject::isHasTemplate).count();
        List<ObjectSummary> objects = all.stream()
                .filter(o -> statusFilter == null || statusFilter.equals(o.getStatus()))
                .map(ObjectCatalog::toSummary)
                .toList();
        return new ClassObjectsResponse(className, objects, all.size(), templates, percent(templates, all.size()));
    }

    @Cacheable(cacheNames = DETAIL_CACHE, key = "#className + '/' + #objectName")
    @Transactional(readOnly = true)
    public ObjectDetail getObject(String className, String objectName) {
        StaticDirectory.requireSafeName(className, "class_name");
        StaticDirectory.requireSafeName(objectName, "object_name");
        CatalogObject o = repository.findByClassNameAndObjectName(className, objectName).orElseThrow(() ->
                repository.existsByClassName(className)
                        ? ApiException.notFound("object_name",
                                "no object '" + objectName + "' in class '" + className + "'")
                        : ApiException.notFound("class_name", "no object class '" + className + "'"));
        return new ObjectDetail(o.getObjectName(), o.getClassName(),
                new ObjectDetail.CadInfo(o.getCadFile(), o.getCadPath(), o.getCadFormat(), o.getCadSizeBytes(),
                        o.getCadLastModified()),
                new ObjectDetail.TemplateInfo(o.isHasTemplate(), o.getTemplatePath(),
                        new ObjectDetail.TemplateFiles(o.getTemplateMaskCount(), o.getTemplateRgbCount(),
                                o.getTemplateXyzCount()),
                        o.getTemplateLastGenerated()),
                o.getStatus());
    }

    private static ObjectSummary toSummary(CatalogObject o) {
        return new ObjectSummary(o.getObjectName(), o.getCadFile(), o.getCadPath(), o.getTemplatePath(),
                o.isHasTemplate(), new TemplateFileCounts(o.getTemplateMaskCount(), o.getTemplateRgbCount(),
                        o.getTemplateXyzCount()),
                o.getStatus(), o.getUpdatedAt());
    }

    /** Percentage with one decimal, 0 for an empty set. */
    static double percent(int part, int whole) {
        return whole == 0 ? 0.0 : Math.round(1000.0 * part / whole) / 10.0;
    }
}
