package io.sam6d.vision.djl;

import java.nio.file.Path;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.function.Function;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;

/**
 * A TorchScript module whose methods are called one after another within a request, with the intermediate tensors
 * kept on the device between calls (an image embedding, masks, patch tokens): what the {@code /2} contracts need and
 * DJL's one-call {@code Predictor}/{@code Translator} shape does not give. Each request runs inside {@link #run}, which
 * waits for one of {@code concurrent} slots and hands out an {@link NDManager} on the module's device; everything
 * created in it, outputs included, is freed when the request ends.
 */
public final class TorchModule implements AutoCloseable {

    /** DJL runs another method than {@code forward} when the last input carries this name prefix. */
    private static final String METHOD = "module_method:";

    private final ZooModel<NDList, NDList> model;
    private final Block block;
    private final Semaphore slots;

    private TorchModule(ZooModel<NDList, NDList> model, int concurrent) {
        this.model = model;
        this.block = model.getBlock();
        this.slots = new Semaphore(concurrent, true);
    }

    /**
     * @throws ModelSetupException when the file is missing, not TorchScript or refused by libtorch
     */
    public static TorchModule load(Path file, Device device, int concurrent) {
        return new TorchModule(TorchScriptLoader.load(file, device, NDList.class, NDList.class,
                new NoopTranslator()), concurrent);
    }

    /** An engine built on a freshly loaded module and probed; {@code loadTimeMs} excludes libtorch's start-up. */
    public record Probed<E>(E engine, Device device, long loadTimeMs) {
    }

    /**
     * Loads {@code config}'s model file onto its device (libtorch first, whose start-up is not the model's load
     * time), builds the engine on it and probes it; an engine whose probe fails is closed.
     */
    public static <E extends TorchScriptEngine> Probed<E> loadProbed(ConfigTorchScript config,
            Function<TorchModule, E> create, Consumer<E> probe) {
        TorchRuntime.engine();
        long start = System.nanoTime();
        Device device = TorchRuntime.device(config.device);
        E engine = create.apply(load(config.modelPath, device, config.predictors));
        try {
            probe.accept(engine);
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
        return new Probed<>(engine, device, (System.nanoTime() - start) / 1_000_000);
    }

    public Device device() {
        return model.getNDManager().getDevice();
    }

    /** Runs one request's calls with a manager of its own (closed at the end); at most {@code concurrent} at once. */
    public <T> T run(Function<NDManager, T> work) {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the model", e);
        }
        try (NDManager manager = model.getNDManager().newSubManager()) {
            return work.apply(manager);
        } finally {
            slots.release();
        }
    }

    /**
     * Calls a method of the module; the outputs belong to the first input's manager.
     *
     * @throws IllegalStateException when libtorch fails (missing method, wrong input), with libtorch's message
     */
    public NDList call(String method, NDArray... inputs) {
        NDManager m = inputs[0].getManager();
        NDList in = new NDList(inputs);
        NDArray marker = m.create(0f);
        marker.setName(METHOD + method);
        in.add(marker);
        try {
            return block.forward(new ParameterStore(m, false), in, false);
        } catch (RuntimeException e) {
            throw new IllegalStateException(method + " failed: " + TorchScriptLoader.rootMessage(e), e);
        }
    }

    /**
     * Runs calls whose libtorch failure means the module breaks its contract (at load: the probe of each method).
     *
     * @param call how the call is written in the error, e.g. {@code encode_image(rgb [1,3,480,640])}
     * @throws ContractViolationException naming the contract, the call and libtorch's message
     */
    public static <T> T checked(String contract, String call, java.util.function.Supplier<T> run) {
        try {
            return run.get();
        } catch (IllegalStateException e) {
            throw new ContractViolationException(contract + ": " + call + " failed: "
                    + TorchScriptLoader.rootMessage(e));
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
