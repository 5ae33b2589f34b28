package io.sam6d.support.web;

/** Java property names to the snake_case names clients see in JSON. */
public final class JsonFieldNames {

    private JsonFieldNames() {
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
