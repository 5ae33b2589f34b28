/**
 * TorchScript engines through DJL's PyTorch engine: {@link io.sam6d.vision.djl.segmentation.DjlSegmenter} (contract
 * {@code sam6d-ism/1}) and {@link io.sam6d.vision.djl.pose.DjlPoseEstimator} ({@code sam6d-pem/1}) implement
 * vision-core's {@code Segmenter} and {@code PoseEstimator} for networks exported with {@code torch.jit}.
 *
 * <p>Tensors appear only in the translators ({@code *Translator}); the engines hand plain arrays in and get plain
 * arrays back. libtorch is loaded once per JVM by {@link io.sam6d.vision.djl.TorchRuntime} from the
 * {@code pytorch-native-*} jar (offline, unpacked into {@code DJL_CACHE_DIR}); each engine owns its {@code ZooModel}
 * and a pool of {@code Predictor}s and must be closed.
 */
package io.sam6d.vision.djl;
