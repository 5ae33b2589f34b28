package io.sam6d.main.cache;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.SocketOptions;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.cache.support.NoOpCache;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.cache.RedisCache;
import org.springframework.data.redis.cache.RedisCacheConfiguration;
import org.springframework.data.redis.cache.RedisCacheManager;
import org.springframework.data.redis.cache.RedisCacheWriter;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.Jackson2JsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;

/**
 * Caches of API answers. Redis when {@code REDIS_URL} is set (several main-server instances share entries and
 * evictions), otherwise in-process Caffeine, so the one-command start needs no Redis. Either way every cache is a
 * {@link ResilientCache}: a store that fails is bypassed, never a 5xx.
 */
@Configuration
@EnableCaching
class CacheConfiguration {

    /** The {@code cache} health component. */
    @Bean
    CacheHealth cacheHealthIndicator(@Value("${sam6d.cache.redis-url:}") String redisUrl,
            @Value("${sam6d.cache.enabled}") boolean enabled,
            @Value("${sam6d.cache.retry-after-ms}") long retryMs, Clock clock) {
        String store = !enabled ? "none" : redisUrl.isBlank() ? "caffeine" : "redis";
        return new CacheHealth(store, Duration.ofMillis(retryMs), clock);
    }

    @Bean
    CacheManager cacheManager(List<CacheSpec> specs, CacheHealth health, MeterRegistry registry, ObjectMapper json,
            @Value("${sam6d.cache.redis-url:}") String redisUrl,
            @Value("${sam6d.cache.redis-timeout-ms}") long timeoutMs,
            @Value("${sam6d.cache.redis-key-prefix}") String prefix,
            @Value("${sam6d.cache.max-entries}") long maxEntries,
            @Value("${sam6d.cache.enabled}") boolean enabled) {
        Map<String, Cache> caches = new ConcurrentHashMap<>();
        if (!enabled) {
            for (CacheSpec s : specs) {
                caches.put(s.name(), new ResilientCache(new NoOpCache(s.name()), health, registry));
            }
        } else if (redisUrl.isBlank()) {
            for (CacheSpec s : specs) {
                caches.put(s.name(), new ResilientCache(new CaffeineCache(s.name(), Caffeine.newBuilder()
                        .expireAfterWrite(s.ttl()).maximumSize(maxEntries).build(), false), health, registry));
            }
        } else {
            RedisCacheManager redis = redisCacheManager(specs, json, redisUrl, Duration.ofMillis(timeoutMs), prefix);
            for (CacheSpec s : specs) {
                RedisCache c = (RedisCache) redis.getCache(s.name());
                caches.put(s.name(), new ResilientCache(c, health, registry));
            }
        }
        health.onRecovery(() -> caches.values().forEach(Cache::clear));
        return new CacheManager() {
            @Override
            public Cache getCache(String name) {
                return caches.get(name);
            }

            @Override
            public Collection<String> getCacheNames() {
                return caches.keySet();
            }
        };
    }

    private static RedisCacheManager redisCacheManager(List<CacheSpec> specs, ObjectMapper json, String url,
            Duration timeout, String prefix) {
        RedisConfiguration conf = redisConfiguration(url);
        LettuceClientConfiguration client = LettuceClientConfiguration.builder().commandTimeout(timeout)
                .clientOptions(ClientOptions.builder().socketOptions(SocketOptions.builder().connectTimeout(timeout)
                        .build()).autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                .build();
        LettuceConnectionFactory factory = new LettuceConnectionFactory(conf, client);
        factory.setValidateConnection(false);
        factory.afterPropertiesSet();
        factory.start();
        RedisCacheManager.RedisCacheManagerBuilder b = RedisCacheManager.builder(
                RedisCacheWriter.nonLockingRedisCacheWriter(factory));
        for (CacheSpec s : specs) {
            b.withCacheConfiguration(s.name(), RedisCacheConfiguration.defaultCacheConfig().entryTtl(s.ttl())
                    .disableCachingNullValues().prefixCacheNameWith(prefix)
                    .serializeValuesWith(RedisSerializationContext.SerializationPair.fromSerializer(
                            new Jackson2JsonRedisSerializer<>(json, s.valueType()))));
        }
        RedisCacheManager manager = b.build();
        manager.afterPropertiesSet();
        return manager;
    }

    /** {@code redis://[:password@]host:port[/db]}. */
    static RedisStandaloneConfiguration redisConfiguration(String url) {
        java.net.URI u = java.net.URI.create(url);
        RedisStandaloneConfiguration c = new RedisStandaloneConfiguration(u.getHost(),
                u.getPort() < 0 ? 6379 : u.getPort());
        if (u.getUserInfo() != null) {
            String info = u.getUserInfo();
            c.setPassword(info.contains(":") ? info.substring(info.indexOf(':') + 1) : info);
        }
        if (u.getPath() != null && u.getPath().length() > 1) {
            c.setDatabase(Integer.parseInt(u.getPath().substring(1)));
        }
        return c;
    }

}
