package io.sam6d.vision.djl;

import java.nio.file.Path;

/** Settings every TorchScript engine shares. */
public class ConfigTorchScript {

    /** The TorchScript file ({@code torch.jit.save}) that follows the engine's tensor contract. Required. */
    public Path modelPath;

    /**
     * Where to run: {@code cpu}, {@code gpu} (first GPU), {@code gpu:N} or {@code cuda:N}. A GPU that libtorch cannot
     * see (CPU build of libtorch, no driver) falls back to the CPU with a log line.
     */
    public String device = "cpu";

    /**
     * Predictors kept per model, i.e. inferences that may run at the same time; more requests wait. Each predictor
     * holds its own native buffers; on a GPU 1-2 is usually best.
     */
    public int predictors = 2;

    public void checkValidity() {
        if (modelPath == null) {
            throw new IllegalArgumentException("modelPath is required: a TorchScript file");
        }
        if (predictors < 1) {
            throw new IllegalArgumentException("predictors must be at least 1");
        }
        checkDevice(device);
    }

    /**
     * @throws IllegalArgumentException when the text is not {@code cpu}, {@code gpu}, {@code gpu:N} or
     *                                  {@code cuda:N} (blank means cpu)
     */
    public static void checkDevice(String device) {
        if (device != null && !device.isBlank()
                && !device.trim().toLowerCase(java.util.Locale.ROOT).matches("cpu|(gpu|cuda)(:?\\d+)?")) {
            throw new IllegalArgumentException("device '" + device + "' is not one of cpu, gpu, gpu:N, cuda:N");
        }
    }

    protected void setTo(ConfigTorchScript src) {
        this.modelPath = src.modelPath;
        this.device = src.device;
        this.predictors = src.predictors;
    }
}
