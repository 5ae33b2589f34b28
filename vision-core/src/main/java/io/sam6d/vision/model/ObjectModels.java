package io.sam6d.vision.model;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.io.MeshReader;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.ModelInfo;

/**
 * Builds {@link ObjectModel}s from files: a CAD mesh, optionally a BOP {@code models_info.json} beside it (for the
 * diameter and symmetries of objects named {@code obj_NNNNNN} or by their {@code name}), and a template directory.
 */
public final class ObjectModels {

    /** Continuous symmetries are sampled this finely (10 degrees) for the engines. */
    public static final int CONTINUOUS_SYMMETRY_STEPS = 36;

    private static final Pattern BOP_NAME = Pattern.compile("obj_(\\d+)");

    private ObjectModels() {
    }

    /**
     * @param meshFile     .ply, .obj or .stl, in mm (or scaled by {@code unitScale})
     * @param templateDir  the object's templates, or null / a missing directory for none
     * @param unitScale    factor from file units to mm (1 for mm)
     * @throws io.sam6d.vision.io.MeshFormatException when the mesh cannot be used
     */
    public static ObjectModel load(String name, Path meshFile, Path templateDir, double unitScale) {
        Mesh mesh = MeshReader.read(meshFile);
        if (unitScale != 1.0) {
            float[] p = mesh.positions().clone();
            for (int i = 0; i < p.length; i++) {
                p[i] *= (float) unitScale;
            }
            mesh = new Mesh(p, mesh.normals(), mesh.colors(), mesh.triangles());
        }
        ModelInfo info = findInfo(name, meshFile.resolveSibling("models_info.json"));
        double diameter = info != null && info.diameter() > 0 ? info.diameter() : MeshOps.diameter(mesh);
        List<RigidTransform> symmetries = info == null ? List.of()
                : info.symmetryTransforms(CONTINUOUS_SYMMETRY_STEPS);
        Path templates = templateDir != null && Files.isDirectory(templateDir) ? templateDir : null;
        return new ObjectModel(name, mesh, diameter, symmetries, templates);
    }

    static ModelInfo findInfo(String name, Path infoFile) {
        if (!Files.isRegularFile(infoFile)) {
            return null;
        }
        Map<Integer, ModelInfo> infos = BopDataset.readModelsInfo(infoFile);
        Matcher m = BOP_NAME.matcher(name);
        if (m.matches() && infos.containsKey(Integer.parseInt(m.group(1)))) {
            return infos.get(Integer.parseInt(m.group(1)));
        }
        return infos.values().stream().filter(i -> name.equals(i.name())).findFirst().orElse(null);
    }
}
