package io.sam6d.vision.djl;

/**
 * A network's inputs or outputs do not match the engine's tensor contract (wrong number of outputs, shape, dtype,
 * non-finite numbers). At start-up this fails the model load; at request time it means the model misbehaves on this
 * input and is reported as a server-side error.
 */
public class ContractViolationException extends ModelSetupException {

    public ContractViolationException(String message) {
        super(message);
    }
}
