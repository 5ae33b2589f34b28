package io.sam6d.ism.segment;

import io.sam6d.model.ism.SegmentRequest;
import io.sam6d.model.ism.SegmentResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/ism")
@Tag(name = "ism", description = "Instance segmentation of known objects")
class SegmentController {

    private final SegmentationService service;

    SegmentController(SegmentationService service) {
        this.service = service;
    }

    @PostMapping("/segment")
    @Operation(summary = "Find the given objects of a class in an RGB-D frame: masks (COCO RLE), boxes, scores")
    SegmentResponse segment(@Valid @RequestBody SegmentRequest request) {
        return service.segment(request);
    }
}
