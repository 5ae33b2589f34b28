package io.sam6d.vision.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PyTorch engine of DJL, set up so that nothing is downloaded at run time: libtorch and the JNI bridge come from
 * the {@code pytorch-native-*} and {@code pytorch-jni} jars on the class path and are unpacked once into a cache
 * directory ({@code DJL_CACHE_DIR} / {@code ENGINE_CACHE_DIR}); {@code ai.djl.offline=true} makes any attempt to
 * download an error. libtorch is loaded once per JVM, on first use.
 */
public final class TorchRuntime {

    private static final Logger log = LoggerFactory.getLogger(TorchRuntime.class);

    /** DJL's name of the PyTorch engine. */
    public static final String ENGINE = "PyTorch";

    private static final Pattern GPU = Pattern.compile("(?:gpu|cuda)(?::?(\\d+))?");

    private static volatile Engine engine;

    private TorchRuntime() {
    }

    /** {@link #configure(Path)} with a setting's text; blank keeps DJL's default cache directory. */
    public static void configureFromSetting(String cacheDir) {
        configure(cacheDir == null || cacheDir.isBlank() ? null : Path.of(cacheDir.trim()));
    }

    /**
     * Switches DJL to offline mode and points its caches at {@code cacheDir}, unless the engine is already loaded
     * (the first configuration of a JVM wins) or the caller set {@code DJL_CACHE_DIR} / {@code ENGINE_CACHE_DIR}
     * already (environment variable or system property).
     *
     * @param cacheDir where libtorch is unpacked (about 500 MB for the CPU build), or null for DJL's default
     *                 ({@code ~/.djl.ai})
     */
    public static synchronized void configure(Path cacheDir) {
        System.setProperty("ai.djl.offline", "true");
        if (engine != null || cacheDir == null) {
            return;
        }
        String abs = cacheDir.toAbsolutePath().normalize().toString();
        for (String key : new String[] {"DJL_CACHE_DIR", "ENGINE_CACHE_DIR"}) {
            if (System.getenv(key) == null && System.getProperty(key) == null) {
                System.setProperty(key, abs);
            }
        }
    }

