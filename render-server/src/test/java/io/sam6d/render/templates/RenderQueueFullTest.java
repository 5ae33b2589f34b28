package io.sam6d.render.templates;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.sam6d.support.web.ApiExceptionHandler;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** A full job queue is a 503 problem with Retry-After, so clients back off instead of failing. */
@WebMvcTest(RenderController.class)
@Import(ApiExceptionHandler.class)
class RenderQueueFullTest {

    @Autowired
    MockMvc mvc;

    @MockitoBean
    RenderJobService jobs;

    @Test
    void fullQueueAnswers503WithRetryAfter() throws Exception {
        when(jobs.submit(any())).thenThrow(new RenderQueueFullException("all 1 render workers are busy"));
        mvc.perform(post("/api/v1/render/templates").contentType(MediaType.APPLICATION_JSON)
                        .content("{\"class_name\": \"test\", \"object_name\": \"cube\"}"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string("Retry-After", String.valueOf(RenderController.RETRY_AFTER_S)))
                .andExpect(jsonPath("$.title").value("Render queue full"))
                .andExpect(jsonPath("$.detail").value("all 1 render workers are busy"));
    }
}
