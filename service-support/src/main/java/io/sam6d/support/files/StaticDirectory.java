package io.sam6d.support.files;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.regex.Pattern;

import io.sam6d.support.web.ApiException;

/**
 * The suite's {@code static/} directory and the one gate through which request-supplied names and paths reach
 * the file system: everything resolved here stays inside {@code static/}, symbolic links included.
 */
public final class StaticDirectory {

    /** Class and object names: letters, digits, dot, dash and underscore; no path separators, not "." or "..". */
    private static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,99}");

    private final Path root;

    public StaticDirectory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public Path meshes() {
        return root.resolve("meshes");
    }

    public Path templates() {
        return root.resolve("templates");
    }

    public Path output() {
        return root.resolve("output");
    }

    /**
     * Checks a class or object name taken from a request.
     *
     * @param field the request field it came from, named in the error
     * @throws ApiException 400 when the name could leave its directory or is not a plain name
     */
    public static String requireSafeName(String name, String field) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest(field, field + " is required");
        }
        if (name.contains("..") || !SAFE_NAME.matcher(name).matches()) {
            throw ApiException.badRequest(field, field + " '" + abbreviate(name)
                    + "' is not a valid name: use letters, digits, '.', '-' and '_' only (at most 100), no '..'");
        }
        return name;
    }

    /**
     * Resolves a path given in a request, relative to the project's {@code static/} directory (a leading
     * {@code static/} is accepted and stripped). Absolute paths, {@code ..} segments, and symbolic links that
     * lead outside {@code static/} are refused.
     *
     * @param field the request field it came from, named in the error
     */
    public Path resolveRequestPath(String requestPath, String field) {
        if (requestPath == null || requestPath.isBlank()) {
            throw ApiException.badRequest(field, field + " is required");
        }
        String p = requestPath.replace('\\', '/');
        if (p.startsWith("/") || p.matches("^[A-Za-z]:.*") || p.contains("%")) {
            throw outside(field, requestPath);
        }
        if (p.startsWith("static/")) {
            p = p.substring("static/".length());
        }
        for (String segment : p.split("/")) {
            if (segment.equals("..")) {
                throw outside(field, requestPath);
            }
        }
        Path resolved;
        try {
            resolved = root.resolve(p).normalize();
        } catch (InvalidPathException e) {
            throw ApiException.badRequest(field, field + " is not a valid path");
        }
        if (!resolved.startsWith(root)) {
            throw outside(field, requestPath);
        }
        requireNoLinkEscape(resolved, field, requestPath);
        return resolved;
    }

    /** Follows links on the existing part of the path and checks the target is still inside static/. */
    private void requireNoLinkEscape(Path resolved, String field, String requestPath) {
        Path existing = resolved;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return;
        }
        try {
            Path realRoot = Files.exists(root) ? root.toRealPath() : root;
            if (!existing.toRealPath().startsWith(realRoot)) {
                throw outside(field, requestPath);
            }
        } catch (IOException e) {
            // a dangling link: its target cannot be checked, so it is refused
            throw outside(field, requestPath);
        }
    }

    /** Relative, forward-slash form for JSON answers: {@code static/meshes/test/a.ply}. */
    public String display(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        if (!abs.startsWith(root)) {
            return abs.toString();
        }
        String rel = root.relativize(abs).toString().replace('\\', '/');
        return rel.isEmpty() ? "static" : "static/" + rel;
    }

    public void createDirectories() {
        try {
            Files.createDirectories(meshes());
            Files.createDirectories(templates());
            Files.createDirectories(output());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + root, e);
        }
    }

    private static ApiException outside(String field, String requestPath) {
        return ApiException.badRequest(field, field + " '" + abbreviate(requestPath)
                + "' is outside static/: give a path relative to static/ without '..', links or absolute parts");
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
