package io.sam6d.main.workflow;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.sam6d.support.web.ApiException;

/**
 * What a workflow writes under {@code static/output/<yyyyMMdd_HHmmss>_<tag>/}: {@code full} (inputs, every stage's
 * JSON, masks, overlay, result), {@code results_only} (result.json) or {@code none} (nothing on disk).
 */
enum OutputMode {
    FULL, RESULTS_ONLY, NONE;

    String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static OutputMode parse(String value, String field) {
        if (value == null || value.isBlank()) {
            return RESULTS_ONLY;
        }
        for (OutputMode m : values()) {
            if (m.key().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        throw ApiException.badRequest(field, field + " must be one of " + keys());
    }

    static List<String> keys() {
        return Arrays.stream(values()).map(OutputMode::key).toList();
    }
}
