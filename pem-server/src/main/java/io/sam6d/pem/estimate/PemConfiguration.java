package io.sam6d.pem.estimate;

import java.nio.file.Path;

import io.micrometer.core.instrument.MeterRegistry;
import io.sam6d.support.admission.AdmissionConfiguration;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.models.EngineHealth;
import io.sam6d.support.models.PreloadHealth;
import io.sam6d.support.models.PreparedModelCache;
import io.sam6d.support.models.StageEngines;
import io.sam6d.support.models.StageEngines.ChosenEngine;
import io.sam6d.support.models.StageEngines.TorchScriptLoad;
import io.sam6d.vision.djl.ConfigTorchScript;
import io.sam6d.vision.djl.ModelSetupException;
import io.sam6d.vision.djl.TorchRuntime;
import io.sam6d.vision.djl.pose.ConfigPemTorchScript;
import io.sam6d.vision.djl.pose.DjlPoseEstimator;
import io.sam6d.vision.pose.PoseEstimator;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

@Configuration
@EnableConfigurationProperties(PemSettings.class)
@Import(AdmissionConfiguration.class)
class PemConfiguration {

    /** Weight-free, or the TorchScript engine on the {@code sam6d-pem/1} contract (see {@link StageEngines#choose}). */
    @Bean
    ChosenEngine<PoseEstimator> chosenPoseEstimator(PemSettings settings) {
        return StageEngines.choose("pem", settings, PoseEstimator.class, PoseEstimator::name,
                ModelSetupException.class, () -> {
                    ConfigPemTorchScript cfg = new ConfigPemTorchScript();
                    cfg.modelPath = Path.of(settings.modelPath().trim());
                    cfg.device = settings.device();
                    cfg.predictors = settings.predictors();
                    cfg.observedPoints = settings.observedPoints();
                    cfg.modelPoints = settings.modelPoints();
                    return new TorchScriptLoad<DjlPoseEstimator>(() -> ConfigTorchScript.checkDevice(cfg.device),
                            cfg::checkValidity, () -> {
                                TorchRuntime.configureFromSetting(settings.djlCacheDir());
                                return DjlPoseEstimator.load(cfg);
                            }, djl -> djl.info().details());
                });
    }

    /** Closed at shutdown (TorchScript engines free their native memory). */
    @Bean
    PoseEstimator poseEstimator(ChosenEngine<PoseEstimator> chosen) {
        return chosen.engine();
    }

    /** Registered as the {@code engine} health component: which engine, device, load time, GPU memory. */
    @Bean
    EngineHealth engine(ChosenEngine<PoseEstimator> chosen) {
        String device = String.valueOf(chosen.details().get("device"));
        return new EngineHealth(chosen.details(), () -> TorchRuntime.gpuMemoryDetails(device));
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
        StageEngines.preloadIfAsked(ctx.getBean(PemSettings.class), ctx.getBean(PreloadHealth.class),
                ctx.getBean(PreparedModelCache.class), ctx.getBean(StaticDirectory.class));
    }
}
