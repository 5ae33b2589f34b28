package io.sam6d.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.sam6d.model.frame.FrameInput;
import io.sam6d.model.workflow.InputImages;

/**
 * RGB-D frames as the user names them, and as the full-pipeline request carries them. A frame is a folder with
 * {@code rgb.png} (or {@code rgb.jpg}), {@code depth.png} (16-bit) and {@code camera.json} (BOP: {@code cam_K},
 * {@code depth_scale} in mm per unit), or three files named one by one.
 * <p>
 * Where the server reads it: a file under a folder named {@code static} (main-server's {@code static/} on this
 * machine; or under {@code --static-dir}) is sent as its path there ({@code input_images}); a path that does not
 * exist here but starts with {@code static/} is a path on the server; any other file is read here and sent in the
 * request (Base64 {@code images}), so frames may live on the client. {@code --inline} always sends the images.
 */
final class Frames {

    /** One frame: three files as given (local paths or server paths). */
    record Frame(String label, String rgb, String depth, String camera) {
    }

    /** Either paths on the server or the images themselves. */
    record Payload(InputImages paths, FrameInput images) {
    }

    private final Terminal terminal;
    private final Path staticDir;
    private final boolean inline;

    /** @param staticDir main-server's static/ as seen from here, or null to look for a folder named static */
    Frames(Terminal terminal, Path staticDir, boolean inline) {
        this.terminal = terminal;
        this.staticDir = staticDir == null ? null : staticDir.toAbsolutePath().normalize();
        this.inline = inline;
    }

    /** A frame folder: itself when it holds a frame, else every sub-folder that does, sorted. */
    List<Frame> inFolder(String given) {
        Path dir = terminal.path(given);
        if (!Files.isDirectory(dir)) {
            if (given.replace('\\', '/').startsWith("static/") && !Files.exists(dir)) {
                // a folder on the server cannot be listed from here: take it as one frame
                return List.of(folderFrame(given));
            }
            throw CliException.usage(given + " is not a folder");
        }
        if (isFrame(dir)) {
            return List.of(folderFrame(given));
        }
        List<Frame> frames = new ArrayList<>();
        try (Stream<Path> children = Files.list(dir)) {
            String parent = given.replace('\\', '/').replaceAll("/+$", "");
            children.filter(Files::isDirectory).filter(Frames::isFrame).sorted()
                    .forEach(p -> frames.add(folderFrame(parent + "/" + p.getFileName())));
        } catch (IOException e) {
            throw CliException.usage("cannot list " + dir + ": " + e.getMessage());
        }
        if (frames.isEmpty()) {
            throw CliException.usage(given + " holds no frame (rgb.png or rgb.jpg, depth.png, camera.json) and no"
                    + " folder of one");
        }
        return frames;
    }

