package io.sam6d.main.security;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.sam6d.support.security.OpenPaths;
import io.sam6d.support.web.ProblemResponses;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * With {@code AUTH_ENABLED=true} every path needs a valid bearer JWT (HS256 with {@code AUTH_JWT_SECRET}, or RS256
 * from the issuer whose key is {@code AUTH_JWT_PUBLIC_KEY}) except the {@link OpenPaths open list} (health,
 * Prometheus, API docs) and the token endpoint; a missing, expired or forged token gets 401 with a ProblemDetail.
 * Off: everything is open.
 */
@Configuration
@EnableConfigurationProperties(AuthSettings.class)
class SecurityConfiguration {

    @Bean
    SecurityFilterChain api(HttpSecurity http, AuthSettings settings, ObjectMapper json) throws Exception {
        http.csrf(c -> c.disable())
                .cors(Customizer.withDefaults())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable());
        if (!settings.enabled()) {
            http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
            return http.build();
        }
        http.authorizeHttpRequests(a -> a
                        // error dispatches carry the status of a request that was already let through (or refused)
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(OpenPaths::isOpen).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/token").permitAll()
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .jwt(j -> j.decoder(jwtDecoder(settings)))
                        .authenticationEntryPoint((req, res, ex) -> unauthorized(res, json, reason(ex)))
                        .accessDeniedHandler((req, res, ex) -> unauthorized(res, json, "access denied")))
                .exceptionHandling(e -> e.authenticationEntryPoint((req, res, ex) ->
                        unauthorized(res, json, "a bearer token is required (POST /api/v1/auth/token to get one)")));
        return http.build();
    }

    /** Encoded slashes and backslashes reach the controllers, which answer them with a 400 naming the field. */
    @Bean
    HttpFirewall httpFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowUrlEncodedSlash(true);
        firewall.setAllowBackSlash(true);
        firewall.setAllowUrlEncodedPercent(true);
        return firewall;
    }

    @Bean
    RequestRejectedHandler requestRejectedHandler(ObjectMapper json) {
        return (req, res, ex) -> ProblemResponses.write(res, json, HttpStatus.BAD_REQUEST, "Invalid request",
                "the request path is not allowed: " + ex.getMessage(), "path");
    }

    static JwtDecoder jwtDecoder(AuthSettings settings) {
        List<JwtDecoder> decoders = new ArrayList<>();
        if (settings.hasSecret()) {
            decoders.add(NimbusJwtDecoder.withSecretKey(secretKey(settings)).macAlgorithm(MacAlgorithm.HS256).build());
        }
        if (settings.hasPublicKey()) {
            decoders.add(NimbusJwtDecoder.withPublicKey(publicKey(settings.jwtPublicKey())).build());
        }
        if (decoders.isEmpty()) {
            throw new IllegalStateException("AUTH_ENABLED=true needs AUTH_JWT_SECRET (at least 32 bytes) or "
                    + "AUTH_JWT_PUBLIC_KEY (RSA public key, PEM)");
        }
        return token -> {
            JwtException last = null;
            for (JwtDecoder d : decoders) {
                try {
                    return d.decode(token);
                } catch (JwtException e) {
                    last = e;
                }
            }
            throw last;
        };
    }

    static SecretKey secretKey(AuthSettings settings) {
        byte[] key = settings.jwtSecret().getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) {
            throw new IllegalStateException("AUTH_JWT_SECRET must be at least 32 bytes for HS256");
        }
        return new SecretKeySpec(key, "HmacSHA256");
    }

    static RSAPublicKey publicKey(String pem) {
        try {
            String body = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
            return (RSAPublicKey) KeyFactory.getInstance("RSA")
                    .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (Exception e) {
            throw new IllegalStateException("AUTH_JWT_PUBLIC_KEY is not an RSA public key in PEM form: "
                    + e.getMessage(), e);
        }
    }

    private static String reason(Exception ex) {
        String m = ex.getMessage() == null ? "" : ex.getMessage().toLowerCase();
        if (m.contains("expired")) {
            return "the bearer token has expired";
        }
        if (m.contains("bearer token") && m.contains("not")) {
            return "a bearer token is required (POST /api/v1/auth/token to get one)";
        }
        return "the bearer token is not valid (bad signature or malformed)";
    }

    static void unauthorized(jakarta.servlet.http.HttpServletResponse res, ObjectMapper json, String detail)
            throws java.io.IOException {
        res.setHeader("WWW-Authenticate", "Bearer");
        ProblemResponses.write(res, json, HttpStatus.UNAUTHORIZED, "Unauthorized", detail, "Authorization");
    }

}
