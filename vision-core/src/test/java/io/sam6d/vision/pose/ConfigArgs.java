package io.sam6d.vision.pose;

/** Sets fields of {@link ConfigWeightFreePose} from {@code name=value} arguments (benchmarks only). */
final class ConfigArgs {

    private ConfigArgs() {
    }

    static void apply(ConfigWeightFreePose cfg, String key, String value) {
        Object target = cfg;
        String field = key;
        if (key.contains(".")) {
            String[] p = key.split("\\.", 2);
            target = switch (p[0]) {
                case "ppf" -> cfg.ppf;
                case "icp" -> cfg.icp;
                case "score" -> cfg.score;
                default -> throw new IllegalArgumentException(key);
            };
            field = p[1];
        }
        try {
            java.lang.reflect.Field f = target.getClass().getField(field);
            Class<?> t = f.getType();
            if (t == int.class) {
                f.setInt(target, Integer.parseInt(value));
            } else if (t == double.class) {
                f.setDouble(target, Double.parseDouble(value));
            } else if (t == String.class) {
                f.set(target, value);
            } else if (t == boolean.class) {
                f.setBoolean(target, Boolean.parseBoolean(value));
            } else if (t == int[].class) {
                String[] parts = value.split(",");
                int[] v = new int[parts.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Integer.parseInt(parts[i]);
                }
                f.set(target, v);
            } else if (t == double[].class) {
                String[] parts = value.split(",");
                double[] v = new double[parts.length];
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.parseDouble(parts[i]);
                }
                f.set(target, v);
            } else {
                throw new IllegalArgumentException("unsupported field type of " + key);
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("unknown setting " + key, e);
        }
    }
}