    /**
     * A list file: one frame per line, either a frame folder or three files {@code RGB DEPTH CAMERA}; relative
     * paths are taken from the list file's folder (a {@code static/...} path is taken as it is); blank lines and
     * lines starting with {@code #} are skipped.
     */
    List<Frame> inList(String given) {
        Path list = terminal.path(given);
        List<String> lines;
        try {
            lines = Files.readAllLines(list);
        } catch (IOException e) {
            throw CliException.usage("cannot read the list " + given + ": " + e.getMessage());
        }
        Path base = list.toAbsolutePath().getParent();
        List<Frame> frames = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length == 1) {
                String folder = relative(base, parts[0]);
                Path p = terminal.path(folder);
                if (Files.isDirectory(p) && !isFrame(p)) {
                    throw CliException.usage(given + " line " + (i + 1) + ": " + parts[0] + " holds no frame");
                }
                frames.add(folderFrame(folder));
            } else if (parts.length == 3) {
                frames.add(new Frame(parts[0], relative(base, parts[0]), relative(base, parts[1]),
                        relative(base, parts[2])));
            } else {
                throw CliException.usage(given + " line " + (i + 1) + ": give a frame folder or RGB DEPTH CAMERA");
            }
        }
        if (frames.isEmpty()) {
            throw CliException.usage(given + " lists no frame");
        }
        return frames;
    }

    private static String relative(Path base, String given) {
        String g = given.replace('\\', '/');
        return g.startsWith("/") || g.startsWith("static/") ? given : base.resolve(given).normalize().toString();
    }

    /** The files of a frame folder (rgb.png preferred to rgb.jpg). */
    Frame folderFrame(String folder) {
        Path dir = terminal.path(folder);
        String rgb = Files.isRegularFile(dir.resolve("rgb.jpg")) && !Files.isRegularFile(dir.resolve("rgb.png"))
                ? "rgb.jpg" : "rgb.png";
        String f = folder.replace('\\', '/').replaceAll("/+$", "");
        return new Frame(f, f + "/" + rgb, f + "/depth.png", f + "/camera.json");
    }

    static boolean isFrame(Path dir) {
        return (Files.isRegularFile(dir.resolve("rgb.png")) || Files.isRegularFile(dir.resolve("rgb.jpg")))
                && Files.isRegularFile(dir.resolve("depth.png")) && Files.isRegularFile(dir.resolve("camera.json"));
    }

    /** Server paths when all three files are on the server, else the images read here. */
    Payload payload(Frame f) {
        String rgb = serverPath(f.rgb());
        String depth = serverPath(f.depth());
        String camera = serverPath(f.camera());
        if (!inline && rgb != null && depth != null && camera != null) {
            return new Payload(new InputImages(rgb, depth, camera), null);
        }
        return new Payload(null, read(f));
    }

    /** The path on the server, or null when the file is to be sent. */
    String serverPath(String given) {
        Path local = terminal.path(given);
        if (Files.exists(local)) {
            Path abs = local.toAbsolutePath().normalize();
            Path root = staticDir != null ? staticDir : staticAncestor(abs);
            return root != null && abs.startsWith(root)
                    ? "static/" + root.relativize(abs).toString().replace('\\', '/') : null;
        }
        String g = given.replace('\\', '/');
        if (g.startsWith("static/")) {
            return g;
        }
        throw CliException.usage("no file " + given);
    }

    private static Path staticAncestor(Path p) {
        for (Path d = p.getParent(); d != null; d = d.getParent()) {
            if (d.getFileName() != null && d.getFileName().toString().equals("static")) {
                return d;
            }
        }
        return null;
    }

    private FrameInput read(Frame f) {
        Path rgb = existing(f.rgb());
        Path depth = existing(f.depth());
        Path camera = existing(f.camera());
        try {
            JsonNode root = Json.MAPPER.readTree(camera.toFile());
            JsonNode cam = root;
            if (root != null && !root.has("cam_K") && root.size() == 1 && root.elements().next().has("cam_K")) {
                cam = root.elements().next(); // a one-frame scene_camera.json
            }
            if (cam == null || !cam.path("cam_K").isArray() || cam.get("cam_K").size() != 9) {
                throw CliException.usage(f.camera() + " needs cam_K (9 numbers) and depth_scale (mm per unit)");
            }
            List<Double> camK = new ArrayList<>();
            cam.get("cam_K").forEach(v -> camK.add(v.asDouble()));
            Base64.Encoder b64 = Base64.getEncoder();
            return new FrameInput(b64.encodeToString(Files.readAllBytes(rgb)),
                    b64.encodeToString(Files.readAllBytes(depth)), camK, cam.path("depth_scale").asDouble(1.0));
        } catch (IOException e) {
            throw CliException.usage("cannot read frame " + f.label() + ": " + e.getMessage());
        }
    }

    private Path existing(String given) {
        Path p = terminal.path(given);
        if (!Files.isRegularFile(p)) {
            throw CliException.usage("no file " + given + " here (a file on the server must be under static/, and"
                    + " --inline sends files from here)");
        }
        return p;
    }
}
