package io.sam6d.main.workflow;

import java.util.ArrayList;
import java.util.List;

import io.sam6d.main.jobs.JobCancelledException;
import io.sam6d.main.jobs.JobContext;
import io.sam6d.main.jobs.JobFailedException;
import io.sam6d.main.jobs.JobHandler;
import io.sam6d.main.objects.ObjectCatalog;
import io.sam6d.model.objects.ObjectSummary;
import io.sam6d.model.render.RenderJobStatus;
import io.sam6d.model.workflow.RenderTemplatesResult;
import io.sam6d.model.workflow.RenderTemplatesWorkflowRequest;
import org.springframework.stereotype.Component;

/**
 * {@code render_templates}: renders the templates of a class's objects one after the other, skipping those whose
 * templates are complete. An object that fails does not stop the others; the job fails at the end, naming them.
 */
@Component
class RenderTemplatesJob implements JobHandler {

    private final ObjectCatalog catalog;
    private final PipelineInputs inputs;
    private final TemplateStage templates;

    RenderTemplatesJob(ObjectCatalog catalog, PipelineInputs inputs, TemplateStage templates) {
        this.catalog = catalog;
        this.inputs = inputs;
        this.templates = templates;
    }

    @Override
    public String type() {
        return JobTypes.RENDER_TEMPLATES;
    }

    /** The objects a request names, or every object of the class. */
    List<String> objects(RenderTemplatesWorkflowRequest r) {
        if (r.objectNames() == null || r.objectNames().isEmpty()) {
            return catalog.listObjects(r.className(), null).objects().stream().map(ObjectSummary::name).toList();
        }
        return inputs.objectNames(r.className(), null, r.objectNames(), "");
    }

    @Override
    public RenderTemplatesResult run(JobContext job) {
        RenderTemplatesWorkflowRequest r = job.input(RenderTemplatesWorkflowRequest.class);
        List<String> objects = objects(r);
        boolean force = Boolean.TRUE.equals(r.forceRegenerate());
        List<RenderTemplatesResult.Item> items = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            job.checkCancelled();
            String object = objects.get(i);
            ProgressWindow share = new ProgressWindow(job, 100 * i / objects.size(), 100 * (i + 1) / objects.size());
            share.stage("render", 0);
            long start = System.nanoTime();
            try {
                RenderJobStatus done = templates.ensure(job, r.className(), object, force, share);
                long ms = (System.nanoTime() - start) / 1_000_000;
                items.add(done == null || done.skipped()
                        ? new RenderTemplatesResult.Item(object, "skipped", 0, templatePath(r.className(), object),
                                null, ms)
                        : new RenderTemplatesResult.Item(object, "rendered", done.viewsRendered(), done.outputDir(),
                                null, ms));
            } catch (JobCancelledException e) {
                throw e;
            } catch (RuntimeException e) {
                items.add(new RenderTemplatesResult.Item(object, "failed", 0, templatePath(r.className(), object),
                        e.getMessage(), (System.nanoTime() - start) / 1_000_000));
            }
        }
        RenderTemplatesResult result = new RenderTemplatesResult(r.className(), count(items, "rendered"),
                count(items, "skipped"), count(items, "failed"), items);
        if (result.failed() > 0) {
            throw new JobFailedException(result.failed() + " of " + objects.size() + " objects failed: "
                    + String.join("; ", items.stream().filter(it -> it.status().equals("failed"))
                            .map(it -> it.objectName() + ": " + it.error()).toList()), result);
        }
        return result;
    }

    private static String templatePath(String className, String objectName) {
        return "static/templates/" + className + "/" + objectName;
    }

    private static int count(List<RenderTemplatesResult.Item> items, String status) {
        return (int) items.stream().filter(i -> i.status().equals(status)).count();
    }
}
