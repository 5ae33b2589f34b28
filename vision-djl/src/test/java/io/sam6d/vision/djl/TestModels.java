package io.sam6d.vision.djl;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Small TorchScript networks that follow (or break) the engines' contracts and compute something a test can check
 * by hand. Written without Python by {@link TorchScriptArchive}.
 */
public final class TestModels {

    private TestModels() {
    }

    /**
     * {@code sam6d-ism/1}: one mask per call, the pixels whose depth lies strictly between {@code nearM} and
     * {@code farM} metres, with score {@code score}; descriptors are the mean colour of each template crop over the
     * whole crop ({@code [V, 3]}); view id is the view whose descriptor has the largest sum.
     */
    public static Path ismDepthBand(Path file, float nearM, float farM, float score) throws IOException {
        return TorchScriptArchive.module("IsmDepthBand")
                .buffer("params", new float[] {nearM, farM, score}, 3)
                .method("""
                          def encode_templates(self: __torch__.IsmDepthBand,
                            rgb: Tensor,
                            mask: Tensor) -> Tensor:
                            masked = torch.mul(rgb, mask)
                            return torch.mean(masked, [2, 3])
                        """)
                .method("""
                          def forward(self: __torch__.IsmDepthBand,
                            rgb: Tensor,
                            depth: Tensor,
                            cam_k: Tensor,
                            descriptors: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
                            params = self.params
                            near = torch.select(params, 0, 0)
                            far = torch.select(params, 0, 1)
                            score = torch.select(params, 0, 2)
                            d = torch.select(depth, 1, 0)
                            inside = torch.logical_and(torch.gt(d, near), torch.lt(d, far))
                            masks = torch.to(inside, 6)
                            scores = torch.reshape(score, [1])
                            views = torch.argmax(torch.sum(descriptors, [1]), 0, True)
                            return (masks, scores, views)
                        """)
                .write(file);
    }

    /**
     * {@code sam6d-pem/1}: R is the given rotation (row-major) for every detection, t the centroid of the observed
     * points plus {@code offsetM} (metres), score the mean of the colour crop.
     */
    public static Path pemCentroid(Path file, float[] rowMajorR, float[] offsetM) throws IOException {
        return TorchScriptArchive.module("PemCentroid")
                .buffer("rotation", rowMajorR, 3, 3)
                .buffer("offset", offsetM, 3)
                .method("""
                          def forward(self: __torch__.PemCentroid,
                            points: Tensor,
                            rgb: Tensor,
                            rgb_choose: Tensor,
                            model_points: Tensor) -> Tuple[Tensor, Tensor, Tensor]:
                            rotation = self.rotation
                            offset = self.offset
                            b = torch.size(points, 0)
                            t = torch.add(torch.mean(points, [1]), offset)
                            r = torch.repeat(torch.unsqueeze(rotation, 0), [b, 1, 1])
                            score = torch.mean(rgb, [1, 2, 3])
                            return (r, t, score)
                        """)
                .write(file);
    }

    /** A valid TorchScript file whose forward returns one tensor: follows neither contract. */
    public static Path oneOutput(Path file) throws IOException {
        return TorchScriptArchive.module("OneOutput")
                .buffer("scale", new float[] {2f}, 1)
                .method("""
                          def encode_templates(self: __torch__.OneOutput,
                            rgb: Tensor,
                            mask: Tensor) -> Tensor:
                            return torch.mean(rgb, [2, 3])
                        """)
                .method("""
                          def forward(self: __torch__.OneOutput,
                            a: Tensor,
                            b: Tensor,
                            c: Tensor,
                            d: Tensor) -> Tensor:
                            return torch.mul(a, self.scale)
                        """)
                .write(file);
    }

    /** A module with forward only (two inputs), as an image classifier would be: no encode_templates. */
    public static Path classifier(Path file) throws IOException {
        return TorchScriptArchive.module("Classifier")
                .buffer("weight", new float[] {1f, 2f, 3f}, 3)
                .method("""
                          def forward(self: __torch__.Classifier,
                            x: Tensor) -> Tensor:
                            return torch.mul(x, self.weight)
                        """)
                .write(file);
    }

    /**
     * A module with nothing but an identity {@code forward} whose {@code sam6d.json} says it follows {@code contract}
     * (with the sizes tools/export-sam6d writes): what a file of the wrong stage, or an export whose methods are
     * broken, looks like to an engine.
     */
    public static Path claiming(Path file, String contract) throws IOException {
        return TorchScriptArchive.module("Claims")
                .method("""
                          def forward(self: __torch__.Claims,
                            x: Tensor) -> Tensor:
                            return x
                        """)
                .extra("sam6d.json", "{\"contract\": \"" + contract + "\", \"descriptor_size\": 28,"
                        + " \"patches\": 4, \"descriptor_dim\": 8, \"crop_size\": 32, \"observed_points\": 64,"
                        + " \"model_points\": 32, \"template_points\": 32, \"object_points\": 64,"
                        + " \"feature_dim\": 8, \"coarse_hypotheses\": 10}")
                .write(file);
    }
}
