package io.sam6d.vision.model;

import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds an engine ({@code Segmenter}, {@code PoseEstimator}) by its name among the implementations registered in
 * {@code META-INF/services}, so servers and the benchmark choose engines by a setting.
 */
public final class EngineLoader {

    private EngineLoader() {
    }

    /**
     * @throws IllegalArgumentException naming the engines that exist when none has this name
     */
    public static <T> T load(Class<T> type, String name, Function<T, String> nameOf) {
        List<T> all = ServiceLoader.load(type).stream().map(ServiceLoader.Provider::get).toList();
        return all.stream().filter(e -> nameOf.apply(e).equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no " + type.getSimpleName() + " engine named '"
                        + name + "'; available: " + all.stream().map(nameOf).collect(Collectors.joining(", "))));
    }
}
