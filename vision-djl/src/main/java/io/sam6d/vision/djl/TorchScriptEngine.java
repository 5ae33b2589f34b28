package io.sam6d.vision.djl;

/** A loaded TorchScript engine: what it runs and where, and the native memory it must free. */
public interface TorchScriptEngine extends AutoCloseable {

    /** Model file, contract, device, load time. */
    EngineInfo info();

    @Override
    void close();
}
