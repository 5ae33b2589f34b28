package io.sam6d.vision.synthetic;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.render.RenderModel;

/**
 * Puts objects into one scene, one after the other, each in one of four ways (the chances are the settings of
 * {@link ConfigSyntheticScenes}): <b>stacked</b> on the flat top of an object already there, its centre of mass
 * over what holds it up; <b>leaning</b>: tipped past the angle at which it would fall over, its lowest point on
 * the table, pushed against a neighbour until their hulls touch; <b>touching</b>: in a resting pose, pushed
 * against a neighbour until their hulls are 0 to {@link ConfigSyntheticScenes#touchingGapMm} apart; <b>free</b>:
 * in a resting pose at a random spot at least {@link ConfigSyntheticScenes#clearanceMm} from everything. A way
 * that finds no room falls back to touching, then free. Lengths in mm, world frame (table z = 0, z up).
 */
final class SceneLayout {

    private static final int ATTEMPTS = 40;
    /** Leaning makes sense for objects that stand up: lower than this tip angle, degrees. */
    private static final double LEAN_MAX_TIP_DEG = 40;
    /** Extra tilt beyond the tip angle, degrees: drawn from this range. */
    private static final double LEAN_EXTRA_MIN_DEG = 4;
    private static final double LEAN_EXTRA_MAX_DEG = 20;
    /** A leaning object rests on something at least this fraction of its height, or it would fall over it. */
    private static final double LEAN_HOLDER_HEIGHT_FRACTION = 0.45;
    /** Objects pushed together stay within this multiple of the placement radius of the centre. */
    private static final double SPREAD = 1.6;

    private final ConfigSyntheticScenes config;
    private final Random rnd;
    private final List<Body> bodies;

    /** @param background the solids already there (walls, boxes) */
    SceneLayout(ConfigSyntheticScenes config, Random rnd, List<Body> background) {
        this.config = config;
        this.rnd = rnd;
        this.bodies = new ArrayList<>(background);
    }

    /** Everything placed so far, the background first. */
    List<Body> bodies() {
        return bodies;
    }

    /** Places one instance of a model; returns its body, or null when no room was found. */
    Body place(SceneModel model, Body.Role role, RenderModel render) {
        double u = rnd.nextDouble();
        Body b = null;
        boolean triedTouching = false;
        if (u < config.stackingProbability) {
            b = stacked(model, role, render);
        } else if (u < config.stackingProbability + config.leaningProbability) {
            b = leaning(model, role, render);
        } else if (u < config.stackingProbability + config.leaningProbability + config.touchingProbability) {
            b = touching(model, role, render);
            triedTouching = true;
        }
        if (b == null && !triedTouching && config.touchingProbability > 0) {
            b = touching(model, role, render);
        }
        if (b == null) {
            b = free(model, role, render);
        }
        if (b != null) {
            bodies.add(b);
        }
        return b;
    }

    private Body free(SceneModel m, Body.Role role, RenderModel render) {
        for (int attempt = 0; attempt < 5 * ATTEMPTS; attempt++) {
            StablePoses.Rest rest = pick(m.rests());
            double yaw = rnd.nextDouble() * 2 * Math.PI;
            double r = config.placementRadiusMm * Math.sqrt(rnd.nextDouble());
            double a = rnd.nextDouble() * 2 * Math.PI;
            Body b = onRest(m, role, render, rest, yaw, r * Math.cos(a), r * Math.sin(a), 0, "free", null);
            if (clear(b, null, config.clearanceMm)) {
                return b;
            }
        }
        return null;
    }

    private Body touching(SceneModel m, Body.Role role, RenderModel render) {
        List<Body> neighbours = bodies.stream().filter(o -> o.role() != Body.Role.BACKGROUND && o.zMin() < 1).toList();
        if (neighbours.isEmpty()) {
            return null;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Body n = neighbours.get(rnd.nextInt(neighbours.size()));
            StablePoses.Rest rest = pick(m.rests());
            double yaw = rnd.nextDouble() * 2 * Math.PI;
            RigidTransform pose = restPose(rest, yaw, 0, 0, 0);
            Body.Hull hull = new Body.Hull(m.hullPoints(), pose.rotation());
            double[] t = slideAgainst(n, hull, pose.translation()[2], gap());
            if (t == null) {
                continue;
            }
            Body b = new Body(m.name(), m.objId(), role, render, new RigidTransform(pose.rotation(), t), hull,
                    "touching", null, worldTop(rest, yaw, t));
            if (near(b)) {
                return b;
            }
        }
        return null;
    }

