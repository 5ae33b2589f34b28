package io.sam6d.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.sam6d.model.workflow.RenderTemplatesResult;
import io.sam6d.model.workflow.RenderTemplatesWorkflowRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "render", description = {"Renders the templates of a class's objects (all of them, or those named);"
        + " objects with complete templates are skipped unless --force."})
final class RenderCommand implements Callable<Integer> {

    @ParentCommand
    Sam6d root;

    @Parameters(index = "0", paramLabel = "CLASS", description = "the class")
    String className;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "OBJECT", description = "objects (default: all)")
    List<String> objects;

    @Option(names = "--force", description = "render even complete templates again")
    boolean force;

    @Option(names = "--detach", description = "submit, print the job id and return (`sam6d jobs watch` follows it)")
    boolean detach;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "1h", converter = DurationConverter.class,
            description = "stop following after this long (default: 1h); the job goes on")
    Duration timeout;

    @Override
    public Integer call() {
        var request = new RenderTemplatesWorkflowRequest(className, objects, force, null);
        Tracked t = new Tracked(0, className + (objects == null ? " (all objects)" : " " + String.join(",", objects)),
                "render-templates", request, null, null);
        if (detach) {
            return RunCommand.detach(root, t);
        }
        root.tracker(timeout).run(List.of(t), 1);
        if (root.json) {
            root.printJson(t.job);
        } else if (t.job != null && t.job.output() != null) {
            RenderTemplatesResult r = Json.MAPPER.convertValue(t.job.output(), RenderTemplatesResult.class);
            for (RenderTemplatesResult.Item i : r.objects()) {
                root.println("  %-24s %-9s %3d views  %-8s %s%s", i.objectName(), i.status(), i.viewsRendered(),
                        Sam6d.seconds(i.durationMs()), i.templatePath(), i.error() == null ? "" : "  " + i.error());
            }
            root.println("%d rendered, %d skipped, %d failed", r.rendered(), r.skipped(), r.failed());
        }
        return JobTracker.exitCode(List.of(t));
    }
}
