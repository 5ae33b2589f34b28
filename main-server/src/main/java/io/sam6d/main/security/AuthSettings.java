package io.sam6d.main.security;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * JWT bearer authentication of main-server's API ({@code sam6d.auth.*}, from AUTH_* settings).
 *
 * @param enabled       require a valid token on every {@code /api/v1/**} route (except the token endpoint)
 * @param jwtSecret     HS256 key shared with whoever issues tokens; at least 32 bytes. Lets this server issue tokens
 * @param jwtPublicKey  RSA public key (PEM) of an external issuer, instead of or besides the secret
 * @param clients       {@code client_id:client_secret,...} allowed to get tokens from {@code /api/v1/auth/token}
 * @param tokenTtlS     lifetime of issued tokens, seconds
 * @param issuer        the {@code iss} of issued tokens
 */
@ConfigurationProperties("sam6d.auth")
record AuthSettings(boolean enabled, String jwtSecret, String jwtPublicKey, String clients, long tokenTtlS,
        String issuer) {

    Map<String, String> clientSecrets() {
        Map<String, String> out = new LinkedHashMap<>();
        if (clients == null) {
            return out;
        }
        for (String pair : clients.split(",")) {
            int colon = pair.indexOf(':');
            if (colon > 0) {
                out.put(pair.substring(0, colon).trim(), pair.substring(colon + 1).trim());
            }
        }
        return out;
    }

    boolean hasSecret() {
        return jwtSecret != null && !jwtSecret.isBlank();
    }

    boolean hasPublicKey() {
        return jwtPublicKey != null && !jwtPublicKey.isBlank();
    }
}
