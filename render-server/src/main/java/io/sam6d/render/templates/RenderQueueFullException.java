package io.sam6d.render.templates;

/** Every worker is busy and the queue is full; the client should try again later. */
class RenderQueueFullException extends RuntimeException {

    RenderQueueFullException(String message) {
        super(message);
    }
}
