package io.sam6d.vision.djl;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The description an export writes into its TorchScript file ({@code torch.jit.save(..., _extra_files=
 * {"sam6d.json": ...})}, stored as {@code <name>/extra/sam6d.json}): which contract the file follows and the sizes the
 * engine must use with it. {@code tools/export-sam6d} writes one; a file without one is taken to follow the
 * {@code /1} contracts. Read straight from the zip, before libtorch sees the file.
 *
 * @param contract e.g. {@code sam6d-ism/2}
 * @param json     the whole document
 */
public record TorchScriptManifest(String contract, JsonNode json) {

    private static final Logger log = LoggerFactory.getLogger(TorchScriptManifest.class);

    static final String ENTRY = "extra/sam6d.json";

    /**
     * @throws ModelSetupException when the file has a manifest that is not JSON or names no contract
     */
    public static Optional<TorchScriptManifest> read(Path file) {
        TorchScriptFiles.check(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry e = entries.nextElement();
                if (e.getName().endsWith("/" + ENTRY)) {
                    try (InputStream in = zip.getInputStream(e)) {
                        JsonNode json = new ObjectMapper().readTree(in);
                        String contract = json.path("contract").asText("");
                        if (contract.isBlank()) {
                            throw new ModelSetupException("model file " + file.toAbsolutePath() + ": its "
                                    + e.getName() + " names no contract");
                        }
                        return Optional.of(new TorchScriptManifest(contract, json));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new ModelSetupException("model file " + file.toAbsolutePath() + ": cannot read its " + ENTRY + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * The contract a stage's model file follows: its manifest's, or {@code v1} for a file without one (exports
     * written before manifests existed, or by hand).
     *
     * @throws ContractViolationException when the manifest names another contract (a file meant for another
     *                                    stage, or a newer export)
     */
    public static Optional<TorchScriptManifest> forStage(Path file, String v1, String v2) {
        Optional<TorchScriptManifest> m = read(file);
        if (m.isPresent() && !m.get().contract().equals(v1) && !m.get().contract().equals(v2)) {
            throw new ContractViolationException("model file " + file.toAbsolutePath() + " follows "
                    + m.get().contract() + ", this engine takes " + v1 + " or " + v2
                    + " (is it the export meant for the other server?)");
        }
        return m.filter(x -> x.contract().equals(v2));
    }

    /** A positive integer the contract needs from the export. */
    public int size(String key) {
        JsonNode n = json.get(key);
        if (n == null || !n.canConvertToInt() || n.asInt() < 1) {
            throw new ContractViolationException(contract + ": the file's sam6d.json lacks a positive '" + key
                    + "' (export it again with tools/export-sam6d)");
        }
        return n.asInt();
    }

    public String text(String key) {
        return json.path(key).asText("");
    }

    /**
     * An engine's health details for this export: {@code own}, then {@code "weights": "random"} for a test export,
     * which is also logged as a warning (its answers mean nothing).
     */
    public Map<String, Object> details(Path file, Map<String, Object> own) {
        Map<String, Object> d = new LinkedHashMap<>(own);
        if (randomWeights()) {
            d.put("weights", "random");
            log.warn("{} was exported with RANDOM weights (a test network): what it answers means nothing", file);
        }
        return d;
    }

    /** Whether the export ran on random weights (tests): its answers mean nothing. */
    public boolean randomWeights() {
        return json.path("random_weights").asBoolean(false);
    }
}
