package io.sam6d.vision.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.sam6d.vision.geometry.RigidTransform;
import org.junit.jupiter.api.Test;

/**
 * Placement of touching, stacked and leaning objects, checked exactly on boxes: no box reaches into another, touching
 * boxes are as close as asked, a stacked box stands on its base's top with its centre of mass over it, a leaning
 * box stands on the table tipped past its tip angle against its holder.
 */
class SceneLayoutTest {

    private static final float[] GREY = {0.5f, 0.5f, 0.5f};

    /** A box of the given sides and the sides, for the exact checks. */
    private record BoxModel(SceneModel model, double[] half) {
    }

    private static BoxModel box(double sx, double sy, double sz, Random rnd) {
        return new BoxModel(SceneModel.box(sx, sy, sz, GREY, rnd), new double[] {sx / 2, sy / 2, sz / 2});
    }

    private static ConfigSyntheticScenes config(double touching, double stacking, double leaning) {
        ConfigSyntheticScenes c = new ConfigSyntheticScenes();
        c.touchingProbability = touching;
        c.stackingProbability = stacking;
        c.leaningProbability = leaning;
        c.touchingGapMm = 2;
        c.clearanceMm = 5;
        c.placementRadiusMm = 150;
        c.checkValidity();
        return c;
    }

    @Test
    void touchingBoxesAreCloseButNeverInsideEachOther() {
        Random rnd = new Random(3);
        SceneLayout layout = new SceneLayout(config(1, 0, 0), rnd, List.of());
        List<Body> bodies = new ArrayList<>();
        List<double[]> halves = new ArrayList<>();
        for (int k = 0; k < 7; k++) {
            BoxModel b = box(40 + 20 * (k % 3), 50 + 10 * k, 30 + 15 * (k % 4), rnd);
            Body placed = layout.place(b.model(), Body.Role.TARGET, b.model().render());
            assertThat(placed).isNotNull();
            bodies.add(placed);
            halves.add(b.half());
        }
        assertThat(bodies.get(0).placement()).isEqualTo("free");
        for (int a = 1; a < bodies.size(); a++) {
            assertThat(bodies.get(a).placement()).isEqualTo("touching");
            assertThat(bodies.get(a).zMin()).isCloseTo(0, within(1e-6));
            double nearest = Double.POSITIVE_INFINITY;
            for (int b = 0; b < bodies.size(); b++) {
                if (b != a) {
                    nearest = Math.min(nearest, distance(bodies.get(a), halves.get(a), bodies.get(b), halves.get(b)));
                }
            }
            // the hull gap asked for is 0..2 mm; sampling the faces every 1 mm adds up to ~0.7 mm
            assertThat(nearest).as("box %d", a).isBetween(-1e-6, 2.0 + 1.0);
        }
        assertNothingOverlaps(bodies, halves);
    }

    @Test
    void aStackedBoxStandsOnItsBaseWithItsCentreOfMassOverIt() {
        Random rnd = new Random(5);
        SceneLayout layout = new SceneLayout(config(0, 1, 0), rnd, List.of());
        BoxModel base = box(120, 100, 60, rnd);
        Body bottom = layout.place(base.model(), Body.Role.TARGET, base.model().render());
        assertThat(bottom.placement()).isEqualTo("free");
        assertThat(bottom.top()).isNotNull();
        List<Body> bodies = new ArrayList<>(List.of(bottom));
        List<double[]> halves = new ArrayList<>(List.of(base.half()));
        for (int k = 0; k < 3; k++) {
            BoxModel b = box(50, 40 + 10 * k, 30, rnd);
            Body placed = layout.place(b.model(), Body.Role.TARGET, b.model().render());
            bodies.add(placed);
            halves.add(b.half());
            assertThat(placed.placement()).isEqualTo("stacked");
            Body on = placed.on();
            assertThat(placed.zMin()).isCloseTo(on.zMax(), within(1e-6));
            // centre of mass (the box's centre) above the top of what holds it, by the margin
            double[] c = placed.modelToWorld().translation();
            assertThat(Polygon2.insideDistance(on.top().polygon(), c[0], c[1])).isGreaterThanOrEqualTo(4 - 1e-6);
        }
        assertNothingOverlaps(bodies, halves);
    }