    private Body stacked(SceneModel m, Body.Role role, RenderModel render) {
        List<Body> bases = bodies.stream().filter(o -> o.top() != null).toList();
        if (bases.isEmpty()) {
            return null;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Body base = bases.get(rnd.nextInt(bases.size()));
            double[] top = base.top().polygon();
            StablePoses.Rest rest = pick(m.rests());
            double yaw = rnd.nextDouble() * 2 * Math.PI;
            double[] box = bounds(top);
            double x = box[0] + rnd.nextDouble() * (box[2] - box[0]), y = box[1] + rnd.nextDouble() * (box[3] - box[1]);
            double[] held = Polygon2.intersection(Polygon2.transformed(rest.support(), yaw, x, y), top);
            if (held.length < 6 || Polygon2.insideDistance(held, x, y) < config.stackMarginMm) {
                continue;
            }
            Body b = onRest(m, role, render, rest, yaw, x, y, base.top().heightMm(), "stacked", base);
            if (clear(b, base, gap()) && Body.gap(b, base) > -1e-6) {
                return b;
            }
        }
        return null;
    }

    private Body leaning(SceneModel m, Body.Role role, RenderModel render) {
        List<StablePoses.Rest> upright = m.rests().stream().filter(r -> r.tipAngleDeg() < LEAN_MAX_TIP_DEG).toList();
        List<Body> holders = bodies.stream().filter(o -> o.role() != Body.Role.BACKGROUND && o.zMin() < 1).toList();
        if (upright.isEmpty() || holders.isEmpty()) {
            return null;
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Body n = holders.get(rnd.nextInt(holders.size()));
            StablePoses.Rest rest = upright.get(rnd.nextInt(upright.size()));
            double yaw = rnd.nextDouble() * 2 * Math.PI;
            double side = rnd.nextDouble() * 2 * Math.PI;
            // tip towards the neighbour (direction v = -u, u from the neighbour outwards) about z x v
            double vx = -Math.cos(side), vy = -Math.sin(side);
            double tilt = Math.toRadians(rest.tipAngleDeg() + LEAN_EXTRA_MIN_DEG
                    + rnd.nextDouble() * (LEAN_EXTRA_MAX_DEG - LEAN_EXTRA_MIN_DEG));
            RigidTransform tip = RigidTransform.fromAxisAngle(-vy, vx, 0, tilt, new double[3]);
            RigidTransform pose = tip.compose(restPose(rest, yaw, 0, 0, 0));
            Body.Hull hull = new Body.Hull(m.hullPoints(), pose.rotation());
            double height = hull.hi[Body.DIRECTIONS.length - 1] - hull.zLo();
            if (n.zMax() < LEAN_HOLDER_HEIGHT_FRACTION * height) {
                continue;
            }
            double[] t = slideAgainst(n, hull, side, -hull.zLo(), gap());
            if (t == null) {
                continue;
            }
            Body b = new Body(m.name(), m.objId(), role, render, new RigidTransform(pose.rotation(), t), hull,
                    "leaning", null, null);
            Body holder = nearest(b);
            if (holder != null && holder.zMax() >= LEAN_HOLDER_HEIGHT_FRACTION * height && near(b)) {
                return new Body(b.name(), b.objId(), role, render, b.modelToWorld(), hull, "leaning", holder, null);
            }
        }
        return null;
    }

    /** {@link #slideAgainst(Body, Body.Hull, double, double, double)} from a random side. */
    private double[] slideAgainst(Body n, Body.Hull hull, double z, double clearance) {
        return slideAgainst(n, hull, rnd.nextDouble() * 2 * Math.PI, z, clearance);
    }

