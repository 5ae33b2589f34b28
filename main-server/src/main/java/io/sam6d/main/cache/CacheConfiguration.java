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
import org.springframework.boot.autoconfigure.data.redis.RedisProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.serializer.Jackson2JsonRedisSerializer;
import org.springframework.data.redis.serializer.RedisSerializationContext;

/**
 * Caches of API answers. Redis when {@code spring.data.redis.url} ({@code REDIS_URL}) is set: several main-server
 * instances share entries and evictions; otherwise in-process Caffeine, so the one-command start needs no Redis.
 * Either way every cache is a {@link ResilientCache}: a store that fails is bypassed, never a 5xx.
 */
@Configuration
@EnableCaching
@EnableConfigurationProperties(RedisProperties.class)
class CacheConfiguration {

    /** The {@code cache} health component. */
    @Bean
    CacheHealth cacheHealthIndicator(@Value("${spring.data.redis.url:}") String redisUrl,
            @Value("${sam6d.cache.enabled}") boolean enabled,
            @Value("${sam6d.cache.retry-after-ms}") long retryMs, Clock clock) {
        String store = !enabled ? "none" : redisUrl.isBlank() ? "caffeine" : "redis";
        return new CacheHealth(store, Duration.ofMillis(retryMs), clock);
    }

    @Bean
    CacheManager cacheManager(List<CacheSpec> specs, CacheHealth health, MeterRegistry registry, ObjectMapper json,
            RedisProperties redis, @Value("${sam6d.cache.redis-key-prefix}") String prefix,
            @Value("${sam6d.cache.max-entries}") long maxEntries,
            @Value("${sam6d.cache.enabled}") boolean enabled) {
        Map<String, Cache> caches = new ConcurrentHashMap<>();
        if (!enabled) {
            for (CacheSpec s : specs) {
                caches.put(s.name(), new ResilientCache(new NoOpCache(s.name()), health, registry));
            }
        } else if (redis.getUrl() == null || redis.getUrl().isBlank()) {
            for (CacheSpec s : specs) {
                caches.put(s.name(), new ResilientCache(new CaffeineCache(s.name(), Caffeine.newBuilder()
                        .expireAfterWrite(s.ttl()).maximumSize(maxEntries).build(), false), health, registry));
            }
        } else {
            RedisCacheManager manager = redisCacheManager(specs, json, redisConnectionFactory(redis), prefix);
            for (CacheSpec s : specs) {
                RedisCache c = (RedisCache) manager.getCache(s.name());
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

    /**
     * A client for {@code spring.data.redis.url}, parsed by Spring Data Redis ({@code redis://[:password@]host:port[/db]},
     * {@code rediss://} for TLS), with {@code spring.data.redis.timeout} and {@code connect-timeout}. While Redis is
     * down, commands fail at once (the cache is bypassed) and the client reconnects in the background. Built here,
     * not by Boot's auto-configuration, so that no Redis client exists when no URL is set.
     */
    private static RedisConnectionFactory redisConnectionFactory(RedisProperties redis) {
        RedisConfiguration conf = LettuceConnectionFactory.createRedisConfiguration(redis.getUrl());
        LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
                .commandTimeout(redis.getTimeout())
                .clientOptions(ClientOptions.builder().autoReconnect(true)
                        .socketOptions(SocketOptions.builder().connectTimeout(redis.getConnectTimeout()).build())
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build());
        if (redis.getUrl().startsWith("rediss:")) {
            client.useSsl();
        }
        LettuceConnectionFactory factory = new LettuceConnectionFactory(conf, client.build());
        factory.setValidateConnection(false);
        factory.afterPropertiesSet();
        factory.start();
        return factory;
    }

    private static RedisCacheManager redisCacheManager(List<CacheSpec> specs, ObjectMapper json,
            RedisConnectionFactory factory, String prefix) {
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
}
