/**
 * TorchScript engines through DJL's PyTorch engine, implementing vision-core's {@code Segmenter} and
 * {@code PoseEstimator}: {@link io.sam6d.vision.djl.segmentation.Sam6dSegmenter} ({@code sam6d-ism/2}) and
 * {@link io.sam6d.vision.djl.pose.Sam6dPoseEstimator} ({@code sam6d-pem/2}) run SAM-6D's own networks as
 * {@code tools/export-sam6d} exports them; {@link io.sam6d.vision.djl.segmentation.DjlSegmenter}
 * ({@code sam6d-ism/1}) and {@link io.sam6d.vision.djl.pose.DjlPoseEstimator} ({@code sam6d-pem/1}) run one network of
 * one's own per stage. {@code TorchScriptSegmenter.load} / {@code TorchScriptPoseEstimator.load} pick the engine from
 * the contract the file's {@link io.sam6d.vision.djl.TorchScriptManifest} names.
 *
 * <p>The {@code /1} engines keep tensors in their translators ({@code *Translator}, one call per request through a
 * pool of {@code Predictor}s). The {@code /2} engines call several methods per request on a
 * {@link io.sam6d.vision.djl.TorchModule}, which keeps the intermediate tensors on the device between calls; the
 * algorithms around the networks (SAM's mask generation, SAM-6D's scores and input sampling) are plain Java. libtorch
 * is loaded once per JVM by {@link io.sam6d.vision.djl.TorchRuntime} from the {@code pytorch-native-*} jar (offline,
 * unpacked into {@code DJL_CACHE_DIR}); every engine must be closed.
 */
package io.sam6d.vision.djl;