    /**
     * Starts the hull clear of {@code n} on its side {@code side} (radians) at height {@code z} and moves it straight
     * towards {@code n}'s centre until it comes within {@code clearance} of anything; returns its translation, or
     * null when it started too close to something or met nothing.
     */
    private double[] slideAgainst(Body n, Body.Hull hull, double side, double z, double clearance) {
        double ux = Math.cos(side), uy = Math.sin(side);
        double[] c = n.centre();
        double reach = n.radius() + hull.radius + 10;
        double[] start = {c[0] + ux * reach - hull.centre[0], c[1] + uy * reach - hull.centre[1], z};
        double[] v = {-ux, -uy, 0};
        double s = Double.POSITIVE_INFINITY;
        for (Body o : bodies) {
            s = Math.min(s, Body.contactDistance(hull, start, v, o, clearance));
        }
        if (!(s > 0) || Double.isInfinite(s)) {
            return null;
        }
        return new double[] {start[0] + s * v[0], start[1] + s * v[1], z};
    }

    /** The solid whose hull is nearest to {@code b}'s. */
    private Body nearest(Body b) {
        Body best = null;
        double bestGap = Double.POSITIVE_INFINITY;
        for (Body o : bodies) {
            double g = Body.gap(b, o);
            if (g < bestGap) {
                bestGap = g;
                best = o;
            }
        }
        return best;
    }

    /** Whether {@code b} keeps {@code clearance} from every solid but {@code except}. */
    private boolean clear(Body b, Body except, double clearance) {
        for (Body o : bodies) {
            if (o != except && Body.gap(b, o) < clearance - 1e-6) {
                return false;
            }
        }
        return true;
    }

    /** Whether a pushed object stayed near the centre (and so on the table and in the picture). */
    private boolean near(Body b) {
        double[] c = b.centre();
        return Math.hypot(c[0], c[1]) <= SPREAD * config.placementRadiusMm;
    }

    /** A gap for touching objects: evenly in 0..touchingGapMm. */
    private double gap() {
        return rnd.nextDouble() * config.touchingGapMm;
    }

    private Body onRest(SceneModel m, Body.Role role, RenderModel render, StablePoses.Rest rest, double yaw, double x,
            double y, double z, String placement, Body on) {
        RigidTransform pose = restPose(rest, yaw, x, y, z);
        return new Body(m.name(), m.objId(), role, render, pose, new Body.Hull(m.hullPoints(), pose.rotation()),
                placement, on, worldTop(rest, yaw, pose.translation()));
    }

    /** The model at rest, turned by {@code yaw} about z, its centre of mass above (x, y), lowest point at z. */
    private static RigidTransform restPose(StablePoses.Rest rest, double yaw, double x, double y, double z) {
        return RigidTransform.fromAxisAngle(0, 0, 1, yaw, new double[] {x, y, z}).compose(rest.modelToRest());
    }

    /** The rest's flat top in the world, for a body at rest turned by {@code yaw} whose translation is {@code t}. */
    private static StablePoses.Top worldTop(StablePoses.Rest rest, double yaw, double[] t) {
        if (rest.top() == null) {
            return null;
        }
        // the rest frame's origin sits where the turned rest translation was added: recover it from t
        double[] rt = rest.modelToRest().translation();
        double c = Math.cos(yaw), s = Math.sin(yaw);
        double ox = t[0] - (c * rt[0] - s * rt[1]), oy = t[1] - (s * rt[0] + c * rt[1]), oz = t[2] - rt[2];
        return new StablePoses.Top(Polygon2.transformed(rest.top().polygon(), yaw, ox, oy),
                oz + rest.top().heightMm());
    }

    /** A resting pose drawn with its probability. */
    StablePoses.Rest pick(List<StablePoses.Rest> rests) {
        double u = rnd.nextDouble();
        for (StablePoses.Rest r : rests) {
            u -= r.probability();
            if (u < 0) {
                return r;
            }
        }
        return rests.get(rests.size() - 1);
    }

    /** {minX, minY, maxX, maxY} of a polygon. */
    private static double[] bounds(double[] poly) {
        double[] b = {Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE};
        for (int i = 0; i < poly.length; i += 2) {
            b[0] = Math.min(b[0], poly[i]);
            b[1] = Math.min(b[1], poly[i + 1]);
            b[2] = Math.max(b[2], poly[i]);
            b[3] = Math.max(b[3], poly[i + 1]);
        }
        return b;
    }
}
