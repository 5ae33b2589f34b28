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
import io.sam6d.support.web.ApiException;
import io.sam6d.vision.djl.ConfigTorchScript;
import io.sam6d.vision.djl.ModelSetupException;
import io.sam6d.vision.djl.ObjectNotUsableException;
import io.sam6d.vision.djl.TorchRuntime;
import io.sam6d.vision.djl.pose.ConfigPemTorchScript;
import io.sam6d.vision.djl.pose.TorchScriptPoseEstimator;
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

    /**
     * Weight-free, or a TorchScript engine: {@code sam6d-pem/2} (SAM-6D's PEM, tools/export-sam6d) or
     * {@code sam6d-pem/1}, whichever the file follows (see {@link StageEngines#choose}).
     */
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
                    return new TorchScriptLoad<TorchScriptPoseEstimator>(
                            () -> ConfigTorchScript.checkDevice(cfg.device), cfg::checkValidity, () -> {
                                TorchRuntime.configureFromSetting(settings.djlCacheDir());
                                return TorchScriptPoseEstimator.load(cfg);
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
        return PreparedModelCache.forEngine("pem", settings.cacheMax(), model -> {
            try {
                return engine.prepare(model);
            } catch (ObjectNotUsableException e) {
                // sam6d-pem/2 computes the object's features from its templates
                throw ApiException.unprocessable("object_name", e.getMessage());
            }
        }, registry);
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
