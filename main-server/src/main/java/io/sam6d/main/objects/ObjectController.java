package io.sam6d.main.objects;

import io.sam6d.model.objects.ClassListResponse;
import io.sam6d.model.objects.ClassObjectsResponse;
import io.sam6d.model.objects.ObjectDetail;
import io.sam6d.model.objects.RescanResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/objects")
@Tag(name = "objects", description = "The object database: CAD models under static/meshes and their templates")
class ObjectController {

    private final ObjectCatalog catalog;

    ObjectController(ObjectCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/classes")
    @Operation(summary = "All object classes with template completion statistics")
    ClassListResponse classes() {
        return catalog.listClasses();
    }

    @GetMapping("/classes/{class_name}")
    @Operation(summary = "The objects of one class and the state of their templates")
    ClassObjectsResponse classObjects(@PathVariable("class_name") String className,
            @Parameter(description = "only objects in this state")
            @RequestParam(name = "status", required = false) ObjectStatusFilter status) {
        return catalog.listObjects(className, status == null ? null : status.value());
    }

    @GetMapping("/{class_name}/{object_name}")
    @Operation(summary = "One object: its CAD file and templates")
    ObjectDetail object(@PathVariable("class_name") String className,
            @PathVariable("object_name") String objectName) {
        return catalog.getObject(className, objectName);
    }

    @PostMapping({"/rescan", "/scan"})
    @Operation(summary = "Scan static/ now and bring the object database in step")
    RescanResponse rescan() {
        return catalog.rescan();
    }
}
