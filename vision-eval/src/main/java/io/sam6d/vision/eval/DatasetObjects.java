package io.sam6d.vision.eval;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.MeshOps;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.ModelInfo;
import io.sam6d.vision.model.ObjectModel;
import io.sam6d.vision.model.ObjectModels;

/**
 * The objects of a BOP dataset as the engines ({@link ObjectModel}) and the metrics ({@link EvalModel}) see them,
 * built on first use and kept. An object's name is its model file stem, {@code obj_NNNNNN}.
 */
public final class DatasetObjects {

    private final BopDataset dataset;
    private final BopDataset evalDataset;
    private final Path templatesDir;
    private final Map<Integer, ObjectModel> objectModels = new ConcurrentHashMap<>();
    private final Map<Integer, EvalModel> evalModels = new ConcurrentHashMap<>();

    /** @param templatesDir holds {@code obj_NNNNNN/views.json} per object, or null */
    public DatasetObjects(BopDataset dataset, Path templatesDir) {
        this(dataset, dataset, templatesDir);
    }

    /**
     * @param evalDataset  the same dataset opened on the models the metrics use (BOP's {@code models_eval/}); the
     *                     engines always get the models of {@code dataset}
     * @param templatesDir holds {@code obj_NNNNNN/views.json} per object, or null
     */
    public DatasetObjects(BopDataset dataset, BopDataset evalDataset, Path templatesDir) {
        this.dataset = dataset;
        this.evalDataset = evalDataset;
        this.templatesDir = templatesDir;
    }

    public static String name(int objId) {
        return String.format("obj_%06d", objId);
    }

    /** The object id of a name {@code obj_NNNNNN} (or a bare number), or -1. */
    public static int objId(String name) {
        if (name == null) {
            return -1;
        }
        String s = name.startsWith("obj_") ? name.substring(4) : name;
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public BopDataset dataset() {
        return dataset;
    }

    /** Object ids listed in models_info.json, ascending. */
    public List<Integer> objIds() {
        return List.copyOf(new java.util.TreeSet<>(dataset.modelsInfo().keySet()));
    }

    /** The dataset's name for the object ({@code 002_master_chef_can}), or its file stem. */
    public String displayName(int objId) {
        ModelInfo mi = dataset.modelsInfo().get(objId);
        return mi != null && mi.name() != null ? mi.name() : name(objId);
    }

    /** Whether ADD(-S) uses ADD-S for the object: flagged symmetric_adds or with symmetries listed. */
    public boolean scoredWithAddS(int objId) {
        ModelInfo mi = evalDataset.modelsInfo().get(objId);
        return mi != null && mi.hasSymmetries();
    }

    public ObjectModel objectModel(int objId) {
        return objectModels.computeIfAbsent(objId, id -> {
            Mesh mesh = dataset.model(id);
            ModelInfo info = info(dataset, id, mesh);
            Path tdir = null;
            if (templatesDir != null) {
                Path candidate = templatesDir.resolve(name(id));
                if (Files.isRegularFile(candidate.resolve("views.json"))) {
                    tdir = candidate;
                }
            }
            // the engines get the symmetries the servers give them (ObjectModels), not BOP's fine metric sampling
            return new ObjectModel(name(id), mesh, info.diameter(),
                    info.symmetryTransforms(ObjectModels.CONTINUOUS_SYMMETRY_STEPS), tdir);
        });
    }

    public EvalModel evalModel(int objId) {
        return evalModels.computeIfAbsent(objId, id -> {
            Mesh mesh = evalDataset.model(id);
            return EvalModel.of(id, mesh, info(evalDataset, id, mesh));
        });
    }

    /** models_info's entry; a diameter computed from the mesh when the entry lacks one. */
    private static ModelInfo info(BopDataset dataset, int objId, Mesh mesh) {
        ModelInfo mi = dataset.modelsInfo().get(objId);
        if (mi == null) {
            return new ModelInfo(objId, null, MeshOps.diameter(mesh), new double[3], new double[3], false,
                    mesh.hasTriangles(), List.of(), List.of());
        }
        if (!(mi.diameter() > 0)) {
            return new ModelInfo(objId, mi.name(), MeshOps.diameter(mesh), mi.min(), mi.size(),
                    mi.symmetricAdds(), mi.mesh(), mi.discreteSymmetries(), mi.continuousSymmetries());
        }
        return mi;
    }
}
