package io.sam6d.support.models;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which engine a compute server runs, from its engine setting and its model path: the weight-free engine unless a
 * TorchScript model is given. {@code auto} (or blank) picks {@code djl} when a model path is set and
 * {@code weight-free} otherwise; {@code djl} needs a model path; any other name is taken as given, and a model path
 * set beside it is ignored with a warning.
 */
public final class EngineChoice {

    private static final Logger log = LoggerFactory.getLogger(EngineChoice.class);

    public static final String AUTO = "auto";
    public static final String DJL = "djl";
    public static final String WEIGHT_FREE = "weight-free";

    private EngineChoice() {
    }

    /**
     * @param engineSetting how the engine setting is named to users, e.g. {@code ISM_ENGINE (sam6d.ism.engine)}
     * @param modelSetting  how the model path setting is named to users
     * @throws EngineSetupException when {@code djl} is asked for without a model path
     */
    public static String resolve(String engine, String modelPath, String engineSetting, String modelSetting) {
        String e = engine == null ? "" : engine.trim();
        boolean model = modelPath != null && !modelPath.isBlank();
        if (e.isEmpty() || e.equals(AUTO)) {
            return model ? DJL : WEIGHT_FREE;
        }
        if (e.equals(DJL) && !model) {
            throw new EngineSetupException(modelSetting, "the djl engine (" + engineSetting + ") needs a TorchScript"
                    + " model file; set " + modelSetting + " or choose another engine", null);
        }
        if (!e.equals(DJL) && model) {
            log.warn("{} is '{}': the model file in {} is not used", engineSetting, e, modelSetting);
        }
        return e;
    }
}
