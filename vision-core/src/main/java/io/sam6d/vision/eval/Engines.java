package io.sam6d.vision.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

import io.sam6d.vision.pose.PoseEstimator;
import io.sam6d.vision.segmentation.Segmenter;

/**
 * Finds segmentation and pose engines on the classpath with {@link ServiceLoader} ({@code META-INF/services}),
 * by their {@code name()}.
 */
public final class Engines {

    private Engines() {
    }

    /** @throws IllegalArgumentException naming the engines that are available when none has this name */
    public static Segmenter segmenter(String name) {
        return find(Segmenter.class, name, Segmenter::name);
    }

    /** @throws IllegalArgumentException naming the engines that are available when none has this name */
    public static PoseEstimator poseEstimator(String name) {
        return find(PoseEstimator.class, name, PoseEstimator::name);
    }

    public static List<String> segmenterNames() {
        return names(Segmenter.class, Segmenter::name);
    }

    public static List<String> poseEstimatorNames() {
        return names(PoseEstimator.class, PoseEstimator::name);
    }

    private static <T> T find(Class<T> type, String name, java.util.function.Function<T, String> nameOf) {
        for (T engine : ServiceLoader.load(type)) {
            if (nameOf.apply(engine).equals(name)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("no " + type.getSimpleName() + " named '" + name + "' on the classpath;"
                + " available: " + names(type, nameOf));
    }

    private static <T> List<String> names(Class<T> type, java.util.function.Function<T, String> nameOf) {
        List<String> out = new ArrayList<>();
        for (T engine : ServiceLoader.load(type)) {
            out.add(nameOf.apply(engine));
        }
        return out;
    }
}
