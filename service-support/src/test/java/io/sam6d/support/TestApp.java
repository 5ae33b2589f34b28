package io.sam6d.support;

import java.util.Map;

import io.sam6d.support.web.ApiException;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A minimal server with service-support, for testing what every sam6d server shares. */
@SpringBootApplication
public class TestApp {

    @RestController
    static class EchoController {
        @PostMapping("/api/v1/echo")
        Map<String, Object> echo(@RequestBody Map<String, Object> body) {
            return Map.of("size", body.size());
        }

        @GetMapping("/api/v1/items/{item_name}")
        Map<String, String> item(@PathVariable("item_name") String name) {
            if (name.equals("missing")) {
                throw ApiException.notFound("item_name", "no item '" + name + "'");
            }
            return Map.of("item_name", name);
        }
    }
}
