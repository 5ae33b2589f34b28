package io.sam6d.ism.segment;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sam6d.model.ism.DetectionDto;
import io.sam6d.model.ism.SegmentRequest;
import io.sam6d.model.ism.SegmentResponse;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.frames.DecodedFrame;
import io.sam6d.support.frames.FrameDecoder;
import io.sam6d.support.models.DtoMapping;
import io.sam6d.support.models.ObjectFiles;
import io.sam6d.support.models.PreparedModelCache;
import io.sam6d.support.web.ApiException;
import io.sam6d.vision.detection.Detection;
import io.sam6d.vision.detection.SegmentationResult;
import io.sam6d.vision.model.Deadline;
import io.sam6d.vision.model.PreparedModel;
import io.sam6d.vision.segmentation.Segmenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/** Answers segment requests: decodes the frame, takes the prepared objects from the cache, runs the engine. */
@Service
class SegmentationService {

    private static final Logger log = LoggerFactory.getLogger(SegmentationService.class);

    private final Segmenter engine;
    private final StaticDirectory staticDir;
    private final IsmSettings settings;
    private final PreparedModelCache cache;
    private final FrameDecoder frames;

    SegmentationService(Segmenter engine, StaticDirectory staticDir, IsmSettings settings, PreparedModelCache cache,
            FrameDecoder frames) {
        this.engine = engine;
        this.staticDir = staticDir;
        this.settings = settings;
        this.cache = cache;
        this.frames = frames;
    }

    SegmentResponse segment(SegmentRequest request) {
        long start = System.nanoTime();
        String field = request.objectName() != null ? "object_name" : "object_names";
        List<String> names = objectNames(request, settings.maxObjects());
        double threshold = request.scoreThreshold() != null ? request.scoreThreshold()
                : settings.scoreThreshold() != null ? settings.scoreThreshold() : engine.defaultScoreThreshold();
        if (!(threshold >= 0 && threshold <= 1)) {
            throw ApiException.badRequest("score_threshold", "score_threshold must be within 0..1");
        }
        int max = request.maxDetections() == null ? settings.maxDetections() : request.maxDetections();
        if (max < 1) {
            throw ApiException.badRequest("max_detections", "max_detections must be at least 1");
        }
        List<ObjectFiles> files = names.stream()
                .map(n -> ObjectFiles.locate(staticDir, request.className(), n, field)).toList();
        DecodedFrame decoded = frames.decode(request.rgbImage(), request.depthImage(), request.camK(),
                request.depthScale());
        List<PreparedModel> models = new ArrayList<>();
        for (ObjectFiles f : files) {
            Deadline.checkCurrent(); // preparing an object takes up to seconds: stop when the caller has given up
            models.add(cache.get(f));
        }
        Deadline.checkCurrent();
        SegmentationResult result = engine.segment(decoded.frame(), models, threshold, max);

        List<DetectionDto> detections = new ArrayList<>();
        Map<String, Integer> perObject = new HashMap<>();
        for (Detection d : result.detections()) {
            if (d.score() >= threshold && perObject.merge(d.objectName(), 1, Integer::sum) <= max) {
                detections.add(DtoMapping.detection(d));
            }
        }
        List<String> warnings = new ArrayList<>(decoded.warnings());
        warnings.addAll(result.warnings());
        long ms = (System.nanoTime() - start) / 1_000_000;
        log.info("segment {} {}: {} detection(s) in {} ms", request.className(), names, detections.size(), ms);
        return new SegmentResponse(detections, warnings, decoded.depthResampled(), engine.name(), ms);
    }

    private static List<String> objectNames(SegmentRequest r, int maxObjects) {
        boolean one = r.objectName() != null && !r.objectName().isBlank();
        boolean many = r.objectNames() != null && !r.objectNames().isEmpty();
        if (one == many) {
            throw ApiException.badRequest(one ? "object_names" : "object_name",
                    "give exactly one of object_name or object_names");
        }
        Set<String> unique = new LinkedHashSet<>(one ? List.of(r.objectName()) : r.objectNames());
        if (unique.size() > maxObjects) {
            throw ApiException.badRequest("object_names", "at most " + maxObjects + " objects per request"
                    + " (ISM_MAX_OBJECTS)");
        }
        return List.copyOf(unique);
    }
}
