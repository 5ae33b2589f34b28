package io.sam6d.render;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Render (8004): template rendering of CAD meshes as jobs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class RenderServerApplication {

    public static void main(String[] args) {
        SpringApplication.run(RenderServerApplication.class, args);
    }
}
