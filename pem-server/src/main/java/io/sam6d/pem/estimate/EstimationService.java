package io.sam6d.pem.estimate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sam6d.model.ism.DetectionDto;
import io.sam6d.model.ism.PoseDto;
import io.sam6d.model.pem.EstimateRequest;
import io.sam6d.model.pem.EstimateResponse;
import io.sam6d.model.pem.PoseEstimateDto;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.frames.DecodedFrame;
import io.sam6d.support.frames.FrameDecoder;
import io.sam6d.support.models.DtoMapping;
import io.sam6d.support.models.ObjectFiles;
import io.sam6d.support.models.PreparedModelCache;
import io.sam6d.support.web.ApiException;
import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.model.Deadline;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.pose.PoseEstimator;
import io.sam6d.vision.pose.PoseResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Answers estimate requests: decodes frame and detections, takes prepared models from the cache, runs the engine. */
@Service
class EstimationService {

    private static final Logger log = LoggerFactory.getLogger(EstimationService.class);

    private final PoseEstimator engine;
    private final StaticDirectory staticDir;
    private final PreparedModelCache cache;
    private final FrameDecoder frames;
    private final PemSettings settings;

    EstimationService(PoseEstimator engine, StaticDirectory staticDir, PreparedModelCache cache, FrameDecoder frames,
            PemSettings settings) {
        this.engine = engine;
        this.staticDir = staticDir;
        this.cache = cache;
        this.frames = frames;
        this.settings = settings;
    }

    EstimateResponse estimate(EstimateRequest request) {
        long start = System.nanoTime();
        if (request.detections().size() > settings.maxDetections()) {
            throw ApiException.badRequest("detections", "at most " + settings.maxDetections()
                    + " detections per request (PEM_MAX_DETECTIONS); got " + request.detections().size());
        }
        Map<String, ObjectFiles> files = new LinkedHashMap<>();
        for (int i = 0; i < request.detections().size(); i++) {
            String name = request.detections().get(i).objectName();
            String field = "detections[" + i + "].object_name";
            files.computeIfAbsent(name, n -> ObjectFiles.locate(staticDir, request.className(), n, field));
        }
        DecodedFrame decoded = frames.decode(request.rgbImage(), request.depthImage(), request.camK(),
                request.depthScale());
        List<Detection> detections = new ArrayList<>();
        for (int i = 0; i < request.detections().size(); i++) {
            DetectionDto d = request.detections().get(i);
            detections.add(DtoMapping.detection(d, decoded.frame().width(), decoded.frame().height(),
                    "detections[" + i + "]"));
        }
        List<PreparedModel> models = new ArrayList<>();
        for (ObjectFiles f : files.values()) {
            Deadline.checkCurrent(); // preparing an object takes up to seconds: stop when the caller has given up
            models.add(cache.get(f));
        }
        Deadline.checkCurrent();
        List<PoseResult> results = detections.isEmpty() ? List.of()
                : engine.estimate(decoded.frame(), detections, models, request.debug());
        List<PoseEstimateDto> poses = results.stream().map(r -> toDto(r, request.debug())).toList();
        long ms = (System.nanoTime() - start) / 1_000_000;
        log.info("estimate {}: {} pose(s) for {} detection(s) in {} ms", request.className(), poses.size(),
                detections.size(), ms);
        return new EstimateResponse(poses, decoded.warnings(), engine.name(), ms);
    }

    private static PoseEstimateDto toDto(PoseResult r, boolean debug) {
        PoseDto pose = DtoMapping.pose(r.modelToCamera());
        List<PoseEstimateDto.RejectedHypothesis> rejected = !debug || r.rejected() == null ? null
                : r.rejected().stream().map(h -> {
                    PoseDto p = DtoMapping.pose(h.modelToCamera());
                    return new PoseEstimateDto.RejectedHypothesis(p.r(), p.t(), h.score(), h.stage());
                }).toList();
        return new PoseEstimateDto(r.detectionIndex(), r.objectName(), pose.r(), pose.t(), r.score(), rejected,
                debug ? r.decision() : null);
    }
}
