package io.sam6d.vision.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchScriptSmokeTest {

    @Test
    void handWrittenModuleLoadsAndRuns(@TempDir Path dir) throws Exception {
        Path file = TorchScriptArchive.module("Scale")
                .buffer("scale", new float[] {2f, 3f}, 2)
                .method("""
                          def forward(self: __torch__.Scale,
                            x: Tensor) -> Tensor:
                            scale = self.scale
                            return torch.mul(x, scale)
                        """)
                .write(dir.resolve("scale.pt"));
        TorchRuntime.configure(null);
        TorchRuntime.engine();
        try (Model model = Model.newInstance("scale", "PyTorch"); NDManager m = NDManager.newBaseManager()) {
            model.load(file);
            Block block = model.getBlock();
            NDList out = block.forward(new ParameterStore(m, false), new NDList(m.create(new float[] {1, 1},
                    new Shape(2))), false);
            NDArray y = out.singletonOrThrow();
            assertThat(y.toFloatArray()).containsExactly(2f, 3f);
        }
    }
}
