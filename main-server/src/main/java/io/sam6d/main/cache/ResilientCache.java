package io.sam6d.main.cache;

import java.util.concurrent.Callable;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.cache.Cache;
import org.springframework.cache.support.SimpleValueWrapper;

/**
 * Wraps a cache so that a failing store (Redis down) never fails a request: reads become misses and writes no-ops
 * while {@link CacheHealth} says the store is unavailable; every hit, miss, put, eviction and error is counted as
 * {@code sam6d.cache.*} on the metrics registry.
 */
final class ResilientCache implements Cache {

    private final Cache delegate;
    private final CacheHealth health;
    private final Counter hits;
    private final Counter misses;
    private final Counter puts;
    private final Counter evictions;

    ResilientCache(Cache delegate, CacheHealth health, MeterRegistry registry) {
        this.delegate = delegate;
        this.health = health;
        String name = delegate.getName();
        this.hits = Counter.builder("sam6d.cache.gets").tag("cache", name).tag("result", "hit").register(registry);
        this.misses = Counter.builder("sam6d.cache.gets").tag("cache", name).tag("result", "miss").register(registry);
        this.puts = Counter.builder("sam6d.cache.puts").tag("cache", name).register(registry);
        this.evictions = Counter.builder("sam6d.cache.evictions").tag("cache", name).register(registry);
    }

    @Override
    public String getName() {
        return delegate.getName();
    }

    @Override
    public Object getNativeCache() {
        return delegate.getNativeCache();
    }

    @Override
    public ValueWrapper get(Object key) {
        if (!health.available()) {
            misses.increment();
            return null;
        }
        try {
            ValueWrapper v = delegate.get(key);
            health.succeeded();
            (v == null ? misses : hits).increment();
            return v;
        } catch (RuntimeException e) {
            health.failed(e);
            misses.increment();
            return null;
        }
    }

    @Override
    public <T> T get(Object key, Class<T> type) {
        ValueWrapper v = get(key);
        return v == null ? null : type.cast(v.get());
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T get(Object key, Callable<T> valueLoader) {
        ValueWrapper v = get(key);
        if (v != null) {
            return (T) v.get();
        }
        try {
            T value = valueLoader.call();
            put(key, value);
            return value;
        } catch (Exception e) {
            throw new ValueRetrievalException(key, valueLoader, e);
        }
    }

    @Override
    public void put(Object key, Object value) {
        if (!health.available()) {
            return;
        }
        try {
            delegate.put(key, value);
            puts.increment();
            health.succeeded();
        } catch (RuntimeException e) {
            health.failed(e);
        }
    }

    @Override
    public void evict(Object key) {
        try {
            delegate.evict(key);
            evictions.increment();
        } catch (RuntimeException e) {
            health.failed(e); // missed: the store is cleared when it comes back
        }
    }

    @Override
    public void clear() {
        try {
            delegate.clear();
            evictions.increment();
        } catch (RuntimeException e) {
            health.failed(e);
        }
    }

    static ValueWrapper wrap(Object value) {
        return new SimpleValueWrapper(value);
    }
}
