package io.sam6d.ism.segment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.models.EngineChoice;
import io.sam6d.support.models.EngineHealth;
import io.sam6d.support.models.EngineSetupException;
import io.sam6d.support.models.PreloadHealth;
import io.sam6d.support.models.PreparedModelCache;
import io.sam6d.support.web.ApiException;
import io.sam6d.vision.djl.ConfigTorchScript;
import io.sam6d.vision.djl.ModelSetupException;
import io.sam6d.vision.djl.ObjectNotUsableException;
import io.sam6d.vision.djl.TorchRuntime;
import io.sam6d.vision.djl.segmentation.ConfigIsmTorchScript;
import io.sam6d.vision.djl.segmentation.DjlSegmenter;
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

    static final String ENGINE_SETTING = "ISM_ENGINE (sam6d.ism.engine)";
    static final String MODEL_SETTING = "ISM_MODEL_PATH (sam6d.ism.model-path)";
    static final String DEVICE_SETTING = "ISM_DEVICE (sam6d.ism.device)";

    /** The engine chosen at start-up and what health says about it. */
    record ChosenEngine(Segmenter segmenter, Map<String, Object> details) {
    }

    /**
     * The weight-free engine, or the TorchScript engine when {@code sam6d.ism.model-path} is set (or
     * {@code sam6d.ism.engine=djl}). Start-up fails with a message naming the setting when the engine is unknown or
     * the model file is missing, corrupt or off the {@code sam6d-ism/1} contract.
     */
    @Bean
    ChosenEngine chosenSegmenter(IsmSettings settings) {
        String name = EngineChoice.resolve(settings.engine(), settings.modelPath(), ENGINE_SETTING, MODEL_SETTING);
        long start = System.nanoTime();
        if (name.equals(EngineChoice.DJL)) {
            DjlSegmenter djl = loadTorchScript(settings);
            return new ChosenEngine(djl, djl.info().details());
        }
        Segmenter engine;
        try {
            engine = EngineLoader.load(Segmenter.class, name, Segmenter::name);
        } catch (IllegalArgumentException e) {
            throw new EngineSetupException(ENGINE_SETTING, e.getMessage(), e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("engine", engine.name());
        details.put("device", "cpu");
        details.put("load_time_ms", (System.nanoTime() - start) / 1_000_000);
        return new ChosenEngine(engine, details);
    }

    private static DjlSegmenter loadTorchScript(IsmSettings settings) {
        ConfigIsmTorchScript cfg = new ConfigIsmTorchScript();
        cfg.modelPath = Path.of(settings.modelPath().trim());
        cfg.device = settings.device();
        cfg.predictors = settings.predictors();
        cfg.templateSize = settings.templateSize();
        try {
            ConfigTorchScript.checkDevice(cfg.device);
        } catch (IllegalArgumentException e) {
            throw new EngineSetupException(DEVICE_SETTING, e.getMessage(), e);
        }
        try {
            cfg.checkValidity();
        } catch (IllegalArgumentException e) {
            throw new EngineSetupException("sam6d.ism.*", e.getMessage(), e);
        }
        if (settings.djlCacheDir() != null && !settings.djlCacheDir().isBlank()) {
            TorchRuntime.configure(Path.of(settings.djlCacheDir().trim()));
        }
        try {
            return DjlSegmenter.load(cfg);
        } catch (ModelSetupException e) {
            throw new EngineSetupException(MODEL_SETTING, e.getMessage(), e);
        }
    }

    /** Closed at shutdown (TorchScript engines free their native memory). */
    @Bean
    Segmenter segmenter(ChosenEngine chosen) {
        return chosen.segmenter();
    }

    /** Registered as the {@code engine} health component: which engine, device, load time. */
    @Bean
    EngineHealth engine(ChosenEngine chosen) {
        return new EngineHealth(chosen.details());
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
        IsmSettings settings = ctx.getBean(IsmSettings.class);
        if (settings.preloadClass() != null && !settings.preloadClass().isBlank()) {
            PreparedModelCache cache = ctx.getBean(PreparedModelCache.class);
            StaticDirectory staticDir = ctx.getBean(StaticDirectory.class);
            ctx.getBean(PreloadHealth.class).preloadInBackground("class '" + settings.preloadClass() + "'",
                    () -> cache.preloadClass(staticDir, settings.preloadClass()));
        }
    }
}
