package io.sam6d.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import io.sam6d.model.workflow.FullPipelineRequest;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "batch", description = {"Runs the full pipeline for every object on every frame: one job each,"
        + " --parallel at a time. One failed item never stops the others.",
    "Writes a summary JSON (default rss_batch_summary.json)."})
final class BatchCommand implements Callable<Integer> {

    @ParentCommand
    Sam6d root;

    @Mixin
    BatchOptions batch;

    static final class Source {
        @Option(names = "--frames", required = true, paramLabel = "DIR",
                description = "a frame folder, or a folder of frame folders")
        String frames;

        @Option(names = "--list", required = true, paramLabel = "FILE",
                description = "a file naming one frame per line: a frame folder, or RGB DEPTH CAMERA")
        String list;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Source source;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "2",
            description = "jobs in flight at once (default: 2)")
    int parallel;

    @Mixin
    FrameOptions frameOptions;

    @Override
    public Integer call() {
        batch.check();
        if (parallel < 1) {
            throw CliException.usage("--parallel must be at least 1");
        }
        Frames frames = frameOptions.frames(root.terminal);
        List<Frames.Frame> all = source.frames != null ? frames.inFolder(source.frames) : frames.inList(source.list);
        MainServer api = root.api();
        List<String> objects = batch.objectNames(api);
        List<Tracked> items = new ArrayList<>();
        for (Frames.Frame f : all) {
            Frames.Payload payload = frames.payload(f);
            String frameName = f.label().substring(f.label().lastIndexOf('/') + 1);
            for (String object : objects) {
                FullPipelineRequest request = new FullPipelineRequest(batch.className, object, null, payload.paths(),
                        payload.images(), batch.mode, batch.tagFor(frameName, object), null, null, null, null);
                items.add(new Tracked(items.size(), object + " @ " + f.label(), "full-pipeline", request, object,
                        f.label()));
            }
        }
        return batch.run(root, api, items, parallel);
    }
}
