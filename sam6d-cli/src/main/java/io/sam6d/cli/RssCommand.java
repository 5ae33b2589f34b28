package io.sam6d.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.sam6d.model.workflow.RssPipelineRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "rss", description = {"Takes --count frames from a RealSense streaming server (RSS), one after the"
        + " other, and runs the full pipeline with every object on each: one job per frame.",
    "Writes a summary JSON (default rss_batch_summary.json)."})
final class RssCommand implements Callable<Integer> {

    @ParentCommand
    Sam6d root;

    @Mixin
    BatchOptions batch;

    @Option(names = "--camera", required = true, paramLabel = "URL",
            description = "the camera server's base URL, e.g. http://camera-host:8080")
    String camera;

    @Option(names = "--count", paramLabel = "N", defaultValue = "1", description = "frames to take (default: 1)")
    int count;

    @Option(names = "--align", description = "main-server reprojects depth into the colour camera (align_color)")
    boolean align;

    @Override
    public Integer call() {
        batch.check();
        if (count < 1) {
            throw CliException.usage("--count must be at least 1");
        }
        MainServer api = root.api();
        List<String> objects = batch.objectNames(api);
        List<Tracked> items = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            RssPipelineRequest request = new RssPipelineRequest(camera, batch.className, null, objects, align, 1,
                    batch.mode, batch.tagFor("frame" + (i + 1)), null, null, null, null, null, null, null);
            String frame = "rss frame " + (i + 1);
            items.add(new Tracked(i, String.join(",", objects) + " @ " + frame, "full-pipeline-from-rss", request,
                    String.join(",", objects), frame));
        }
        // frames one after another: each job takes its frame when it runs
        return batch.run(root, api, items, 1);
    }
}
