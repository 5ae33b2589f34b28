package io.sam6d.support;

import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.support.files.StaticDirectory;
import io.sam6d.support.frames.FrameDecoder;
import io.sam6d.support.security.InternalTokenFilter;
import io.sam6d.support.security.PathParameterFilter;
import io.sam6d.support.web.ApiExceptionHandler;
import io.sam6d.support.web.ProblemErrorReportValve;
import io.sam6d.support.web.RequestSizeLimitFilter;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.buf.EncodedSolidusHandling;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** What every sam6d server gets by depending on service-support. */
@AutoConfiguration(before = WebMvcAutoConfiguration.class)
@Import(ApiExceptionHandler.class)
public class Sam6dSupportAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    StaticDirectory staticDirectory(@Value("${sam6d.static-dir}") String staticDir) {
        return new StaticDirectory(Path.of(staticDir));
    }

    /** Request images: at most {@code MAX_IMAGE_PIXELS} pixels, checked in the header before decoding. */
    @Bean
    @ConditionalOnMissingBean
    FrameDecoder frameDecoder(@Value("${sam6d.max-image-pixels}") long maxPixels) {
        return new FrameDecoder(maxPixels);
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

    /** Requests Tomcat refuses itself (an encoded NUL in the path, ...) get a problem document, not an HTML page. */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /** Bodies over {@code MAX_REQUEST_SIZE_MB} get a 413 before anything reads them into memory. */
    @Bean
    FilterRegistrationBean<RequestSizeLimitFilter> requestSizeLimit(
            @Value("${sam6d.max-request-size-mb}") long maxMb, ObjectMapper json) {
        var reg = new FilterRegistrationBean<>(new RequestSizeLimitFilter(maxMb * 1024 * 1024, json));
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return reg;
    }

    /** Paths with ';' parameters are refused before any authentication looks at them. */
    @Bean
    FilterRegistrationBean<PathParameterFilter> pathParameters(ObjectMapper json) {
        var reg = new FilterRegistrationBean<>(new PathParameterFilter(json));
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return reg;
    }

    /** On the compute servers: calls only with main-server's shared token, when one is configured. */
    @Bean
    @ConditionalOnExpression("'${sam6d.internal-token:}' != '' and ${sam6d.internal-token-enforced:true}")
    FilterRegistrationBean<InternalTokenFilter> internalToken(@Value("${sam6d.internal-token}") String token,
            ObjectMapper json) {
        var reg = new FilterRegistrationBean<>(new InternalTokenFilter(token, json));
        reg.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        return reg;
    }

    /** CORS for the origins in {@code CORS_ALLOWED_ORIGINS} (comma-separated); none when empty. */
    @Bean
    WebMvcConfigurer corsFromAllowList(@Value("${sam6d.cors.allowed-origins}") String origins) {
        String[] allowed = Arrays.stream(origins.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .toArray(String[]::new);
        return new WebMvcConfigurer() {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                if (allowed.length > 0) {
                    registry.addMapping("/api/**").allowedOrigins(allowed)
                            .allowedMethods("GET", "POST", "PUT", "DELETE", "OPTIONS")
                            .allowedHeaders("*").maxAge(3600);
                }
            }
        };
    }
}
