package io.sam6d.vision.segmentation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.sam6d.vision.eval.DatasetObjects;
import io.sam6d.vision.io.bop.BopFrame;

/** Shared by the dev tools: the objects asked on a frame and their prepared models. */
final class DevQueries {

    private DevQueries() {
    }

    /** Adds {@code absent} objects not in the frame, picked deterministically from {@code allIds}. */
    static void addAbsent(Set<Integer> asked, BopFrame frame, int scene, List<Integer> allIds, int absent) {
        int k = 0;
        for (int i = 0; i < allIds.size() && k < absent; i++) {
            int id = allIds.get((i * 7 + frame.imageId() * 3 + scene) % allIds.size());
            if (asked.add(id)) {
                k++;
            }
        }
    }

    /** The prepared models of {@code ids}, each prepared once ({@code cache}). */
    static List<WeightFreeModel> prepared(Collection<Integer> ids, Map<Integer, WeightFreeModel> cache,
            WeightFreeSegmenter seg, DatasetObjects objs) {
        List<WeightFreeModel> out = new ArrayList<>();
        for (int id : ids) {
            out.add(cache.computeIfAbsent(id, x -> (WeightFreeModel) seg.prepare(objs.objectModel(x))));
        }
        return out;
    }

    static double widestFace(List<WeightFreeModel> models) {
        return WeightFreeModel.widestFace(models);
    }
}