    /** Where libtorch is (or will be) unpacked. */
    public static Path cacheDir() {
        String dir = firstSet("ENGINE_CACHE_DIR", "DJL_CACHE_DIR");
        return dir != null ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".djl.ai");
    }

    /**
     * Loads libtorch (once per JVM; seconds on first use, when it is unpacked to the cache).
     *
     * @throws ModelSetupException when the native library cannot be loaded, with what was found wrong
     */
    public static Engine engine() {
        Engine e = engine;
        if (e != null) {
            return e;
        }
        synchronized (TorchRuntime.class) {
            if (engine == null) {
                System.setProperty("ai.djl.offline", "true");
                long start = System.nanoTime();
                try {
                    engine = Engine.getEngine(ENGINE);
                } catch (RuntimeException | LinkageError ex) {
                    throw new ModelSetupException(diagnose(ex), ex);
                }
                log.info("libtorch {} loaded in {} ms (cache {}, {} GPU(s) visible)", engine.getVersion(),
                        (System.nanoTime() - start) / 1_000_000, cacheDir(), engine.getGpuCount());
            }
            return engine;
        }
    }

    /**
     * The device named by a setting, falling back to the CPU (with a log line) when a GPU is asked for and libtorch
     * sees none (a CPU build of libtorch, no CUDA driver, or fewer GPUs than the index).
     *
     * @param setting {@code cpu}, {@code gpu}, {@code gpu:N} or {@code cuda:N} (case-insensitive)
     * @throws IllegalArgumentException for any other text
     */
    public static Device device(String setting) {
        String s = setting == null ? "cpu" : setting.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty() || s.equals("cpu")) {
            return Device.cpu();
        }
        Matcher m = GPU.matcher(s);
        if (!m.matches()) {
            throw new IllegalArgumentException("device '" + setting + "' is not one of cpu, gpu, gpu:N, cuda:N");
        }
        int index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        int gpus = engine().getGpuCount();
        if (index >= gpus) {
            log.warn("device {} asked for, but libtorch {} sees {} GPU(s) ({}): running on cpu", setting,
                    engine().getVersion(), gpus, gpus == 0 ? "CPU build of libtorch or no CUDA driver"
                            : "no GPU with that index");
            return Device.cpu();
        }
        return Device.gpu(index);
    }

    /** {@code cpu} or {@code gpu:N}: how devices are written in settings, logs and health. */
    public static String describe(Device device) {
        return device.isGpu() ? "gpu:" + device.getDeviceId() : device.getDeviceType();
    }

    /**
     * The memory of the GPU a device setting names, as CUDA reports it through DJL ({@code cudaMemGetInfo}: in use on
     * the whole device, by every process, and its total), in MiB for JSON: {@code gpu_memory_used_mb},
     * {@code gpu_memory_total_mb}. Empty for {@code cpu}; when CUDA cannot be asked (no CUDA runtime library to
     * load), both are absent and {@code gpu_memory_error} says why: a figure is never guessed.
     *
     * @param device {@code cpu} or {@code gpu:N}, as {@link #describe} writes it
     */
    public static Map<String, Object> gpuMemoryDetails(String device) {
        Map<String, Object> m = new LinkedHashMap<>();
        Matcher g = device == null ? null : GPU.matcher(device.trim().toLowerCase(Locale.ROOT));
        if (g == null || !g.matches()) {
            return m;
        }
        try {
            int index = g.group(1) == null ? 0 : Integer.parseInt(g.group(1));
            MemoryUsage usage = CudaUtils.getGpuMemory(Device.gpu(index));
            m.put("gpu_memory_used_mb", usage.getUsed() / (1024 * 1024));
            m.put("gpu_memory_total_mb", usage.getMax() / (1024 * 1024));
        } catch (RuntimeException | LinkageError e) {
            m.put("gpu_memory_error", "CUDA did not report the memory of " + device + ": " + e.getMessage());
        }
        return m;
    }

    /** libtorch's version, e.g. {@code 2.7.1}. */
    public static String version() {
        return engine().getVersion();
    }

    private static String diagnose(Throwable e) {
        StringBuilder sb = new StringBuilder("libtorch (DJL PyTorch engine) cannot be loaded: ");
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        sb.append(root.getClass().getSimpleName()).append(": ").append(root.getMessage());
        Path cache = cacheDir();
        try {
            Files.createDirectories(cache);
            if (!Files.isWritable(cache)) {
                sb.append("; the cache directory ").append(cache).append(" is not writable (set DJL_CACHE_DIR)");
            }
        } catch (IOException io) {
            sb.append("; the cache directory ").append(cache).append(" cannot be created: ").append(io.getMessage())
                    .append(" (set DJL_CACHE_DIR)");
        }
        String msg = String.valueOf(root.getMessage());
        if (msg.contains("libgomp")) {
            sb.append("; libgomp (OpenMP runtime) is missing: install it (Debian/Ubuntu: apt-get install libgomp1)");
        } else if (msg.contains("GLIBC") || msg.contains("GLIBCXX")) {
            sb.append("; the C/C++ runtime of this system is older than libtorch needs (glibc 2.28 or newer)");
        } else if (msg.contains("No deep learning engine") || msg.contains("not found")) {
            sb.append("; are ai.djl.pytorch:pytorch-jni and the pytorch-native-* jar for this platform on the class"
                    + " path? (ai.djl.offline=true forbids downloading them)");
        }
        return sb.toString();
    }

    private static String firstSet(String... keys) {
        for (String k : keys) {
            String v = System.getenv(k);
            if (v == null || v.isEmpty()) {
                v = System.getProperty(k);
            }
            if (v != null && !v.isEmpty()) {
                return v;
            }
        }
        return null;
    }
}
