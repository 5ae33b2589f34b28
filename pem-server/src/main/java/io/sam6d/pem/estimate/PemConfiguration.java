package io.sam6d.pem.estimate;

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
import io.sam6d.vision.djl.ConfigTorchScript;
import io.sam6d.vision.djl.ModelSetupException;
import io.sam6d.vision.djl.TorchRuntime;
import io.sam6d.vision.djl.pose.ConfigPemTorchScript;
import io.sam6d.vision.djl.pose.DjlPoseEstimator;
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

    static final String ENGINE_SETTING = "PEM_ENGINE (sam6d.pem.engine)";
    static final String MODEL_SETTING = "PEM_MODEL_PATH (sam6d.pem.model-path)";
    static final String DEVICE_SETTING = "PEM_DEVICE (sam6d.pem.device)";

    /** The engine chosen at start-up and what health says about it. */
    record ChosenEngine(PoseEstimator estimator, Map<String, Object> details) {
    }

    /**
     * The weight-free engine, or the TorchScript engine when {@code sam6d.pem.model-path} is set (or
     * {@code sam6d.pem.engine=djl}). Start-up fails with a message naming the setting when the engine is unknown or
     * the model file is missing, corrupt or off the {@code sam6d-pem/1} contract.
     */
    @Bean
    ChosenEngine chosenPoseEstimator(PemSettings settings) {
        String name = EngineChoice.resolve(settings.engine(), settings.modelPath(), ENGINE_SETTING, MODEL_SETTING);
        long start = System.nanoTime();
        if (name.equals(EngineChoice.DJL)) {
            DjlPoseEstimator djl = loadTorchScript(settings);
            return new ChosenEngine(djl, djl.info().details());
        }
        PoseEstimator engine;
        try {
            engine = EngineLoader.load(PoseEstimator.class, name, PoseEstimator::name);
        } catch (IllegalArgumentException e) {
            throw new EngineSetupException(ENGINE_SETTING, e.getMessage(), e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("engine", engine.name());
        details.put("device", "cpu");
        details.put("load_time_ms", (System.nanoTime() - start) / 1_000_000);
        return new ChosenEngine(engine, details);
    }

    private static DjlPoseEstimator loadTorchScript(PemSettings settings) {
        ConfigPemTorchScript cfg = new ConfigPemTorchScript();
        cfg.modelPath = Path.of(settings.modelPath().trim());
        cfg.device = settings.device();
        cfg.predictors = settings.predictors();
        cfg.observedPoints = settings.observedPoints();
        cfg.modelPoints = settings.modelPoints();
        try {
            ConfigTorchScript.checkDevice(cfg.device);
        } catch (IllegalArgumentException e) {
            throw new EngineSetupException(DEVICE_SETTING, e.getMessage(), e);
        }
        try {
            cfg.checkValidity();
        } catch (IllegalArgumentException e) {
            throw new EngineSetupException("sam6d.pem.*", e.getMessage(), e);
        }
        if (settings.djlCacheDir() != null && !settings.djlCacheDir().isBlank()) {
            TorchRuntime.configure(Path.of(settings.djlCacheDir().trim()));
        }
        try {
            return DjlPoseEstimator.load(cfg);
        } catch (ModelSetupException e) {
            throw new EngineSetupException(MODEL_SETTING, e.getMessage(), e);
        }
    }

    /** Closed at shutdown (TorchScript engines free their native memory). */
    @Bean
    PoseEstimator poseEstimator(ChosenEngine chosen) {
        return chosen.estimator();
    }

    /** Registered as the {@code engine} health component: which engine, device, load time. */
    @Bean
    EngineHealth engine(ChosenEngine chosen) {
        return new EngineHealth(chosen.details());
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
