package io.sam6d.vision.djl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Supplier;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;

/**
 * A bounded pool of DJL predictors for one model and translator. A {@link Predictor} is not thread-safe: each call
 * borrows one for its duration, so at most {@code size} inferences run at once and further callers wait. Predictors
 * are created on first need and all closed by {@link #close()}.
 */
public final class PredictorPool<I, O> implements AutoCloseable {

    private final Supplier<Predictor<I, O>> factory;
    private final BlockingQueue<Predictor<I, O>> idle;
    private final List<Predictor<I, O>> all = new ArrayList<>();
    private final int size;
    private boolean closed;

    public PredictorPool(int size, Supplier<Predictor<I, O>> factory) {
        if (size < 1) {
            throw new IllegalArgumentException("a predictor pool needs at least one predictor");
        }
        this.size = size;
        this.factory = factory;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    /**
     * Runs one inference on a borrowed predictor.
     *
     * @throws ContractViolationException when the translator found the model's output off-contract
     * @throws IllegalStateException      when libtorch failed (the message carries libtorch's) or the pool is closed
     */
    public O predict(I input) {
        Predictor<I, O> p = borrow();
        try {
            return p.predict(input);
        } catch (TranslateException e) {
            throw unwrap(e);
        } finally {
            idle.offer(p);
        }
    }

    private Predictor<I, O> borrow() {
        Predictor<I, O> p = idle.poll();
        if (p != null) {
            return p;
        }
        synchronized (all) {
            if (closed) {
                throw new IllegalStateException("the model has been closed");
            }
            if (all.size() < size) {
                p = factory.get();
                all.add(p);
                return p;
            }
        }
        try {
            return idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a predictor", e);
        }
    }

    private static RuntimeException unwrap(TranslateException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ContractViolationException c) {
                return c;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new IllegalStateException("TorchScript inference failed: " + root.getMessage(), e);
    }

    @Override
    public void close() {
        synchronized (all) {
            closed = true;
            all.forEach(Predictor::close);
            all.clear();
            idle.clear();
        }
    }
}
