package io.sam6d.main.workflow;

import java.util.List;

import io.sam6d.model.frame.FrameInput;
import io.sam6d.model.workflow.InputImages;

/**
 * A checked full-pipeline request: names verified against the object database, paths resolved inside static/.
 * Exactly one of {@code inputImages} and {@code images} is set.
 */
record PipelinePlan(String className, List<String> objectNames, InputImages inputImages, FrameInput images,
        OutputMode outputMode, OutputFolders.OutputDir outputDir, Double scoreThreshold, Integer maxDetections,
        boolean forceRegenerate) {
}
