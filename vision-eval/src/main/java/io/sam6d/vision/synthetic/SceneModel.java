package io.sam6d.vision.synthetic;

import java.util.List;
import java.util.Random;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.render.RenderModel;

/**
 * A model made ready to be placed in scenes: how it rests on a plane, the points of its convex hull and its render
 * model. Immutable; a dataset model is prepared once and shared by all scenes and threads.
 *
 * @param name       {@code obj_000005} for a dataset's model, {@code <dataset>/obj_000005} for another dataset's,
 *                   {@code box} or {@code cylinder} for a shape
 * @param objId      the dataset object id, 0 for a shape
 * @param mesh       what is drawn (mm, model frame)
 * @param hullPoints points whose convex hull is the model's (mm, model frame)
 */
record SceneModel(String name, int objId, Mesh mesh, RenderModel render, List<StablePoses.Rest> rests,
        float[] hullPoints) {

    /** A dataset's model (a mesh or a point set). */
    static SceneModel of(String name, int objId, Mesh mesh) {
        float[] hull = StablePoses.hullCandidates(mesh.positions());
        return new SceneModel(name, objId, mesh, RenderModel.of(mesh), StablePoses.of(mesh, hull), hull);
    }

    /** A box or a cylinder of random size and colour, tiled so that it has texture. */
    static SceneModel randomShape(Random rnd) {
        float[] colour = ShapeMeshes.randomColour(rnd, 0.3, 1.0, 0.35, 0.95);
        if (rnd.nextBoolean()) {
            return box(30 + rnd.nextDouble() * 110, 30 + rnd.nextDouble() * 110, 25 + rnd.nextDouble() * 150, colour,
                    rnd);
        }
        return cylinder(15 + rnd.nextDouble() * 40, 30 + rnd.nextDouble() * 170, colour, rnd);
    }

    /** A box of sides sx, sy, sz (mm) centred at the origin, tiles of about 2 cm in shades of {@code colour}. */
    static SceneModel box(double sx, double sy, double sz, float[] colour, Random rnd) {
        Mesh mesh = ShapeMeshes.box(sx, sy, sz, colour, 20, 0.08, rnd);
        // rests from the plain box: the same solid, far fewer vertices
        Mesh plain = ShapeMeshes.box(sx, sy, sz, colour, Double.MAX_VALUE, 0, rnd);
        return new SceneModel("box", 0, mesh, RenderModel.of(mesh), StablePoses.of(plain),
                ShapeMeshes.boxCorners(sx, sy, sz));
    }

    /** A cylinder about z (radius and height in mm) centred at the origin, in shades of {@code colour}. */
    static SceneModel cylinder(double radius, double height, float[] colour, Random rnd) {
        Mesh mesh = ShapeMeshes.cylinder(radius, height, 32, colour, 20, 0.08, rnd);
        Mesh plain = ShapeMeshes.cylinder(radius, height, 32, colour, Double.MAX_VALUE, 0, rnd);
        return new SceneModel("cylinder", 0, mesh, RenderModel.of(mesh), StablePoses.of(plain), plain.positions());
    }

    /** The same prepared model under another name and object id (a model is a target in one set, a distractor in another). */
    SceneModel named(String newName, int newObjId) {
        return newName.equals(name) && newObjId == objId ? this
                : new SceneModel(newName, newObjId, mesh, render, rests, hullPoints);
    }

    /** The render model of one instance: painted a random colour when the model has none and {@code paint} is set. */
    RenderModel renderFor(boolean paint, Random rnd) {
        if (!paint || mesh.hasColors()) {
            return render;
        }
        float[] colour = ShapeMeshes.randomColour(rnd, 0.2, 0.9, 0.35, 0.95);
        return RenderModel.of(ShapeMeshes.painted(mesh, colour, 0.12, rnd));
    }
}
