package io.sam6d.main.security;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.sam6d.model.auth.TokenRequest;
import io.sam6d.model.auth.TokenResponse;
import io.sam6d.support.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Issues HS256 bearer tokens to the clients configured in {@code AUTH_CLIENTS}. */
@RestController
@Tag(name = "auth", description = "Bearer tokens for the API (when AUTH_ENABLED=true)")
class TokenController {

    private final AuthSettings settings;
    private final Clock clock;

    TokenController(AuthSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @PostMapping("/api/v1/auth/token")
    @Operation(summary = "Exchange a client id and secret for a bearer token")
    TokenResponse token(@Valid @RequestBody TokenRequest request) {
        if (!settings.hasSecret()) {
            throw new ApiException(HttpStatus.NOT_IMPLEMENTED, "Not available", null,
                    "this server does not issue tokens (no AUTH_JWT_SECRET); get one from your identity provider");
        }
        String expected = settings.clientSecrets().get(request.clientId());
        if (expected == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                request.clientSecret().getBytes(StandardCharsets.UTF_8))) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "Unauthorized", "client_secret",
                    "unknown client or wrong secret");
        }
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(request.clientId()).issuer(settings.issuer())
                .issueTime(java.util.Date.from(now))
                .expirationTime(java.util.Date.from(now.plusSeconds(settings.tokenTtlS()))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
            jwt.sign(new MACSigner(SecurityConfiguration.secretKey(settings)));
            return new TokenResponse(jwt.serialize(), "Bearer", settings.tokenTtlS());
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a token: " + e.getMessage(), e);
        }
    }
}
