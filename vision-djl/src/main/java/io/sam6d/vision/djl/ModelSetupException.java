package io.sam6d.vision.djl;

/**
 * A TorchScript model cannot be used: its file is missing or unreadable, it is not a TorchScript archive, libtorch
 * cannot load it, or it does not follow the engine's tensor contract. The message says which, in words a user can act
 * on; servers add the name of the setting that pointed at the file.
 */
public class ModelSetupException extends RuntimeException {

    public ModelSetupException(String message) {
        super(message);
    }

    public ModelSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
