package io.sam6d.vision.model;

/**
 * What an engine computed once for an object (template features, point-pair tables, sampled clouds) and uses for
 * every frame. Engine-specific; opaque to callers, which cache it. Must be safe to share between threads.
 */
public interface PreparedModel {

    ObjectModel model();

    /** Rough heap size of the prepared data, for cache accounting. */
    long memoryBytes();
}
