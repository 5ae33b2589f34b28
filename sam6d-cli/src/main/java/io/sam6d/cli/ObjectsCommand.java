package io.sam6d.cli;

import java.util.concurrent.Callable;

import io.sam6d.model.objects.ClassListResponse;
import io.sam6d.model.objects.ClassObjectsResponse;
import io.sam6d.model.objects.ObjectDetail;
import io.sam6d.model.objects.ObjectSummary;
import io.sam6d.model.objects.RescanResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "objects", description = {"The object database: every class, the objects of a class, or one object.",
    "Objects need templates (status ready) before ISM can find them; `sam6d render` makes them."})
final class ObjectsCommand implements Callable<Integer> {

    @ParentCommand
    Sam6d root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CLASS", description = "a class: list its objects")
    String className;

    @Parameters(index = "1", arity = "0..1", paramLabel = "OBJECT", description = "an object of the class: its files")
    String objectName;

    @Option(names = "--rescan", description = "scan static/ again first (new meshes and templates)")
    boolean rescan;

    @Override
    public Integer call() {
        MainServer api = root.api();
        if (rescan) {
            RescanResponse r = api.rescan();
            if (!root.json) {
                root.println("rescanned in %s: %d added, %d updated, %d removed, %d objects", Sam6d.seconds(
                        r.durationMs()), r.added().size(), r.updated().size(), r.removed().size(), r.totalObjects());
            }
        }
        if (className == null) {
            ClassListResponse r = api.classes();
            if (root.json) {
                root.printJson(r);
                return ExitCodes.OK;
            }
            root.println("%-20s %8s %10s %9s", "CLASS", "OBJECTS", "TEMPLATES", "COMPLETE");
            r.classes().forEach(c -> root.println("%-20s %8d %10d %8.1f%%", c.name(), c.objectCount(),
                    c.templateCount(), c.templateCompletionRate()));
            root.println("%d classes, %d objects, %d with templates (%.1f%%)", r.totalClasses(), r.totalObjects(),
                    r.totalTemplates(), r.overallCompletionRate());
        } else if (objectName == null) {
            ClassObjectsResponse r = api.objectsOf(className);
            if (root.json) {
                root.printJson(r);
                return ExitCodes.OK;
            }
            root.println("%-24s %-15s %-18s %s", "OBJECT", "STATUS", "MASK/RGB/XYZ", "CAD");
            for (ObjectSummary o : r.objects()) {
                String counts = o.templateFiles() == null ? "-" : o.templateFiles().maskCount() + "/"
                        + o.templateFiles().rgbCount() + "/" + o.templateFiles().xyzCount();
                root.println("%-24s %-15s %-18s %s", o.name(), o.status(), counts, o.cadPath());
            }
            root.println("%d objects, %d with templates", r.objectCount(), r.templateCount());
        } else {
            ObjectDetail d = api.object(className, objectName);
            if (root.json) {
                root.printJson(d);
                return ExitCodes.OK;
            }
            root.println("%s/%s: %s", d.className(), d.name(), d.status());
            root.println("  CAD       %s (%s, %d bytes)", d.cadInfo().path(), d.cadInfo().format(),
                    d.cadInfo().sizeBytes());
            var t = d.templateInfo();
            root.println("  templates %s: %d masks, %d rgb, %d xyz%s", t.path(), t.files().maskFiles(),
                    t.files().rgbFiles(), t.files().xyzFiles(),
                    t.lastGenerated() == null ? "" : ", made " + t.lastGenerated());
        }
        return ExitCodes.OK;
    }
}
