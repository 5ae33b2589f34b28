/**
 * Pictures of results for people: {@link io.sam6d.vision.visualisation.Overlay} tints detection masks and draws
 * posed models (points and 3D boxes) over a frame. main-server writes its {@code overlay.png} with it; the
 * benchmark its overlays.
 */
package io.sam6d.vision.visualisation;
