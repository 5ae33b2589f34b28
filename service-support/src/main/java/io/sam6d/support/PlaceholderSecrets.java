package io.sam6d.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.env.Environment;

/**
 * Production ({@code SAM6D_ENV=prod}) refuses to start while a secret still has the placeholder value shipped in
 * {@code .env.example} ({@code change-me...}): a deployment must not run with secrets anyone can read in the
 * repository.
 */
final class PlaceholderSecrets {

    /** Each secret setting a server may read, and the variable users set it with. */
    static final Map<String, String> SECRETS = new LinkedHashMap<>();

    static {
        SECRETS.put("sam6d.internal-token", "INTERNAL_API_TOKEN");
        SECRETS.put("spring.datasource.password", "DB_PASSWORD");
        SECRETS.put("sam6d.auth.jwt-secret", "AUTH_JWT_SECRET");
        SECRETS.put("sam6d.auth.clients", "AUTH_CLIENTS");
    }

    private PlaceholderSecrets() {
    }

    /** @throws Refused naming every secret that still holds a placeholder */
    static void refuse(Environment env) {
        List<String> placeholders = new ArrayList<>();
        SECRETS.forEach((property, variable) -> {
            String value;
            try {
                value = env.getProperty(property);
            } catch (IllegalArgumentException e) {
                value = null; // an unresolvable setting is reported by whoever uses it
            }
            if (value != null && value.toLowerCase(Locale.ROOT).contains("change-me")) {
                placeholders.add(variable);
            }
        });
        if (!placeholders.isEmpty()) {
            throw new Refused(placeholders);
        }
    }

    /** Start-up refused: the secrets named still hold placeholders. */
    static final class Refused extends IllegalStateException {
        final List<String> variables;

        Refused(List<String> variables) {
            super("placeholder secrets in production: " + variables);
            this.variables = List.copyOf(variables);
        }
    }

    /** Prints {@link Refused} as a short "APPLICATION FAILED TO START" report. */
    static final class Analyzer extends AbstractFailureAnalyzer<Refused> {
        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, Refused cause) {
            return new FailureAnalysis("Production settings (SAM6D_ENV=prod) still hold placeholder secrets: "
                    + String.join(", ", cause.variables) + " contain 'change-me'.",
                    "Set real values (with compose: in .env, made from .env.example; otherwise as environment "
                            + "variables) and start again.", cause);
        }
    }
}
