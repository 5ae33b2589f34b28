package io.sam6d.main.objects;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The object database over real HTTP, run once per database (H2 and PostgreSQL subclasses). Each test works in its
 * own class folder under a shared temporary static/ so tests don't disturb each other.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ObjectApiContractTests {

    @Autowired
    TestRestTemplate http;

    @Autowired
    ObjectCatalog catalog;

    @Autowired
    CatalogObjectRepository repository;

    /** Each database gets its own static/ tree, so the subclasses never see each other's files. */
    abstract Path staticDir();

    @BeforeEach
    void seedDemoObject() throws IOException {
        TestStatic.addMesh(staticDir(), "test", "obj_000005");
        catalog.rescan();
    }

    @Test
    void classesListTheDemoObjectWithSeedFieldNames() {
        JsonNode body = getOk("/api/v1/objects/classes");
        assertThat(body.fieldNames()).toIterable().contains("classes", "total_classes", "total_objects",
                "total_templates", "overall_completion_rate");
        JsonNode test = find(body.get("classes"), "test");
        assertThat(test.get("path").asText()).isEqualTo("static/meshes/test");
        assertThat(test.get("object_count").asInt()).isEqualTo(1);
        assertThat(test.get("template_count").asInt()).isZero();
        assertThat(test.get("template_completion_rate").asDouble()).isZero();
    }

    @Test
    void classAndObjectDetailHaveTheSeedShape() {
        JsonNode cls = getOk("/api/v1/objects/classes/test");
        assertThat(cls.get("class_name").asText()).isEqualTo("test");
        assertThat(cls.get("object_count").asInt()).isEqualTo(1);
        JsonNode obj = cls.get("objects").get(0);
        assertThat(obj.get("name").asText()).isEqualTo("obj_000005");
        assertThat(obj.get("cad_file").asText()).isEqualTo("obj_000005.ply");
        assertThat(obj.get("cad_path").asText()).isEqualTo("static/meshes/test/obj_000005.ply");
        assertThat(obj.get("template_path").asText()).isEqualTo("static/templates/test/obj_000005");
        assertThat(obj.get("has_template").asBoolean()).isFalse();
        assertThat(obj.get("template_files").get("mask_count").asInt()).isZero();
        assertThat(obj.get("status").asText()).isEqualTo("needs_template");
        assertThat(obj.get("last_updated").asText()).endsWith("Z");

        JsonNode detail = getOk("/api/v1/objects/test/obj_000005");
        assertThat(detail.get("name").asText()).isEqualTo("obj_000005");
        assertThat(detail.get("class").asText()).isEqualTo("test");
        assertThat(detail.get("cad_info").get("file").asText()).isEqualTo("obj_000005.ply");
        assertThat(detail.get("cad_info").get("size_bytes").asLong())
                .isEqualTo(staticDir().resolve("meshes/test/obj_000005.ply").toFile().length());
        assertThat(detail.get("template_info").get("has_template").asBoolean()).isFalse();
        assertThat(detail.get("template_info").get("files").get("mask_files").asInt()).isZero();
        assertThat(detail.get("status").asText()).isEqualTo("needs_template");
    }

    @Test
    void templatesOnDiskMakeAnObjectReadyAndCountTowardsCompletion() throws IOException {
        TestStatic.addMesh(staticDir(), "tpl", "a");
        TestStatic.addMesh(staticDir(), "tpl", "b");
        TestStatic.addTemplates(staticDir(), "tpl", "a", 3);
        TestStatic.addTemplates(staticDir(), "tpl", "b", 2);
        Files.delete(staticDir().resolve("templates/tpl/b/xyz_1.npy")); // b incomplete
        catalog.rescan();

        JsonNode cls = getOk("/api/v1/objects/classes/tpl");
        assertThat(cls.get("template_count").asInt()).isEqualTo(1);
        assertThat(cls.get("template_completion_rate").asDouble()).isEqualTo(50.0);
        JsonNode a = find(cls.get("objects"), "a");
        assertThat(a.get("has_template").asBoolean()).isTrue();
        assertThat(a.get("status").asText()).isEqualTo("ready");
        assertThat(a.get("template_files").get("mask_count").asInt()).isEqualTo(3);
        assertThat(a.get("template_files").get("rgb_count").asInt()).isEqualTo(3);
        assertThat(a.get("template_files").get("xyz_count").asInt()).isEqualTo(3);
        assertThat(find(cls.get("objects"), "b").get("status").asText()).isEqualTo("needs_template");

        JsonNode ready = getOk("/api/v1/objects/classes/tpl?status=ready");
        assertThat(ready.get("objects")).hasSize(1);
        JsonNode detail = getOk("/api/v1/objects/tpl/a");
        assertThat(detail.get("template_info").get("last_generated").isNull()).isFalse();
    }

    @Test
    void rescanAddsKeepsAndRemovesRows() throws IOException {
        TestStatic.addMesh(staticDir(), "scan", "keep");
        TestStatic.addMesh(staticDir(), "scan", "gone");
        catalog.rescan();
        Long keepId = idOf("scan", "keep");

        Files.delete(staticDir().resolve("meshes/scan/gone.ply"));
        TestStatic.addMesh(staticDir(), "scan", "fresh");
        ResponseEntity<JsonNode> r = http.postForEntity("/api/v1/objects/rescan", null, JsonNode.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(r.getBody().get("added").toString()).contains("scan/fresh");
        assertThat(r.getBody().get("removed").toString()).contains("scan/gone");

        assertThat(idOf("scan", "keep")).isEqualTo(keepId);
        assertThat(http.getForEntity("/api/v1/objects/scan/gone", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(getOk("/api/v1/objects/classes/scan").get("object_count").asInt()).isEqualTo(2);
    }

    @Test
    void aChangedMeshIsUpdatedInPlace() throws IOException {
        TestStatic.addMesh(staticDir(), "chg", "m");
        catalog.rescan();
        long before = getOk("/api/v1/objects/chg/m").get("cad_info").get("size_bytes").asLong();
        Files.writeString(staticDir().resolve("meshes/chg/m.ply"), "\n", java.nio.file.StandardOpenOption.APPEND);
        var result = catalog.rescan();
        assertThat(result.updated()).contains("chg/m");
        assertThat(getOk("/api/v1/objects/chg/m").get("cad_info").get("size_bytes").asLong()).isEqualTo(before + 1);
    }

    @Test
    void unknownClassOrObjectIs404NamingTheField() {
        assertProblem("/api/v1/objects/classes/nope", HttpStatus.NOT_FOUND, "class_name");
        assertProblem("/api/v1/objects/nope/obj_000005", HttpStatus.NOT_FOUND, "class_name");
        assertProblem("/api/v1/objects/test/nope", HttpStatus.NOT_FOUND, "object_name");
    }

    @Test
    void namesThatCouldLeaveStaticAre400() {
        assertProblem("/api/v1/objects/classes/a..b", HttpStatus.BAD_REQUEST, "class_name");
        assertProblem("/api/v1/objects/test/..obj", HttpStatus.BAD_REQUEST, "object_name");
        assertProblem("/api/v1/objects/classes/te%2Fst", HttpStatus.BAD_REQUEST, "class_name");
        assertProblem("/api/v1/objects/test/a%2F..%2F..%2Fetc", HttpStatus.BAD_REQUEST, "object_name");
        assertProblem("/api/v1/objects/classes/a%5Cb", HttpStatus.BAD_REQUEST, "class_name");
        // a literal '..' segment is normalised away by the server before routing: never a 200 or a 500
        ResponseEntity<JsonNode> dots = http.getForEntity("/api/v1/objects/test/..", JsonNode.class);
        assertThat(dots.getStatusCode().is4xxClientError()).isTrue();
        assertThat(dots.getHeaders().getContentType().toString()).contains("json");
    }

    @Test
    void badQueryValuesAre400NamingTheParameter() {
        ResponseEntity<JsonNode> r = http.getForEntity("/api/v1/objects/classes/test?status=maybe", JsonNode.class);
        assertThat(r.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(r.getBody().has("field")).as(r.getBody().toString()).isTrue();
        assertThat(r.getBody().get("field").asText()).isEqualTo("status");
        assertThat(r.getBody().get("detail").asText()).contains("ready", "needs_template");
    }

    private void assertProblem(String url, HttpStatus status, String field) {
        ResponseEntity<JsonNode> r = http.getForEntity(url, JsonNode.class);
        assertThat(r.getStatusCode()).as(url).isEqualTo(status);
        assertThat(r.getHeaders().getContentType().toString()).contains("json");
        assertThat(r.getBody().get("field").asText()).as(url).isEqualTo(field);
        assertThat(r.getBody().get("title").asText()).isNotBlank();
        assertThat(r.getBody().get("detail").asText()).isNotBlank();
    }

    private JsonNode getOk(String url) {
        ResponseEntity<JsonNode> r = http.getForEntity(url, JsonNode.class);
        assertThat(r.getStatusCode()).as(url + ": " + r.getBody()).isEqualTo(HttpStatus.OK);
        return r.getBody();
    }

    private Long idOf(String cls, String obj) {
        return repository.findByClassNameAndObjectName(cls, obj).orElseThrow().getId();
    }

    private static JsonNode find(JsonNode array, String name) {
        for (JsonNode n : array) {
            if (name.equals(n.get("name").asText())) {
                return n;
            }
        }
        throw new AssertionError(name + " not in " + array);
    }

    static Map<String, Object> commonProperties(Path staticDir) {
        return Map.of("sam6d.static-dir", staticDir.toString(), "sam6d.objects.watch-interval-ms", "3600000");
    }

}
