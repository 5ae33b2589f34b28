package io.sam6d.vision.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.render.ConfigTemplateRendering;
import io.sam6d.vision.render.TemplateObject;
import io.sam6d.vision.render.TemplateRenderer;
import io.sam6d.vision.render.TemplateSet;
import io.sam6d.vision.segmentation.WeightFreeSegmenter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WeightFreeSegmenter} on a rendered table with exact ground truth and the sensor-like depth degradation of
 * {@link DepthNoise} (here rather than in vision-core because the degradation is a synthetic-scene tool).
 */
class RenderedTableSegmentationTest {

    private static final WeightFreeSegmenter SEGMENTER = new WeightFreeSegmenter();

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void findsTwoInstancesOnARenderedTableAndNotTheDistractorOrAnAbsentShape() {
        Mesh box = RenderedTable.box(60, 90, 35, 0.8f, 0.2f, 0.2f);
        Mesh can = RenderedTable.cylinder(35, 110, 48, 0.2f, 0.3f, 0.8f);
        RenderedTable.Scene scene = RenderedTable.render(List.of(
                new RenderedTable.Placed(box, -120, 40, 20, 0),
                new RenderedTable.Placed(box, 110, -20, -35, 0),
                new RenderedTable.Placed(can, 0, 120, 0, 0)), 700, 40, 7);
        // with a rendered template set beside it, the views reported are that set's
        ConfigTemplateRendering tc = new ConfigTemplateRendering();
        tc.views = 42;
        tc.imageSize = 64;
        TemplateSet templates = TemplateRenderer.cpu(tc).render(box, new TemplateObject("test", "box", "box.ply"),
                tmp.resolve("templates/test/box"), null);
        PreparedModel boxModel = SEGMENTER.prepare(new ObjectModel("box", box, MeshOps.diameter(box), List.of(),
                templates.dir()));
        SegmentationResult res = SEGMENTER.segment(scene.frame(), List.of(boxModel));
        assertEquals(2, res.detections().size(), "two boxes, no more");
        for (int k = 0; k < 2; k++) {
            Mask truth = scene.masks().get(k);
            double best = res.detections().stream()
                    .mapToDouble(d -> d.mask().iou(truth)).max().orElse(0);
            assertThat(best).as("IoU of box %d", k).isGreaterThan(0.85);
        }
        for (Detection d : res.detections()) {
            // the box's symmetries make the pose ambiguous, but the reported view must be one the box looks alike
            // from: the nearest template to some symmetric copy of the true pose
            assertThat(d.templateViews()).hasSize(5);
            assertThat(d.templateViews().get(0).viewId()).isBetween(0, 41);
            assertThat(d.templateViews().get(0).score()).isGreaterThan(0.8);
        }
        // a shape that is not on the table: a tall thin box
        Mesh post = RenderedTable.box(40, 40, 160, 0.5f, 0.5f, 0.5f);
        PreparedModel postModel = SEGMENTER.prepare(new ObjectModel("post", post, MeshOps.diameter(post),
                List.of(), null));
        assertThat(SEGMENTER.segment(scene.frame(), List.of(postModel)).detections()).isEmpty();
    }
}
