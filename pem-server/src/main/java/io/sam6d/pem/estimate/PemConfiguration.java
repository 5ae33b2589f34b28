package io.sam6d.pem.estimate;

import io.micrometer.core.instrument.MeterRegistry;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.models.PreloadHealth;
import io.sam6d.support.models.PreparedModelCache;
import io.sam6d.vision.model.EngineLoader;
import io.sam6d.vision.pose.PoseEstimator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

@Configuration
@EnableConfigurationProperties(PemSettings.class)
class PemConfiguration {

    /** The engine named by {@code sam6d.pem.engine}; start-up fails with the available names when it is unknown. */
    @Bean
    PoseEstimator poseEstimator(PemSettings settings) {
        return EngineLoader.load(PoseEstimator.class, settings.engine(), PoseEstimator::name);
    }

    @Bean
    PreparedModelCache modelCache(PoseEstimator engine, PemSettings settings, MeterRegistry registry) {
        return PreparedModelCache.forEngine("pem", settings.cacheMax(), engine::prepare, registry);
    }

    /** Registered as the {@code poseEstimation} health component. */
    @Bean
    PreloadHealth poseEstimation(PoseEstimator engine, PreparedModelCache cache) {
        return new PreloadHealth(engine.name(), cache);
    }

    @EventListener(ApplicationReadyEvent.class)
    void preload(ApplicationReadyEvent event) {
        var ctx = event.getApplicationContext();
        PemSettings settings = ctx.getBean(PemSettings.class);
        if (settings.preloadClass() != null && !settings.preloadClass().isBlank()) {
            PreparedModelCache cache = ctx.getBean(PreparedModelCache.class);
            StaticDirectory staticDir = ctx.getBean(StaticDirectory.class);
            ctx.getBean(PreloadHealth.class).preloadInBackground("class '" + settings.preloadClass() + "'",
                    () -> cache.preloadClass(staticDir, settings.preloadClass()));
        }
    }
}
