package io.sam6d.main.objects;

import java.time.Duration;

import io.sam6d.main.cache.CacheSpec;
import io.sam6d.model.objects.ClassListResponse;
import io.sam6d.model.objects.ClassObjectsResponse;
import io.sam6d.model.objects.ObjectDetail;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The object API's caches; a rescan that changes anything clears them (ObjectCatalog.evictAnswers). */
@Configuration
class ObjectCaches {

    @Bean
    CacheSpec classesCache(@Value("${sam6d.cache.objects-ttl-s}") long ttl) {
        return new CacheSpec(ObjectCatalog.CLASSES_CACHE, Duration.ofSeconds(ttl), ClassListResponse.class);
    }

    @Bean
    CacheSpec classCache(@Value("${sam6d.cache.objects-ttl-s}") long ttl) {
        return new CacheSpec(ObjectCatalog.CLASS_CACHE, Duration.ofSeconds(ttl), ClassObjectsResponse.class);
    }

    @Bean
    CacheSpec detailCache(@Value("${sam6d.cache.objects-ttl-s}") long ttl) {
        return new CacheSpec(ObjectCatalog.DETAIL_CACHE, Duration.ofSeconds(ttl), ObjectDetail.class);
    }
}
