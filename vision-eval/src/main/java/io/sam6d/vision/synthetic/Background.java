package io.sam6d.vision.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import io.sam6d.vision.geometry.Mesh;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.render.RenderModel;

/**
 * What stands around the objects besides the table: nothing, a wall behind them, a shelf, a bin, or large boxes
 * behind them; optionally in a room, whose walls close the view where the table ends.
 * Each kind builds its solids around the placement area (a disc of {@link ConfigSyntheticScenes#placementRadiusMm}
 * about the origin) and says from where the camera may look, so that a wall is behind the objects and a bin's
 * inside is seen.
 */
public enum Background {
    /** The tiled table alone. */
    TABLE,
    /** A wall behind the objects. */
    WALL,
    /** A wall, a board above the objects and two side panels. */
    SHELF,
    /** Four walls around the objects. */
    BIN,
    /** Large boxes around the objects. */
    BOXES;

    /**
     * Where the camera may be: azimuths within {@code azimuthHalfRangeRad} of {@code azimuthRad} (any azimuth when
     * the half range is pi), elevations in degrees.
     */
    record CameraLimits(double azimuthRad, double azimuthHalfRangeRad, double minElevationDeg,
            double maxElevationDeg) {

        boolean allows(double azimuth) {
            double d = Math.IEEEremainder(azimuth - azimuthRad, 2 * Math.PI);
            return Math.abs(d) <= azimuthHalfRangeRad;
        }
    }

    /** The solids of one scene's background and the camera's limits. */
    record Built(List<Body> bodies, CameraLimits limits) {
    }

