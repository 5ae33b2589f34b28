package io.sam6d.pem.estimate;

import io.sam6d.model.pem.EstimateRequest;
import io.sam6d.model.pem.EstimateResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/pem")
@Tag(name = "pem", description = "6D pose estimation of detected instances")
class EstimateController {

    private final EstimationService service;

    EstimateController(EstimationService service) {
        this.service = service;
    }

    @PostMapping("/estimate")
    @Operation(summary = "The 6D pose (R, t in mm, model to camera) and a verification score per ISM detection")
    EstimateResponse estimate(@Valid @RequestBody EstimateRequest request) {
        return service.estimate(request);
    }
}
