package io.sam6d.ism.segment;

import io.micrometer.core.instrument.MeterRegistry;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.models.PreloadHealth;
import io.sam6d.support.models.PreparedModelCache;
import io.sam6d.vision.model.EngineLoader;
import io.sam6d.vision.segmentation.Segmenter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

@Configuration
@EnableConfigurationProperties(IsmSettings.class)
class IsmConfiguration {

    /** The engine named by {@code sam6d.ism.engine}; start-up fails with the available names when it is unknown. */
    @Bean
    Segmenter segmenter(IsmSettings settings) {
        return EngineLoader.load(Segmenter.class, settings.engine(), Segmenter::name);
    }

    @Bean
    PreparedModelCache templateCache(Segmenter engine, IsmSettings settings, MeterRegistry registry) {
        return PreparedModelCache.forEngine("ism", settings.maxCacheSize(), engine::prepare, registry);
    }

    /** Registered as the {@code segmentation} health component. */
    @Bean
    PreloadHealth segmentation(Segmenter engine, PreparedModelCache cache) {
        return new PreloadHealth(engine.name(), cache);
    }

    @EventListener(ApplicationReadyEvent.class)
    void preload(ApplicationReadyEvent event) {
        var ctx = event.getApplicationContext();
        IsmSettings settings = ctx.getBean(IsmSettings.class);
        if (settings.preloadClass() != null && !settings.preloadClass().isBlank()) {
            PreparedModelCache cache = ctx.getBean(PreparedModelCache.class);
            StaticDirectory staticDir = ctx.getBean(StaticDirectory.class);
            ctx.getBean(PreloadHealth.class).preloadInBackground("class '" + settings.preloadClass() + "'",
                    () -> cache.preloadClass(staticDir, settings.preloadClass()));
        }
    }
}
