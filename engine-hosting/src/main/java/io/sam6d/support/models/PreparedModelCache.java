package io.sam6d.support.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.stream.Stream;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.web.ApiException;
import io.sam6d.vision.io.MeshFormatException;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.ObjectModels;
import io.sam6d.vision.model.PreparedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Caffeine cache of what an engine prepared per object (template features, point-pair tables), thread-safe: at most
 * {@code maxEntries} objects (Caffeine's size eviction drops the least useful first), and concurrent requests for
 * the same missing entry load it once. An entry is reloaded when the modification times or sizes of its mesh or
 * template files change. Hits, misses, evictions and reloads are counted and exported to Micrometer as
 * {@code sam6d.model.cache.*} tagged with the cache name.
 */
public final class PreparedModelCache {

    private static final Logger log = LoggerFactory.getLogger(PreparedModelCache.class);

    private record Entry(PreparedModel model, String fingerprint) {
    }

    private final int maxEntries;
    private final Function<ObjectFiles, PreparedModel> loader;
    /** Futures, so that a load runs outside Caffeine's locks, on the thread that asked first. */
    private final AsyncCache<String, Entry> entries;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();
    private final AtomicLong reloads = new AtomicLong();

    /**
     * @param maxEntries objects kept at most
     * @param loader     builds the entry (reads the files, runs the engine's prepare); its exceptions propagate
     */
    public PreparedModelCache(String name, int maxEntries, Function<ObjectFiles, PreparedModel> loader,
            MeterRegistry registry) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("cache size must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.loader = loader;
        // eviction work on the calling thread: the size never lags behind a request
        this.entries = Caffeine.newBuilder().maximumSize(maxEntries).executor(Runnable::run).recordStats()
                .buildAsync();
        if (registry != null) {
            Gauge.builder("sam6d.model.cache.size", this, PreparedModelCache::size).tag("cache", name)
                    .register(registry);
            Gauge.builder("sam6d.model.cache.hits", hits, AtomicLong::get).tag("cache", name).register(registry);
            Gauge.builder("sam6d.model.cache.misses", misses, AtomicLong::get).tag("cache", name).register(registry);
            Gauge.builder("sam6d.model.cache.evictions", this, PreparedModelCache::evictions).tag("cache", name)
                    .register(registry);
        }
    }

    /**
     * A cache whose entries an engine prepares from the object's files: the mesh is read (mm), the diameter and
     * symmetries taken from a {@code models_info.json} beside it when there is one, and the engine's prepare run.
     * A mesh that cannot be used answers 422 naming {@code object_name}.
     */
    public static PreparedModelCache forEngine(String name, int maxEntries,
            Function<ObjectModel, PreparedModel> prepare, MeterRegistry registry) {
        return new PreparedModelCache(name, maxEntries, files -> {
            long start = System.nanoTime();
            try {
                PreparedModel prepared = prepare.apply(ObjectModels.load(files.objectName(), files.mesh(),
                        files.templateDir(), 1.0));
                log.info("{}: prepared {}/{} in {} ms", name, files.className(), files.objectName(),
                        (System.nanoTime() - start) / 1_000_000);
                return prepared;
            } catch (MeshFormatException e) {
                throw ApiException.unprocessable("object_name", "the mesh of '" + files.objectName()
                        + "' cannot be used: " + e.getMessage());
            }
        }, registry);
    }

    /** Prepares every object of a class now (start-up preloading); returns how many. */
    public int preloadClass(StaticDirectory staticDir, String className) {
        List<ObjectFiles> all = ObjectFiles.listClass(staticDir, className, "preload class");
        all.forEach(this::get);
        return all.size();
    }

    /**
     * The prepared model for these files, loading or reloading it when needed. A hit is a current entry found at
     * once; every other request is a miss (it loads, waits for another request's load, or reloads).
     */
    public PreparedModel get(ObjectFiles files) {
        String key = files.className() + "/" + files.objectName();
        String fingerprint = fingerprint(files);
        CompletableFuture<Entry> cached = entries.getIfPresent(key);
        if (cached != null && cached.isDone() && !cached.isCompletedExceptionally()
                && cached.join().fingerprint().equals(fingerprint)) {
            hits.incrementAndGet();
            return cached.join().model();
        }
        misses.incrementAndGet();
        for (int attempt = 0; ; attempt++) {
            CompletableFuture<Entry> mine = new CompletableFuture<>();
            CompletableFuture<Entry> f = entries.get(key, (k, executor) -> mine);
            if (f == mine) {
                load(files, fingerprint, mine);
            }
            Entry e = join(f);
            if (e.fingerprint().equals(fingerprint) || attempt == 2) {
                return e.model();
            }
            // prepared from files that have changed since: drop it (once, whoever notices first) and load again
            if (entries.asMap().remove(key, f)) {
                reloads.incrementAndGet();
            }
            fingerprint = fingerprint(files);
        }
    }

    private void load(ObjectFiles files, String fingerprint, CompletableFuture<Entry> into) {
        try {
            into.complete(new Entry(loader.apply(files), fingerprint));
        } catch (RuntimeException | Error e) {
            // Caffeine drops the failed entry; every request waiting on it gets the exception
            into.completeExceptionally(e);
        }
    }

    public int size() {
        entries.synchronous().cleanUp();
        return (int) entries.synchronous().estimatedSize();
    }

    private long evictions() {
        return entries.synchronous().stats().evictionCount();
    }

    public Map<String, Object> stats() {
        long h = hits.get(), m = misses.get();
        return Map.of("size", size(), "max_size", maxEntries, "hits", h, "misses", m,
                "hit_rate", h + m == 0 ? 0.0 : h / (double) (h + m), "evictions", evictions(),
                "reloads", reloads.get());
    }

    /** The cached objects ({@code class/object}), sorted. */
    public List<String> keys() {
        return entries.asMap().keySet().stream().sorted().toList();
    }

    private static Entry join(CompletableFuture<Entry> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    /** Sizes and modification times of the mesh and of every file in the template directory. */
    static String fingerprint(ObjectFiles files) {
        StringBuilder sb = new StringBuilder();
        append(sb, files.mesh());
        append(sb, files.mesh().resolveSibling("models_info.json"));
        if (Files.isDirectory(files.templateDir())) {
            try (Stream<Path> s = Files.list(files.templateDir())) {
                s.sorted().forEach(p -> append(sb, p));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            sb.append(p.getFileName()).append(':').append(a.size()).append(':')
                    .append(a.lastModifiedTime().toMillis()).append(';');
        } catch (IOException e) {
            sb.append(p.getFileName()).append(":-;");
        }
    }
}
