package io.sam6d.support.web;

/** Java property names to the snake_case names clients see in JSON. */
public final class JsonFieldNames {

    private JsonFieldNames() {
    }

    /**
     * The JSON name of a bound property path such as {@code camK} or {@code detections[0].objectName}: an explicit
     * {@code @JsonProperty} on the top-level field wins ({@code cam_K}), otherwise snake_case.
     */
    public static String jsonPath(Class<?> type, String javaPath) {
        int cut = javaPath.length();
        for (int i = 0; i < javaPath.length(); i++) {
            if (javaPath.charAt(i) == '.' || javaPath.charAt(i) == '[') {
                cut = i;
                break;
            }
        }
        String head = javaPath.substring(0, cut);
        String rest = toSnakeCase(javaPath.substring(cut));
        if (type != null) {
            try {
                var ann = type.getDeclaredField(head).getAnnotation(com.fasterxml.jackson.annotation.JsonProperty.class);
                if (ann != null && !ann.value().isEmpty()) {
                    return ann.value() + rest;
                }
            } catch (NoSuchFieldException e) {
                // not a declared field: fall back to the naming strategy
            }
        }
        return toSnakeCase(head) + rest;
    }

    public static String toSnakeCase(String javaName) {
        StringBuilder sb = new StringBuilder(javaName.length() + 4);
        for (int i = 0; i < javaName.length(); i++) {
            char c = javaName.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && javaName.charAt(i - 1) != '.' && javaName.charAt(i - 1) != '[') {
                    sb.append('_');
                }
                sb.append(Character.toLowerCase(c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
