package io.sam6d.main.cache;

import java.time.Duration;

/**
 * One named cache of API answers: how long an entry may live at most (evictions on change keep it correct; the TTL
 * is a safety net) and the type of its values (for Redis' JSON serialisation). Declare one as a bean to add a cache.
 */
public record CacheSpec(String name, Duration ttl, Class<?> valueType) {
}
