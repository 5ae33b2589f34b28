package io.sam6d.render.templates;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.file.Path;

import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.web.ApiExceptionHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** Every kind of bad request gets a 4xx problem naming the field, never a 500; nothing here renders. */
@WebMvcTest(RenderController.class)
@Import({RenderJobService.class, ApiExceptionHandler.class, RenderControllerSliceTest.Static.class})
class RenderControllerSliceTest {

    static final Path STATIC = TestStatic.create();

    static {
        TestStatic.write(STATIC, "meshes/test/cube.ply", TestStatic.cubePly(50));
        TestStatic.write(STATIC, "meshes/test/notes.txt", "not a mesh");
    }

    @TestConfiguration
    @EnableConfigurationProperties(RenderProperties.class)
    static class Static {
        @Bean
        StaticDirectory staticDirectory() {
            return new StaticDirectory(STATIC);
        }
    }

    @Autowired
    MockMvc mvc;

    private ResultActions postJson(String body) throws Exception {
        return mvc.perform(post("/api/v1/render/templates").contentType(MediaType.APPLICATION_JSON).content(body));
    }

    private static void expectProblem(ResultActions r, int status, String field) throws Exception {
        r.andExpect(status().is(status))
                .andExpect(header().string("Content-Type", containsString("application/problem+json")))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").exists())
                .andExpect(jsonPath("$.detail").exists())
                .andExpect(jsonPath("$.field").value(field));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "{}|400|class_name",
        "{\"class_name\": \"\"}|400|class_name",
        "{\"class_name\": \"../etc\", \"object_name\": \"cube\"}|400|class_name",
        "{\"class_name\": \"test\"}|400|object_name",
        "{\"class_name\": \"test\", \"object_name\": \"a/b\"}|400|object_name",
        "{\"class_name\": \"test\", \"object_name\": \"..\"}|400|object_name",
        "{\"class_name\": \"nope\", \"object_name\": \"cube\"}|404|class_name",
        "{\"class_name\": \"test\", \"object_name\": \"nope\"}|404|object_name",
        "{\"class_name\": \"test\", \"mesh_path\": \"../../etc/passwd.ply\"}|400|mesh_path",
        "{\"class_name\": \"test\", \"mesh_path\": \"/etc/passwd\"}|400|mesh_path",
        "{\"class_name\": \"test\", \"mesh_path\": \"meshes/test/notes.txt\"}|400|mesh_path",
        "{\"class_name\": \"test\", \"mesh_path\": \"meshes/test/missing.ply\"}|404|mesh_path",
        "{\"class_name\": \"test\", \"object_name\": \"cube\", \"force_regenerate\": \"maybe\"}|400|force_regenerate",
        "{\"class_name\": \"test\", \"object_name\": \"cube\", \"options\": {\"views\": 0}}|400|options.views",
        "{\"class_name\": \"test\", \"object_name\": \"cube\", \"options\": {\"image_size\": 5000}}|400|options.image_size",
        "{\"class_name\": \"test\", \"object_name\": \"cube\", \"options\": {\"distance_mm\": -1}}|400|options.distance_mm",
        "{\"class_name\": \"test\", \"object_name\": \"cube\", \"options\": {\"unit_scale\": 0}}|400|options.unit_scale",
        "{\"class_name\": \"test\", \"object_name\": \"cube\", \"options\": {\"views\": \"many\"}}|400|options.views",
        "{\"class_name\": 7, \"object_name\": []}|400|object_name",
        "[1, 2]|400|body",
        "{not json|400|body"})
    void badRequestsAreProblemsNamingTheField(String body, int status, String field) throws Exception {
        expectProblem(postJson(body), status, field);
    }

    @Test
    void missingBodyIsABadRequest() throws Exception {
        expectProblem(mvc.perform(post("/api/v1/render/templates").contentType(MediaType.APPLICATION_JSON)), 400,
                "body");
    }

    @Test
    void unknownOrMalformedJobIdsAndBadListParameters() throws Exception {
        expectProblem(mvc.perform(get("/api/v1/render/jobs/0b9f0a4e-0000-4000-8000-000000000000")), 404, "job_id");
        expectProblem(mvc.perform(get("/api/v1/render/jobs/bad id!")), 400, "job_id");
        expectProblem(mvc.perform(get("/api/v1/render/jobs").param("limit", "0")), 400, "limit");
        expectProblem(mvc.perform(get("/api/v1/render/jobs").param("limit", "lots")), 400, "limit");
        expectProblem(mvc.perform(get("/api/v1/render/jobs").param("status", "sleeping")), 400, "status");
        mvc.perform(get("/api/v1/render/jobs")).andExpect(status().isOk()).andExpect(jsonPath("$.jobs").isArray());
    }
}
