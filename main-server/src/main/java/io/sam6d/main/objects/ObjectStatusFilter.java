package io.sam6d.main.objects;

import java.util.Locale;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/** The {@code status} query filter; its values are the {@code status} strings of the API. */
enum ObjectStatusFilter {
    READY(CatalogObject.STATUS_READY),
    NEEDS_TEMPLATE(CatalogObject.STATUS_NEEDS_TEMPLATE);

    private final String value;

    ObjectStatusFilter(String value) {
        this.value = value;
    }

    String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }

    /** Accepts the API spelling ({@code needs_template}); anything else fails as a 400 naming the parameter. */
    @Component
    static class FromQuery implements Converter<String, ObjectStatusFilter> {
        @Override
        public ObjectStatusFilter convert(String source) {
            return ObjectStatusFilter.valueOf(source.trim().toUpperCase(Locale.ROOT));
        }
    }
}
