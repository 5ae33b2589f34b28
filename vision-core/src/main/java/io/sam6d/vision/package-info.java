/**
 * The engine library of sam6d-suite: plain Java, no Spring, no HTTP. Units: millimetres for lengths,
 * pixels for image coordinates; poses map model points into the camera frame (x_cam = R x_model + t).
 */
package io.sam6d.vision;
