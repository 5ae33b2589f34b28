package io.sam6d.vision.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

import io.sam6d.vision.geometry.Mesh;

/**
 * Reads CAD models: PLY (ASCII and binary, little and big endian), Wavefront OBJ and STL (ASCII and binary).
 * Coordinates are returned as stored; BOP models are in millimetres. Every returned mesh has at least one
 * vertex, only finite coordinates and valid triangle indices, or a {@link MeshFormatException} says why not.
 */
public final class MeshReader {

    private MeshReader() {
    }

    /** Reads by file extension ({@code .ply}, {@code .obj}, {@code .stl}, any case). */
    public static Mesh read(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            Mesh mesh;
            if (name.endsWith(".ply")) {
                mesh = PlyReader.read(in);
            } else if (name.endsWith(".obj")) {
                mesh = ObjReader.read(in);
            } else if (name.endsWith(".stl")) {
                mesh = StlReader.read(in);
            } else {
                throw new MeshFormatException("unsupported mesh format: " + file.getFileName()
                        + " (use .ply, .obj or .stl)");
            }
            return validate(mesh, file);
        } catch (NoSuchFileException e) {
            throw new MeshFormatException("mesh file not found: " + file);
        } catch (IOException e) {
            throw new MeshFormatException("cannot read mesh " + file.getFileName() + ": " + e.getMessage(), e);
        } catch (MeshFormatException e) {
            throw e.getMessage().contains(file.getFileName().toString()) ? e
                    : new MeshFormatException(file.getFileName() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new MeshFormatException(file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    static Mesh validate(Mesh mesh, Path file) {
        if (mesh.vertexCount() == 0) {
            throw new MeshFormatException(file.getFileName() + " has no vertices");
        }
        float[] p = mesh.positions();
        for (int i = 0; i < p.length; i++) {
            if (!Float.isFinite(p[i])) {
                throw new MeshFormatException(file.getFileName() + ": vertex " + (i / 3)
                        + " has a non-finite coordinate (NaN or infinity)");
            }
        }
        return mesh;
    }
}
