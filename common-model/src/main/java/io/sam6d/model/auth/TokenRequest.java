package io.sam6d.model.auth;

import jakarta.validation.constraints.NotBlank;

/** {@code POST /api/v1/auth/token}: a configured client's credentials. */
public record TokenRequest(@NotBlank String clientId, @NotBlank String clientSecret) {
}
