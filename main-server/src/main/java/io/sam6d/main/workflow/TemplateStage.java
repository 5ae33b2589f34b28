package io.sam6d.main.workflow;

import io.sam6d.main.compute.ComputeClient;
import io.sam6d.main.jobs.JobContext;
import io.sam6d.main.objects.ObjectCatalog;
import io.sam6d.model.render.RenderJobStatus;
import io.sam6d.model.render.RenderTemplatesRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Makes sure an object has templates: asks the object database, renders through render-server only when they are
 * missing (or forced), then rescans so the database and its cached answers show the new templates.
 */
@Component
class TemplateStage {

    private static final Logger log = LoggerFactory.getLogger(TemplateStage.class);

    private final ObjectCatalog catalog;
    private final ComputeClient compute;

    TemplateStage(ObjectCatalog catalog, ComputeClient compute) {
        this.catalog = catalog;
        this.compute = compute;
    }

    boolean hasTemplates(String className, String objectName) {
        return catalog.getObject(className, objectName).templateInfo().hasTemplate();
    }

    /**
     * @return the render job's end, or null when complete templates existed and nothing was asked of render-server
     */
    RenderJobStatus ensure(JobContext job, String className, String objectName, boolean force,
            ProgressWindow progress) {
        if (!force && hasTemplates(className, objectName)) {
            return null;
        }
        log.info("job {}: rendering templates of {}/{}{}", job.jobId(), className, objectName,
                force ? " (forced)" : "");
        RenderJobStatus done = compute.renderTemplates(new RenderTemplatesRequest(className, objectName, null, force,
                null), progress::progress, job::stopRequested);
        job.checkCancelled();
        catalog.rescan();
        return done;
    }
}
