package io.sam6d.vision.djl;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tools/export-sam6d refuses checkpoints that do not fit the networks, naming what is wrong. */
class ExportToolTest {

    @TempDir
    static Path dir;

    static Path checkpoints;

    @BeforeAll
    static void export() {
        checkpoints = Sam6dExport.smallNetworks().resolve("checkpoints");
    }

    /** Rewrites a checkpoint with Python: {@code edit} is applied to the state dict {@code sd}. */
    static Path edited(String name, String edit) {
        Path out = dir.resolve("edited-" + name);
        String code = "import torch\n"
                + "obj = torch.load(r'" + checkpoints.resolve(name) + "')\n"
                + "sd = obj['model'] if 'model' in obj else obj\n"
                + edit + "\n"
                + "torch.save(obj, r'" + out + "')\n";
        Sam6dExport.Run r = Sam6dExport.python(code);
        assertThat(r.exitCode()).as(r.output()).isZero();
        return out;
    }

    @Test
    void aRenamedParameterIsNamedWithItsNewName() {
        Path sam = edited("sam_small.pth",
                "sd['mask_decoder.iou_tokens.weight'] = sd.pop('mask_decoder.iou_token.weight')");

        Sam6dExport.Run r = Sam6dExport.export(List.of("ism", "--sam-checkpoint", sam.toString(), "--sam-type",
                "small", "--dinov2-checkpoint", checkpoints.resolve("dinov2_small.pth").toString(), "--dinov2-type",
                "small", "--out", dir.resolve("ism.pt").toString()));

        assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("export failed: SAM checkpoint " + sam)
                .contains("missing parameter 'mask_decoder.iou_token.weight' (the checkpoint has"
                        + " 'mask_decoder.iou_tokens.weight': renamed?)");
        assertThat(dir.resolve("ism.pt")).doesNotExist();
    }

    @Test
    void aMissingParameterIsNamed() {
        Path pem = edited("sam6d_pem_small.pth", "del sd['fine_point_matching.PE.mlp1.layer0.normlayer.bn.running_mean']");

        Sam6dExport.Run r = Sam6dExport.export(List.of("pem", "--pem-checkpoint", pem.toString(), "--pem-type", "small",
                "--out", dir.resolve("pem.pt").toString()));

        assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("missing parameter 'fine_point_matching.PE.mlp1.layer0.normlayer.bn"
                + ".running_mean'");
    }

    @Test
    void aCheckpointOfAnotherModelSizeIsRefusedWithTheShapes() {
        Sam6dExport.Run r = Sam6dExport.export(List.of("ism", "--sam-checkpoint",
                checkpoints.resolve("sam_small.pth").toString(), "--sam-type", "small", "--dinov2-checkpoint",
                checkpoints.resolve("dinov2_small.pth").toString(), "--dinov2-type", "dinov2_vits14", "--out",
                dir.resolve("ism.pt").toString()));

        assertThat(r.exitCode()).as(r.output()).isEqualTo(2);
        assertThat(r.output()).contains("parameter 'cls_token' has shape [1, 1, 32], the network needs [1, 1, 384]")
                .contains("--dinov2-type");
    }

    @Test
    void aFileThatIsNotACheckpointIsRefused() {
        Sam6dExport.Run r = Sam6dExport.export(List.of("pem", "--pem-checkpoint", dir.resolve("nothing.pth")
                .toString(), "--out", dir.resolve("pem.pt").toString()));

        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.output()).contains("PEM checkpoint " + dir.resolve("nothing.pth") + " does not exist");
    }
}
