package io.sam6d.support.models;

import java.util.List;

import io.sam6d.model.ism.DetectionDto;
import io.sam6d.model.ism.PoseDto;
import io.sam6d.model.ism.RleMask;
import io.sam6d.model.ism.TemplateViewMatch;
import io.sam6d.support.web.ApiException;
import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.Mask;

/** Between the engines' types and the REST records of common-model, with 400s that name the field at fault. */
public final class DtoMapping {

    private DtoMapping() {
    }

    public static PoseDto pose(RigidTransform t) {
        return new PoseDto(List.of(List.of(t.r(0, 0), t.r(0, 1), t.r(0, 2)), List.of(t.r(1, 0), t.r(1, 1), t.r(1, 2)),
                List.of(t.r(2, 0), t.r(2, 1), t.r(2, 2))), List.of(t.t(0), t.t(1), t.t(2)));
    }

    public static RigidTransform pose(PoseDto p, String field) {
        if (p.r() == null || p.r().size() != 3 || p.r().stream().anyMatch(row -> row == null || row.size() != 3)
                || p.t() == null || p.t().size() != 3) {
            throw ApiException.badRequest(field, "a pose needs R as 3 rows of 3 numbers and t as 3 numbers (mm)");
        }
        double[] r = new double[9];
        for (int i = 0; i < 9; i++) {
            Double v = p.r().get(i / 3).get(i % 3);
            if (v == null || !Double.isFinite(v)) {
                throw ApiException.badRequest(field, "R must hold finite numbers");
            }
            r[i] = v;
        }
        for (Double v : p.t()) {
            if (v == null || !Double.isFinite(v)) {
                throw ApiException.badRequest(field, "t must hold finite numbers");
            }
        }
        return new RigidTransform(r, new double[] {p.t().get(0), p.t().get(1), p.t().get(2)});
    }

    public static DetectionDto detection(Detection d) {
        List<TemplateViewMatch> views = d.templateViews() == null ? List.of()
                : d.templateViews().stream().map(v -> new TemplateViewMatch(v.viewId(), v.score())).toList();
        return new DetectionDto(d.objectName(), d.score(), List.of(d.bbox()[0], d.bbox()[1], d.bbox()[2], d.bbox()[3]),
                new RleMask(d.mask().toCocoRle(), List.of(d.mask().height(), d.mask().width())), views,
                d.coarsePose() == null ? null : pose(d.coarsePose()));
    }

    /**
     * @param width  the frame's width: the mask must match the frame
     * @param field  where the detection sits in the request, e.g. {@code detections[2]}
     */
    public static Detection detection(DetectionDto d, int width, int height, String field) {
        RleMask seg = d.segmentation();
        if (seg.size() == null || seg.size().size() != 2 || seg.counts() == null) {
            throw ApiException.badRequest(field + ".segmentation",
                    "segmentation needs counts and size [height, width]");
        }
        if (seg.size().get(0) != height || seg.size().get(1) != width) {
            throw ApiException.badRequest(field + ".segmentation", "mask size " + seg.size()
                    + " does not match the image [" + height + ", " + width + "]");
        }
        Mask mask;
        try {
            mask = Mask.fromCocoRle(seg.counts(), height, width);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(field + ".segmentation", e.getMessage());
        }
        if (mask.area() == 0) {
            throw ApiException.badRequest(field + ".segmentation", "the mask is empty");
        }
        RigidTransform coarse = d.coarsePose() == null ? null : pose(d.coarsePose(), field + ".coarse_pose");
        List<Detection.TemplateMatch> views = d.templateViews() == null ? List.of()
                : d.templateViews().stream().map(v -> new Detection.TemplateMatch(v.viewId(), v.score())).toList();
        return new Detection(d.objectName(), d.score(), mask, mask.bbox(), views, coarse);
    }
}
