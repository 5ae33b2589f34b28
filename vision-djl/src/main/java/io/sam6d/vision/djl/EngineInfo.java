package io.sam6d.vision.djl;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.Device;

/**
 * What a loaded TorchScript engine reports about itself (logs, {@code /actuator/health}).
 *
 * @param engine          the engine's name ({@code djl})
 * @param contract        the tensor contract the model was checked against, e.g. {@code sam6d-ism/1}
 * @param modelPath       the TorchScript file, absolute
 * @param device          where it runs ({@code cpu}, {@code gpu:0})
 * @param requestedDevice what the settings asked for (differs from {@code device} after a fallback to the CPU)
 * @param loadTimeMs      loading the file plus the contract probe, ms (libtorch's own start-up not included)
 * @param libtorch        libtorch's version
 * @param extra           further details in snake_case (an export's networks, {@code weights: random}), shown after
 *                        the others
 */
public record EngineInfo(String engine, String contract, String modelPath, String device, String requestedDevice,
        long loadTimeMs, String libtorch, Map<String, Object> extra) {

    public EngineInfo {
        extra = Map.copyOf(extra);
    }

    public EngineInfo(String engine, String contract, String modelPath, String device, String requestedDevice,
            long loadTimeMs, String libtorch) {
        this(engine, contract, modelPath, device, requestedDevice, loadTimeMs, libtorch, Map.of());
    }

    /** What an engine loaded from {@code config}'s model file onto {@code device} reports. */
    public static EngineInfo of(String engine, String contract, ConfigTorchScript config, Device device,
            long loadTimeMs, Map<String, Object> extra) {
        String requested = config.device == null || config.device.isBlank() ? "cpu" : config.device.trim();
        return new EngineInfo(engine, contract, config.modelPath.toAbsolutePath().toString(),
                TorchRuntime.describe(device), requested, loadTimeMs, TorchRuntime.version(), extra);
    }

    /** snake_case details for JSON. */
    public Map<String, Object> details() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("engine", engine);
        m.put("contract", contract);
        m.put("model_path", modelPath);
        m.put("device", device);
        if (!requestedDevice.equals(device)) {
            m.put("requested_device", requestedDevice);
        }
        m.put("load_time_ms", loadTimeMs);
        m.put("libtorch", libtorch);
        new java.util.TreeMap<>(extra).forEach(m::put);
        return m;
    }
}
