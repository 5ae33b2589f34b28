package io.sam6d.support.models;

/**
 * A compute server cannot set up its engine from its settings (unknown engine, model file missing, corrupt or off
 * the engine's tensor contract). Thrown at start-up so the server fails fast; the message names the setting.
 */
public class EngineSetupException extends RuntimeException {

    private final String setting;

    /**
     * @param setting the setting at fault as a user writes it, e.g. {@code ISM_MODEL_PATH (sam6d.ism.model-path)}
     * @param problem what is wrong with it
     */
    public EngineSetupException(String setting, String problem, Throwable cause) {
        super(setting + ": " + problem, cause);
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
