package io.sam6d.vision;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's real test data in {@code ../shared/data} (system property {@code sam6d.shared.dir} from the build). */
public final class SharedData {

    private SharedData() {
    }

    public static Path dir() {
        String prop = System.getProperty("sam6d.shared.dir");
        Path p = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(p.resolve("data"))) {
            // run from an IDE at the module directory
            p = Path.of("..", "..", "shared");
        }
        return p.resolve("data").toAbsolutePath().normalize();
    }

    public static Path ycbv() {
        return dir().resolve("ycbv_real");
    }

    public static Path lmoModels() {
        return dir().resolve("lmo_models");
    }

    public static Path lmoExample() {
        return dir().resolve("lmo_example");
    }
}
