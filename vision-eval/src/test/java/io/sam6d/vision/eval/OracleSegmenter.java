package io.sam6d.vision.eval;

import java.util.ArrayList;
import java.util.List;

import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.segmentation.Segmenter;

/**
 * Test fixture, never shipped: a "segmenter" that returns the ground-truth visible masks of the requested objects,
 * to check the metrics and the runner end to end. Registered for tests as {@code oracle-gt}.
 */
public final class OracleSegmenter implements Segmenter {

    record Prepared(ObjectModel model) implements PreparedModel {
        @Override
        public long memoryBytes() {
            return 0;
        }
    }

    @Override
    public String name() {
        return "oracle-gt";
    }

    @Override
    public PreparedModel prepare(ObjectModel model) {
        return new Prepared(model);
    }

    @Override
    public SegmentationResult segment(RgbdFrame frame, List<PreparedModel> models) {
        GroundTruthIndex index = GroundTruthIndex.forDefaultDataset();
        BopFrame bf = index.frameOf(frame.rgb());
        GtMasks masks = GtMasks.load(bf, frame.width(), frame.height(), frame.depth(), index.objects::evalModel);
        List<String> wanted = models.stream().map(m -> m.model().name()).toList();
        List<Detection> out = new ArrayList<>();
        for (int g = 0; g < bf.gt().size(); g++) {
            String name = DatasetObjects.name(bf.gt().get(g).objId());
            Mask m = masks.masks().get(g);
            if (wanted.contains(name) && m != null && m.area() > 0) {
                out.add(new Detection(name, 1.0, m, m.bbox(), List.of(), null));
            }
        }
        return new SegmentationResult(out, List.of());
    }
}