    static Background parse(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown background '" + name + "' (table, wall, shelf, bin, boxes)");
        }
    }

    /**
     * Builds this background for objects within {@code radiusMm} of the origin.
     *
     * @param roomMm half the side of a room whose walls close the view (a square about the origin), or 0 for none
     */
    Built build(Random rnd, double radiusMm, double roomMm) {
        List<Body> out = new ArrayList<>();
        if (roomMm > 0) {
            float[] colour = paint(rnd);
            double turn = rnd.nextDouble() * 2 * Math.PI;
            for (int k = 0; k < 4; k++) {
                out.add(panel(rnd, turn + k * Math.PI / 2, roomMm + 10, 0, 1000, 2 * roomMm + 40, 20, 2000, colour,
                        "room", 200));
            }
        }
        double behind = rnd.nextDouble() * 2 * Math.PI;
        // the camera looks towards the wall: from the opposite side
        double front = behind + Math.PI;
        switch (this) {
            case TABLE -> {
                return new Built(out, new CameraLimits(0, Math.PI, 0, 90));
            }
            case WALL -> {
                double d = radiusMm + 20 + rnd.nextDouble() * 100;
                out.add(wall(rnd, behind, d, 1600, 600 + rnd.nextDouble() * 400, paint(rnd)));
                return new Built(out, new CameraLimits(front, Math.toRadians(60), 0, 60));
            }
            case SHELF -> {
                double d = radiusMm + 10 + rnd.nextDouble() * 40;
                float[] wood = wood(rnd);
                out.add(wall(rnd, behind, d, 1600, 800, paint(rnd)));
                double depth = d + radiusMm + 120;
                double height = 2 * radiusMm + 40 + rnd.nextDouble() * 120;
                double span = 2 * radiusMm + 160 + rnd.nextDouble() * 200;
                // the board: from the wall towards the camera, above the objects
                out.add(panel(rnd, behind, d - depth / 2, 0, height + 9, span, depth, 18, wood, "shelf", 50));
                for (int side = -1; side <= 1; side += 2) {
                    out.add(panel(rnd, behind, d - depth / 2, side * (span / 2 + 9), (height + 18) / 2, 18, depth,
                            height + 18, wood, "shelf", 50));
                }
                return new Built(out, new CameraLimits(front, Math.toRadians(45), 0, 25));
            }
            case BIN -> {
                double half = radiusMm + 20 + rnd.nextDouble() * 40;
                double height = 80 + rnd.nextDouble() * 100;
                float[] plastic = ShapeMeshes.randomColour(rnd, 0.2, 0.8, 0.35, 0.85);
                for (int k = 0; k < 4; k++) {
                    out.add(panel(rnd, behind + k * Math.PI / 2, half + 5, 0, height / 2, 2 * half + 20, 10, height,
                            plastic, "bin", 50));
                }
                return new Built(out, new CameraLimits(0, Math.PI, 40, 90));
            }
            case BOXES -> {
                // behind the objects, so that they do not hide them all
                int n = 3 + rnd.nextInt(5), room = out.size();
                for (int k = 0; k < n * 10 && out.size() < room + n; k++) {
                    double sx = 80 + rnd.nextDouble() * 270, sy = 80 + rnd.nextDouble() * 270;
                    double sz = 60 + rnd.nextDouble() * 300;
                    double a = behind + (2 * rnd.nextDouble() - 1) * Math.toRadians(80);
                    double r = radiusMm + 80 + rnd.nextDouble() * 400;
                    float[] colour = rnd.nextBoolean() ? cardboard(rnd)
                            : ShapeMeshes.randomColour(rnd, 0.1, 0.9, 0.3, 0.9);
                    Mesh mesh = ShapeMeshes.box(sx, sy, sz, colour, 40, 0.06, rnd);
                    RigidTransform pose = RigidTransform.fromAxisAngle(0, 0, 1, rnd.nextDouble() * Math.PI,
                            new double[] {r * Math.cos(a), r * Math.sin(a), sz / 2});
                    Body box = body("box", mesh, ShapeMeshes.boxCorners(sx, sy, sz), pose);
                    if (out.stream().allMatch(o -> Body.gap(o, box) > 0)) {
                        out.add(box);
                    }
                }
                return new Built(out, new CameraLimits(front, Math.toRadians(70), 0, 90));
            }
            default -> throw new IllegalStateException(name());
        }
    }

    /** A wall of the given width and height, its face {@code distanceMm} from the origin in direction {@code dir}. */
    private static Body wall(Random rnd, double dir, double distanceMm, double width, double height, float[] colour) {
        return panel(rnd, dir, distanceMm + 10, 0, height / 2, width, 20, height, colour, "wall", 50);
    }

    /**
     * A box whose centre is {@code along} from the origin in direction {@code dir} and {@code across} to its left,
     * at height {@code z} (centre), {@code width} across, {@code depth} along, {@code height} high.
     */
    private static Body panel(Random rnd, double dir, double along, double across, double z, double width,
            double depth, double height, float[] colour, String name, double tileMm) {
        double c = Math.cos(dir), s = Math.sin(dir);
        double x = along * c - across * s, y = along * s + across * c;
        // the box's x axis points along dir, its y axis across
        Mesh mesh = ShapeMeshes.box(depth, width, height, colour, tileMm, 0.05, rnd);
        RigidTransform pose = RigidTransform.fromAxisAngle(0, 0, 1, dir, new double[] {x, y, z});
        return body(name, mesh, ShapeMeshes.boxCorners(depth, width, height), pose);
    }

    private static Body body(String name, Mesh mesh, float[] corners, RigidTransform pose) {
        return new Body(name, 0, Body.Role.BACKGROUND, RenderModel.of(mesh), pose,
                new Body.Hull(corners, pose.rotation()), "background", null, null);
    }

    private static float[] paint(Random rnd) {
        return ShapeMeshes.randomColour(rnd, 0.0, 0.35, 0.55, 0.95);
    }

    private static float[] wood(Random rnd) {
        float v = (float) (0.45 + rnd.nextDouble() * 0.3);
        return new float[] {v + 0.12f, v - 0.02f, v - 0.2f};
    }

    private static float[] cardboard(Random rnd) {
        float v = (float) (0.5 + rnd.nextDouble() * 0.2);
        return new float[] {v + 0.1f, v - 0.05f, v - 0.25f};
    }
}
