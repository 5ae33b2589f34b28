package io.sam6d.support.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

import io.sam6d.support.files.StaticDirectory;
import io.sam6d.vision.model.EngineLoader;

/**
 * Start-up of a model-backed stage (ISM, PEM): which engine serves it, the TorchScript load with errors that name the
 * setting at fault, and the optional preload of a class. The servers differ only in the engine type and the
 * TorchScript configuration they build.
 */
public final class StageEngines {

    /** The settings every stage has ({@code sam6d.<stage>.*}); the servers' settings records implement it. */
    public interface StageSettings {
        String engine();

        String modelPath();

        String device();

        String djlCacheDir();

        String preloadClass();
    }

    /** The engine chosen at start-up and what its health component says about it. */
    public record ChosenEngine<E>(E engine, Map<String, Object> details) {
    }

    /**
     * How a TorchScript engine is loaded; each step's failure is blamed on its own setting.
     *
     * @param checkDevice   throws IllegalArgumentException when the device is not {@code cpu}, {@code gpu:N}, ...
     * @param checkSettings throws IllegalArgumentException when another setting is out of range
     * @param load          loads the model (unpacking libtorch first when needed)
     * @param details       what the health component shows: engine, device, load time, contract
     */
    public record TorchScriptLoad<E>(Runnable checkDevice, Runnable checkSettings, Supplier<E> load,
            Function<E, Map<String, Object>> details) {
    }

    private StageEngines() {
    }

    /**
     * The weight-free engine, or the TorchScript engine when {@code sam6d.<stage>.model-path} is set (or
     * {@code sam6d.<stage>.engine=djl}). Start-up fails with an {@link EngineSetupException} naming the setting when
     * the engine is unknown or the model file is missing, corrupt or off the stage's tensor contract.
     *
     * @param stage        {@code ism} or {@code pem}
     * @param modelFailure the exception type the TorchScript loader throws for an unusable model file
     */
    public static <E> ChosenEngine<E> choose(String stage, StageSettings settings, Class<E> type,
            Function<E, String> nameOf, Class<? extends RuntimeException> modelFailure,
            Supplier<TorchScriptLoad<? extends E>> torchScript) {
        String name = EngineChoice.resolve(settings.engine(), settings.modelPath(), setting(stage, "engine"),
                setting(stage, "model-path"));
        long start = System.nanoTime();
        if (name.equals(EngineChoice.DJL)) {
            return loadTorchScript(stage, torchScript.get(), modelFailure);
        }
        E engine;
        try {
            engine = EngineLoader.load(type, name, nameOf);
        } catch (IllegalArgumentException e) {
            throw new EngineSetupException(setting(stage, "engine"), e.getMessage(), e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("engine", nameOf.apply(engine));
        details.put("device", "cpu");
        details.put("load_time_ms", (System.nanoTime() - start) / 1_000_000);
        return new ChosenEngine<>(engine, details);
    }

    private static <E, D extends E> ChosenEngine<E> loadTorchScript(String stage, TorchScriptLoad<D> load,
            Class<? extends RuntimeException> modelFailure) {
        try {
            load.checkDevice().run();
        } catch (IllegalArgumentException e) {
            throw new EngineSetupException(setting(stage, "device"), e.getMessage(), e);
        }
        try {
            load.checkSettings().run();
        } catch (IllegalArgumentException e) {
            throw new EngineSetupException("sam6d." + stage + ".*", e.getMessage(), e);
        }
        D engine;
        try {
            engine = load.load().get();
        } catch (RuntimeException e) {
            if (modelFailure.isInstance(e)) {
                throw new EngineSetupException(setting(stage, "model-path"), e.getMessage(), e);
            }
            throw e;
        }
        return new ChosenEngine<>(engine, load.details().apply(engine));
    }

    /**
     * Starts preloading in the background what {@code sam6d.<stage>.preload-class} ({@code ISM_PRELOAD_TEMPLATES},
     * {@code PEM_PRELOAD_TEMPLATES}) asks for: {@code true} every class under {@code static/meshes/}, {@code false}
     * or empty none, otherwise a comma-separated list of classes. A class that cannot be preloaded is logged and
     * shown in health; it never makes the server DOWN (its objects are prepared on first use instead).
     */
    public static void preloadIfAsked(StageSettings settings, PreloadHealth health, PreparedModelCache cache,
            StaticDirectory staticDir) {
        String setting = settings.preloadClass() == null ? "" : settings.preloadClass().trim();
        boolean all = setting.equalsIgnoreCase("true") || setting.equals("*");
        if (setting.isEmpty() || setting.equalsIgnoreCase("false")) {
            return;
        }
        health.preloadInBackground(all ? "every class" : "class(es) " + setting, () -> {
            List<String> classes = all ? classes(staticDir)
                    : Arrays.stream(setting.split(",")).map(String::trim).filter(c -> !c.isEmpty()).toList();
            List<String> problems = new ArrayList<>();
            int objects = 0;
            for (String cls : classes) {
                try {
                    objects += cache.preloadClass(staticDir, cls);
                } catch (RuntimeException e) {
                    problems.add("class '" + cls + "': " + e.getMessage());
                }
            }
            return new PreloadHealth.Outcome(objects, problems);
        });
    }

    /** The classes under {@code static/meshes/}, sorted. */
    private static List<String> classes(StaticDirectory staticDir) {
        if (!Files.isDirectory(staticDir.meshes())) {
            return List.of();
        }
        try (Stream<Path> dirs = Files.list(staticDir.meshes())) {
            return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + staticDir.meshes(), e);
        }
    }

    /** A setting as users write it: {@code ISM_MODEL_PATH (sam6d.ism.model-path)}. */
    static String setting(String stage, String key) {
        String env = (stage + "_" + key).toUpperCase(Locale.ROOT).replace('-', '_');
        return env + " (sam6d." + stage + "." + key + ")";
    }
}
