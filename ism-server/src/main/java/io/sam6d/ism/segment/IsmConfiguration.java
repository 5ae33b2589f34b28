package io.sam6d.ism.segment;

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
import io.sam6d.vision.djl.segmentation.ConfigIsmTorchScript;
import io.sam6d.vision.djl.segmentation.TorchScriptSegmenter;
import io.sam6d.vision.segmentation.Segmenter;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

@Configuration
@EnableConfigurationProperties(IsmSettings.class)
@Import(AdmissionConfiguration.class)
class IsmConfiguration {

    /**
     * Weight-free, or a TorchScript engine: {@code sam6d-ism/2} (SAM-6D's networks, tools/export-sam6d) or
     * {@code sam6d-ism/1}, whichever the file follows (see {@link StageEngines#choose}).
     */
    @Bean
    ChosenEngine<Segmenter> chosenSegmenter(IsmSettings settings) {
        return StageEngines.choose("ism", settings, Segmenter.class, Segmenter::name, ModelSetupException.class,
                () -> {
                    ConfigIsmTorchScript cfg = new ConfigIsmTorchScript();
                    cfg.modelPath = Path.of(settings.modelPath().trim());
                    cfg.device = settings.device();
                    cfg.predictors = settings.predictors();
                    cfg.templateSize = settings.templateSize();
                    cfg.pointsPerSide = settings.pointsPerSide();
                    cfg.predIouThresh = settings.predIouThresh();
                    cfg.stabilityScoreThresh = settings.stabilityScoreThresh();
                    cfg.semanticThresh = settings.semanticThresh();
                    return new TorchScriptLoad<TorchScriptSegmenter>(() -> ConfigTorchScript.checkDevice(cfg.device),
                            cfg::checkValidity, () -> {
                                TorchRuntime.configureFromSetting(settings.djlCacheDir());
                                return TorchScriptSegmenter.load(cfg);
                            }, djl -> djl.info().details());
                });
    }

    /** Closed at shutdown (TorchScript engines free their native memory). */
    @Bean
    Segmenter segmenter(ChosenEngine<Segmenter> chosen) {
        return chosen.engine();
    }

    /** Registered as the {@code engine} health component: which engine, device, load time, GPU memory. */
    @Bean
    EngineHealth engine(ChosenEngine<Segmenter> chosen) {
        String device = String.valueOf(chosen.details().get("device"));
        return new EngineHealth(chosen.details(), () -> TorchRuntime.gpuMemoryDetails(device));
    }

    @Bean
    PreparedModelCache templateCache(Segmenter engine, IsmSettings settings, MeterRegistry registry) {
        return PreparedModelCache.forEngine("ism", settings.maxCacheSize(), model -> {
            try {
                return engine.prepare(model);
            } catch (ObjectNotUsableException e) {
                throw ApiException.unprocessable("object_name", e.getMessage());
            }
        }, registry);
    }

    /** Registered as the {@code segmentation} health component. */
    @Bean
    PreloadHealth segmentation(Segmenter engine, PreparedModelCache cache) {
        return new PreloadHealth(engine.name(), cache);
    }

    @EventListener(ApplicationReadyEvent.class)
    void preload(ApplicationReadyEvent event) {
        var ctx = event.getApplicationContext();
        StageEngines.preloadIfAsked(ctx.getBean(IsmSettings.class), ctx.getBean(PreloadHealth.class),
                ctx.getBean(PreparedModelCache.class), ctx.getBean(StaticDirectory.class));
    }
}
