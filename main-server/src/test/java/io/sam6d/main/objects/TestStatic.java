package io.sam6d.main.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.io.Npy;

/** Builds a real static/ tree for tests: real PLY files from ../shared/data, real PNG and NPY template files. */
final class TestStatic {

    private TestStatic() {
    }

    static Path create() {
        try {
            Path dir = Files.createTempDirectory("sam6d-static-");
            Files.createDirectories(dir.resolve("meshes"));
            Files.createDirectories(dir.resolve("templates"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path sharedData() {
        String prop = System.getProperty("sam6d.shared.dir", "../../shared");
        return Path.of(prop).resolve("data").toAbsolutePath().normalize();
    }

    /** Copies a real YCB-Video model (a small ASCII PLY) as static/meshes/<cls>/<obj>.ply. */
    static void addMesh(Path staticDir, String cls, String obj) throws IOException {
        Path target = staticDir.resolve("meshes").resolve(cls).resolve(obj + ".ply");
        Files.createDirectories(target.getParent());
        if (!Files.exists(target)) {
            Files.copy(sharedData().resolve("ycbv_real/models/obj_000017.ply"), target,
                    StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Writes {@code views} complete template views (mask, rgb, xyz) of 8x8 pixels. */
    static void addTemplates(Path staticDir, String cls, String obj, int views) throws IOException {
        Path dir = staticDir.resolve("templates").resolve(cls).resolve(obj);
        Files.createDirectories(dir);
        boolean[] mask = new boolean[64];
        mask[27] = true;
        for (int i = 0; i < views; i++) {
            ImageFiles.write(dir.resolve("mask_" + i + ".png"), ImageFiles.encodeMaskPng(mask, 8, 8));
            ImageFiles.write(dir.resolve("rgb_" + i + ".png"),
                    ImageFiles.encodeRgbPng(io.sam6d.vision.image.RgbImage.blank(8, 8)));
            Npy.writeFloat32(dir.resolve("xyz_" + i + ".npy"), new float[8 * 8 * 3], 8, 8, 3);
        }
    }
}
