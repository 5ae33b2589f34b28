package io.sam6d.vision.djl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Checks that a file is a TorchScript archive before libtorch sees it, so a wrong file gets a message a user can act
 * on instead of a libtorch stack trace.
 *
 * <p>A TorchScript file ({@code torch.jit.save}) is a zip whose entries sit under one top folder {@code <name>/}:
 * {@code <name>/data.pkl} (the module's attributes), {@code <name>/code/__torch__*.py} (the compiled code),
 * {@code <name>/constants.pkl}, {@code <name>/version} and {@code <name>/data/<n>} (tensor storages). A
 * {@code torch.save} checkpoint is also a zip with {@code data.pkl} but has no {@code code/}: it holds weights only and
 * needs the Python class to run, so it is refused with a hint to export with {@code torch.jit.script/trace}.
 */
public final class TorchScriptFiles {

    private TorchScriptFiles() {
    }

    /** Whether the file looks like a TorchScript archive (used to pick the DJL engine from a model path). */
    public static boolean isTorchScript(Path file) {
        try {
            check(file);
            return true;
        } catch (ModelSetupException e) {
            return false;
        }
    }

    /**
     * @throws ModelSetupException naming the problem: missing, not a regular file, unreadable, not a zip, a
     *                             {@code torch.save} checkpoint, or a zip without TorchScript code
     */
    public static void check(Path file) {
        if (file == null) {
            throw new ModelSetupException("no model file given");
        }
        if (!Files.exists(file)) {
            throw new ModelSetupException("model file " + file.toAbsolutePath() + " does not exist");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelSetupException("model path " + file.toAbsolutePath() + " is not a file");
        }
        if (!Files.isReadable(file)) {
            throw new ModelSetupException("model file " + file.toAbsolutePath() + " is not readable");
        }
        List<String> names = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                names.add(entries.nextElement().getName());
            }
        } catch (ZipException e) {
            throw new ModelSetupException("model file " + file.toAbsolutePath() + " is not a TorchScript archive (not a"
                    + " zip file: " + e.getMessage() + "); export the network with torch.jit.script or torch.jit.trace"
                    + " and save it with torch.jit.save");
        } catch (IOException e) {
            throw new ModelSetupException("model file " + file.toAbsolutePath() + " cannot be read: " + e.getMessage(),
                    e);
        }
        boolean data = names.stream().anyMatch(n -> n.endsWith("/data.pkl"));
        boolean code = names.stream().anyMatch(n -> n.contains("/code/") && n.endsWith(".py"));
        if (data && !code) {
            throw new ModelSetupException("model file " + file.toAbsolutePath() + " is a torch.save checkpoint (weights"
                    + " without code), not TorchScript: export it with torch.jit.script or torch.jit.trace and save"
                    + " it with torch.jit.save");
        }
        if (!data) {
            throw new ModelSetupException("model file " + file.toAbsolutePath() + " is a zip but not a TorchScript"
                    + " archive (no <name>/data.pkl and <name>/code/): save the network with torch.jit.save");
        }
    }
}
