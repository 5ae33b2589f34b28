package io.sam6d.main.workflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A real static/ tree for the workflow tests: the LM-O frame under input/ and the LM-O can as meshes. */
final class WorkflowStatic {

    private WorkflowStatic() {
    }

    static Path sharedData() {
        return Path.of(System.getProperty("sam6d.shared.dir", "../../shared")).resolve("data").toAbsolutePath()
                .normalize();
    }

    static Path create() {
        try {
            Path dir = Files.createTempDirectory("sam6d-wf-static-");
            Path frame = sharedData().resolve("lmo_example");
            Files.createDirectories(dir.resolve("input"));
            for (String f : new String[] {"rgb.png", "depth.png", "camera.json"}) {
                Files.copy(frame.resolve(f), dir.resolve("input").resolve(f));
            }
            Files.createDirectories(dir.resolve("templates"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** static/meshes/<cls>/<obj>.ply (the LM-O can), with complete templates when asked. */
    static void addObject(Path staticDir, String cls, String obj, boolean templates) {
        try {
            Path mesh = staticDir.resolve("meshes").resolve(cls).resolve(obj + ".ply");
            Files.createDirectories(mesh.getParent());
            if (!Files.exists(mesh)) {
                Files.copy(sharedData().resolve("lmo_example/obj_000005.ply"), mesh,
                        StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (templates) {
            ComputeStubs.writeTemplates(staticDir.resolve("templates").resolve(cls).resolve(obj));
        }
    }
}
