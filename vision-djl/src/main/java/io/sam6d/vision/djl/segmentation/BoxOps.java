package io.sam6d.vision.djl.segmentation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Boxes as torchvision and SAM-6D use them: {@code [x0, y0, x1, y1]} pixels, area {@code (x1 - x0) * (y1 - y0)}.
 */
final class BoxOps {

    private BoxOps() {
    }

    static double area(int[] b) {
        return (double) (b[2] - b[0]) * (b[3] - b[1]);
    }

    /** torchvision's {@code box_iou}; 0 for boxes that do not overlap (or have no area). */
    static double iou(int[] a, int[] b) {
        double w = Math.min(a[2], b[2]) - Math.max(a[0], b[0]);
        double h = Math.min(a[3], b[3]) - Math.max(a[1], b[1]);
        if (w <= 0 || h <= 0) {
            return 0;
        }
        double inter = w * h;
        double union = area(a) + area(b) - inter;
        return union > 0 ? inter / union : 0;
    }

    /**
     * torchvision's {@code nms}: indices of the boxes kept, highest score first; a box is dropped when its IoU with
     * a kept, higher-scored box is above {@code threshold}.
     */
    static List<Integer> nms(List<int[]> boxes, double[] scores, double threshold) {
        Integer[] order = IntStream.range(0, boxes.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        List<Integer> kept = new ArrayList<>();
        for (int i : order) {
            boolean keep = true;
            for (int k : kept) {
                if (iou(boxes.get(i), boxes.get(k)) > threshold) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept.add(i);
            }
        }
        return kept;
    }
}
