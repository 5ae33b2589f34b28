package io.sam6d.vision.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.sam6d.vision.image.Mask;

class SegmentationEvaluatorTest {

    private static final int W = 40, H = 20;

    /** A filled rectangle [x0, x1) x [y0, y1). */
    private static Mask rect(int x0, int y0, int x1, int y1) {
        boolean[] b = new boolean[W * H];
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                b[y * W + x] = true;
            }
        }
        return new Mask(W, H, b);
    }

    @Test
    void greedyIouMatchingGivesRecallPrecisionAndMeanIou() {
        Mask a = rect(0, 0, 10, 10); // 100 px
        Mask b = rect(20, 0, 30, 10);
        Mask bShifted = rect(24, 0, 34, 10); // IoU with b = 60 / 140
        SegmentationEvaluator ev = new SegmentationEvaluator();
        ev.addFrame(List.of(new SegmentationEvaluator.GtInstance(1, a, true),
                        new SegmentationEvaluator.GtInstance(1, b, true)),
                List.of(new SegmentationEvaluator.ScoredMask(1, 0.9, a),
                        new SegmentationEvaluator.ScoredMask(1, 0.8, a), // duplicate: a false positive
                        new SegmentationEvaluator.ScoredMask(1, 0.7, bShifted))); // IoU below 0.5: false positive
        SegmentationEvaluator.ObjectScores s = ev.scores().overall();
        assertEquals(2, s.instances());
        assertEquals(3, s.detections());
        assertEquals(1, s.truePositives());
        assertEquals(0.5, s.recall());
        assertEquals(1 / 3.0, s.precision(), 1e-12);
        assertEquals((1 + 60 / 140.0) / 2, s.meanIou(), 1e-12);
    }

    @Test
    void iouOfExactlyOneHalfCounts() {
        Mask gt = rect(0, 0, 10, 10);
        Mask half = rect(0, 0, 10, 5); // IoU 50 / 100
        SegmentationEvaluator ev = new SegmentationEvaluator();
        ev.addFrame(List.of(new SegmentationEvaluator.GtInstance(3, gt, true)),
                List.of(new SegmentationEvaluator.ScoredMask(3, 1, half)));
        assertEquals(1.0, ev.scores().overall().recall());
    }

    @Test
    void detectionsOfBarelyVisibleInstancesAreIgnoredAndAbsentObjectsAreFalsePositives() {
        Mask a = rect(0, 0, 10, 10);
        Mask tiny = rect(30, 10, 32, 12);
        SegmentationEvaluator ev = new SegmentationEvaluator();
        ev.addFrame(List.of(new SegmentationEvaluator.GtInstance(1, a, true),
                        new SegmentationEvaluator.GtInstance(2, tiny, false)),
                List.of(new SegmentationEvaluator.ScoredMask(1, 0.9, a),
                        new SegmentationEvaluator.ScoredMask(2, 0.9, tiny),
                        new SegmentationEvaluator.ScoredMask(7, 0.4, rect(12, 0, 18, 6))));
        SegmentationEvaluator.Scores s = ev.scores();
        assertEquals(1, s.overall().instances());
        assertEquals(2, s.overall().detections(), "the detection of the barely visible instance is not counted");
        assertEquals(0.5, s.overall().precision());
        SegmentationEvaluator.ObjectScores absent = s.perObject().stream().filter(o -> o.objId() == 7).findFirst()
                .orElseThrow();
        assertEquals(0, absent.instances());
        assertEquals(0.0, absent.precision());
        SegmentationEvaluator.ObjectScores none = s.perObject().stream().filter(o -> o.objId() == 2).findFirst()
                .orElseThrow();
        assertTrue(Double.isNaN(none.precision()));
    }
}
