package io.sam6d.vision.djl;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.Translator;

/** Loads a TorchScript file through DJL's {@link Criteria} with errors a user can act on. */
public final class TorchScriptLoader {

    private TorchScriptLoader() {
    }

    /**
     * Checks the file, loads libtorch when needed and the module onto {@code device} (tensors mapped there).
     *
     * @throws ModelSetupException when the file is missing, not TorchScript, or libtorch refuses it
     */
    public static <I, O> ZooModel<I, O> load(Path file, Device device, Class<I> input, Class<O> output,
            Translator<I, O> translator) {
        TorchScriptFiles.check(file);
        TorchRuntime.engine();
        Criteria<I, O> criteria = Criteria.builder()
                .setTypes(input, output)
                // the folder and the file's name: DJL's repository takes a bare file for an archive (and warns)
                .optModelPath(file.toAbsolutePath().getParent())
                .optModelName(file.getFileName().toString())
                .optEngine(TorchRuntime.ENGINE)
                .optDevice(device)
                .optOption("mapLocation", "true")
                .optTranslator(translator)
                .build();
        try {
            return criteria.loadModel();
        } catch (ModelNotFoundException | MalformedModelException | IOException | RuntimeException e) {
            throw new ModelSetupException("libtorch cannot load " + file.toAbsolutePath() + ": " + rootMessage(e), e);
        }
    }

    /** The innermost message, at most a few lines (libtorch appends a TorchScript traceback). */
    public static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        return Arrays.stream(msg.split("\n")).map(String::strip).filter(s -> !s.isEmpty()).limit(6)
                .collect(Collectors.joining(" | "));
    }
}
