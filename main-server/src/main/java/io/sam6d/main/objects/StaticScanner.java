package io.sam6d.main.objects;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

import io.sam6d.support.files.StaticDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Reads {@code static/meshes/<class>/*.{ply,obj,stl}} and {@code static/templates/<class>/<object>/} from disk.
 * No database here: {@link ObjectCatalog} turns what this finds into rows.
 */
@Component
class StaticScanner {

    private static final Logger log = LoggerFactory.getLogger(StaticScanner.class);

    /** Preferred first when one object has CAD files in several formats. */
    static final List<String> CAD_FORMATS = List.of("ply", "obj", "stl");

    private static final Pattern MASK = Pattern.compile("mask_\\d+\\.png");
    private static final Pattern RGB = Pattern.compile("rgb_\\d+\\.png");
    private static final Pattern XYZ = Pattern.compile("xyz_\\d+\\.npy");

    private final StaticDirectory staticDir;

    StaticScanner(StaticDirectory staticDir) {
        this.staticDir = staticDir;
    }

    /** Every object on disk, sorted by class then object name. */
    List<ScannedObject> scan() {
        List<ScannedObject> found = new ArrayList<>();
        for (Path classDir : safeChildren(staticDir.meshes(), true)) {
            String className = classDir.getFileName().toString();
            Map<String, Path> cadByObject = new LinkedHashMap<>();
            for (Path file : safeChildren(classDir, false)) {
                String format = formatOf(file);
                if (format == null) {
                    continue;
                }
                String objectName = stem(file);
                if (!isSafeName(objectName)) {
                    log.warn("skipping CAD file with an unusable name: {}", file);
                    continue;
                }
                cadByObject.merge(objectName, file, (a, b) ->
                        CAD_FORMATS.indexOf(formatOf(a)) <= CAD_FORMATS.indexOf(formatOf(b)) ? a : b);
            }
            cadByObject.forEach((objectName, cad) -> {
                try {
                    found.add(describe(className, objectName, cad));
                } catch (UncheckedIOException e) {
                    // removed while we looked: the next scan sees the settled state
                    log.info("skipping {}/{}: {}", className, objectName, e.getCause().toString());
                }
            });
        }
        found.sort(Comparator.comparing(ScannedObject::className).thenComparing(ScannedObject::objectName));
        return found;
    }

    /**
     * A cheap digest of what a scan would read: names, sizes and modification times of the class folders, CAD
     * files and template folders (a folder's time changes when files are added or removed in it). Equal digests
     * mean nothing changed.
     */
    long fingerprint() {
        CRC32 crc = new CRC32();
        digest(crc, staticDir.meshes());
        for (Path classDir : safeChildren(staticDir.meshes(), true)) {
            digest(crc, classDir);
            safeChildren(classDir, false).forEach(f -> digest(crc, f));
        }
        digest(crc, staticDir.templates());
        for (Path classDir : safeChildren(staticDir.templates(), true)) {
            digest(crc, classDir);
            safeChildren(classDir, true).forEach(d -> digest(crc, d));
        }
        return crc.getValue();
    }

    private ScannedObject describe(String className, String objectName, Path cad) {
        BasicFileAttributes cadAttrs = attributes(cad);
        Path templateDir = staticDir.templates().resolve(className).resolve(objectName);
        int masks = 0;
        int rgbs = 0;
        int xyzs = 0;
        Instant newest = null;
        if (Files.isDirectory(templateDir)) {
            for (Path f : safeChildren(templateDir, false)) {
                String n = f.getFileName().toString();
                boolean counted = true;
                if (MASK.matcher(n).matches()) {
                    masks++;
                } else if (RGB.matcher(n).matches()) {
                    rgbs++;
                } else if (XYZ.matcher(n).matches()) {
                    xyzs++;
                } else {
                    counted = false;
                }
                if (counted) {
                    Instant t = modified(attributes(f));
                    newest = newest == null || t.isAfter(newest) ? t : newest;
                }
            }
        }
        return new ScannedObject(className, objectName, cad.getFileName().toString(), staticDir.display(cad),
                formatOf(cad), cadAttrs.size(), modified(cadAttrs),
                staticDir.display(templateDir), masks, rgbs, xyzs, newest);
    }

    /** Children sorted by name; only directories or only regular files; links leading out of static/ skipped. */
    private List<Path> safeChildren(Path dir, boolean directories) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if ((directories ? Files.isDirectory(p) : Files.isRegularFile(p)) && insideStatic(p)
                        && (!directories || isSafeName(p.getFileName().toString()))) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            log.warn("cannot list {}: {}", dir, e.toString());
        }
        out.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return out;
    }

    private boolean insideStatic(Path p) {
        if (!Files.isSymbolicLink(p)) {
            return true;
        }
        try {
            return p.toRealPath().startsWith(staticDir.root().toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isSafeName(String name) {
        try {
            StaticDirectory.requireSafeName(name, "name");
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    static String formatOf(Path file) {
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        int dot = n.lastIndexOf('.');
        String ext = dot < 0 ? "" : n.substring(dot + 1);
        return CAD_FORMATS.contains(ext) ? ext : null;
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        return n.substring(0, n.lastIndexOf('.'));
    }

    private static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Millisecond precision: what every database column keeps, so unchanged files compare equal after a round trip. */
    private static Instant modified(BasicFileAttributes attrs) {
        return Instant.ofEpochMilli(attrs.lastModifiedTime().toMillis());
    }

    private static void digest(CRC32 crc, Path p) {
        crc.update(p.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class);
            crc.update(Long.toString(a.size()).getBytes());
            crc.update(Long.toString(a.lastModifiedTime().toMillis()).getBytes());
        } catch (IOException e) {
            crc.update(0);
        }
    }
}