    @Test
    void aLeaningBoxIsTippedPastFallingAndRestsAgainstItsHolder() {
        Random rnd = new Random(11);
        SceneLayout layout = new SceneLayout(config(0, 0, 1), rnd, List.of());
        BoxModel wall = box(150, 60, 160, rnd);
        Body holder = layout.place(wall.model(), Body.Role.DISTRACTOR, wall.model().render());
        assertThat(holder.placement()).isEqualTo("free");
        BoxModel plank = box(20, 60, 140, rnd);
        Body leaning = layout.place(plank.model(), Body.Role.TARGET, plank.model().render());
        assertThat(leaning.placement()).isEqualTo("leaning");
        assertThat(leaning.on()).isSameAs(holder);
        assertThat(leaning.zMin()).isCloseTo(0, within(1e-6));
        // it would fall without its holder: its centre of mass is beyond what it stands on, on the holder's side
        List<Double> feet = new ArrayList<>();
        for (int k = 0; k < 8; k++) {
            double[] p = leaning.modelToWorld().apply((k & 1) == 0 ? -10 : 10, (k & 2) == 0 ? -30 : 30,
                    (k & 4) == 0 ? -70 : 70);
            if (p[2] < 1e-6) {
                feet.add(p[0]);
                feet.add(p[1]);
            }
        }
        double[] support = Polygon2.hull(feet.stream().mapToDouble(Double::doubleValue).toArray());
        double[] com = leaning.modelToWorld().translation();
        assertThat(Polygon2.insideDistance(support, com[0], com[1])).isLessThan(-1);
        double[] toHolder = {holder.centre()[0] - support[0], holder.centre()[1] - support[1]};
        assertThat(toHolder[0] * (com[0] - support[0]) + toHolder[1] * (com[1] - support[1])).isPositive();
        assertThat(distance(leaning, plank.half(), holder, wall.half())).isBetween(-1e-6, 3.0);
        assertNothingOverlaps(List.of(holder, leaning), List.of(wall.half(), plank.half()));
    }

    @Test
    void convexPolygonsIntersect() {
        double[] square = {0, 0, 10, 0, 10, 10, 0, 10};
        double[] shifted = Polygon2.transformed(square, 0, 5, 5);
        assertThat(Polygon2.area(Polygon2.intersection(square, shifted))).isCloseTo(25, within(1e-9));
        assertThat(Polygon2.intersection(square, Polygon2.transformed(square, 0, 20, 0))).isEmpty();
        double[] turned = Polygon2.transformed(square, Math.PI / 4, 5, -2);
        assertThat(Polygon2.area(Polygon2.intersection(square, turned)))
                .isCloseTo(Polygon2.area(Polygon2.intersection(turned, square)), within(1e-9));
    }

    private static void assertNothingOverlaps(List<Body> bodies, List<double[]> halves) {
        for (int a = 0; a < bodies.size(); a++) {
            for (int b = 0; b < bodies.size(); b++) {
                if (a != b) {
                    assertThat(depthInside(bodies.get(a), halves.get(a), bodies.get(b), halves.get(b)))
                            .as("box %d into box %d", a, b).isLessThan(1e-3);
                }
            }
        }
    }

    /** Points on the faces of a box every 1 mm or so, in the world. */
    private static List<double[]> surface(Body body, double[] half) {
        List<double[]> out = new ArrayList<>();
        int[] n = new int[3];
        for (int k = 0; k < 3; k++) {
            n[k] = Math.max(1, (int) Math.ceil(2 * half[k]));
        }
        for (int i = 0; i <= n[0]; i++) {
            for (int j = 0; j <= n[1]; j++) {
                for (int k = 0; k <= n[2]; k++) {
                    if (i == 0 || j == 0 || k == 0 || i == n[0] || j == n[1] || k == n[2]) {
                        out.add(body.modelToWorld().apply(-half[0] + 2 * half[0] * i / n[0],
                                -half[1] + 2 * half[1] * j / n[1], -half[2] + 2 * half[2] * k / n[2]));
                    }
                }
            }
        }
        return out;
    }

    /** How deep the deepest surface point of box a lies inside box b, mm (negative: outside). */
    private static double depthInside(Body a, double[] ha, Body b, double[] hb) {
        RigidTransform toB = b.modelToWorld().inverse();
        double deepest = Double.NEGATIVE_INFINITY;
        for (double[] p : surface(a, ha)) {
            double[] q = toB.apply(p[0], p[1], p[2]);
            double inside = Double.POSITIVE_INFINITY;
            for (int k = 0; k < 3; k++) {
                inside = Math.min(inside, hb[k] - Math.abs(q[k]));
            }
            deepest = Math.max(deepest, inside);
        }
        return deepest;
    }

    /** Smallest distance from the surface of box a to box b, mm (about, by sampling a's faces). */
    private static double distance(Body a, double[] ha, Body b, double[] hb) {
        RigidTransform toB = b.modelToWorld().inverse();
        double best = Double.POSITIVE_INFINITY;
        for (double[] p : surface(a, ha)) {
            double[] q = toB.apply(p[0], p[1], p[2]);
            double s = 0;
            for (int k = 0; k < 3; k++) {
                double d = Math.max(0, Math.abs(q[k]) - hb[k]);
                s += d * d;
            }
            best = Math.min(best, Math.sqrt(s));
        }
        return best;
    }
}
