package io.sam6d.support;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/**
 * Puts the suite's settings into every server's environment, lowest precedence first:
 * <ol>
 *   <li>{@code sam6d-defaults.properties} (classpath): conventions every server shares;</li>
 *   <li>{@code config.env} at the project root when {@code SAM6D_ENV} is {@code prod} (the default) or {@code dev};</li>
 *   <li>{@code config_dev.env} on top of it when {@code SAM6D_ENV=dev}.</li>
 * </ol>
 * Environment variables, system properties and {@code application.yml} all win over these files, so a
 * setting given on the command line or in the environment always takes effect. With {@code SAM6D_ENV=test}
 * (set by the build for tests) neither env file is read. The resolved root is published as {@code sam6d.home}, the
 * mode as {@code sam6d.mode}. In production a secret that still holds a {@code change-me} placeholder stops the start.
 */
public class Sam6dEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String HOME_PROPERTY = "sam6d.home";
    /** The resolved mode, {@code prod}, {@code dev} or {@code test}, for settings that differ in production. */
    static final String MODE_PROPERTY = "sam6d.mode";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        Path home = ProjectHome.resolve(env.getProperty("SAM6D_HOME"), Path.of(""));
        String mode = env.getProperty("sam6d.env", env.getProperty("SAM6D_ENV", "prod")).trim().toLowerCase();

        MutablePropertySources sources = env.getPropertySources();
        sources.addLast(new MapPropertySource("sam6dHome", Map.of(HOME_PROPERTY, home.toString(),
                MODE_PROPERTY, mode)));
        if (mode.equals("prod") || mode.equals("dev")) {
            if (mode.equals("dev")) {
                addEnvFile(sources, home.resolve("config_dev.env"));
            }
            addEnvFile(sources, home.resolve("config.env"));
        }
        sources.addLast(new MapPropertySource("sam6dDefaults", loadDefaults()));
        if (mode.equals("prod")) {
            PlaceholderSecrets.refuse(env);
        }
    }

    private static void addEnvFile(MutablePropertySources sources, Path file) {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Map<String, Object> values = new LinkedHashMap<>();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Properties props = new Properties();
            props.load(reader);
            // env files may quote values as a shell would: KEY="value"
            props.forEach((k, v) -> values.put(k.toString().trim(), unquote(v.toString().trim())));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
        sources.addLast(new MapPropertySource("envFile:" + file.getFileName(), values));
    }

    static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }

    private static Map<String, Object> loadDefaults() {
        try {
            Properties props = PropertiesLoaderUtils.loadProperties(new ClassPathResource("sam6d-defaults.properties"));
            Map<String, Object> map = new LinkedHashMap<>();
            props.forEach((k, v) -> map.put(k.toString(), v));
            return map;
        } catch (IOException e) {
            throw new IllegalStateException("sam6d-defaults.properties missing from the classpath", e);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
