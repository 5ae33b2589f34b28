package io.sam6d.support;

import java.nio.file.Path;

import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.web.ApiExceptionHandler;
import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** What every sam6d server gets by depending on service-support. */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@Import(ApiExceptionHandler.class)
public class Sam6dSupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StaticDirectory staticDirectory(@Value("${sam6d.static-dir}") String staticDir) {
        return new StaticDirectory(Path.of(staticDir));
    }

    /**
     * Lets an encoded slash (%2F) reach the controllers, which refuse it with a JSON 400 naming the field,
     * instead of Tomcat's bare HTML 400.
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> encodedSlashPassthrough() {
        return factory -> factory.addConnectorCustomizers((Connector c) ->
                c.setEncodedSolidusHandling(EncodedSolidusHandling.PASS_THROUGH.getValue()));
    }
}
