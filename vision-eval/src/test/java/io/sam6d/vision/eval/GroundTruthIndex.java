package io.sam6d.vision.eval;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.sam6d.vision.SharedData;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;

/**
 * Test fixture: finds the BOP frame (and its ground truth) that an engine is handed, by the content of its colour
 * image. Lets the oracle engines answer from ground truth through the ordinary engine interfaces. Datasets are
 * indexed on first use; the default is the shared YCB-Video frames, another can be named by the system property
 * {@code sam6d.oracle.dataset}.
 */
final class GroundTruthIndex {

    private static final Map<Path, GroundTruthIndex> INDEXES = new ConcurrentHashMap<>();

    final DatasetObjects objects;
    private final Map<Integer, BopFrame> byHash = new HashMap<>();

    private GroundTruthIndex(Path root) {
        BopDataset ds = BopDataset.open(root);
        objects = new DatasetObjects(ds, null);
        for (String split : new String[] {"test", "val", "train"}) {
            for (int scene : ds.scenes(split)) {
                for (BopFrame f : ds.frames(split, scene)) {
                    if (!f.gt().isEmpty()) {
                        byHash.put(hash(ImageFiles.readRgb(f.rgb())), f);
                    }
                }
            }
        }
    }

    static GroundTruthIndex forDefaultDataset() {
        String prop = System.getProperty("sam6d.oracle.dataset");
        return of(prop != null ? Path.of(prop) : SharedData.ycbv());
    }

    static GroundTruthIndex of(Path root) {
        return INDEXES.computeIfAbsent(root.toAbsolutePath().normalize(), GroundTruthIndex::new);
    }

    /** The frame showing this image; an engine given an unknown image cannot be an oracle. */
    BopFrame frameOf(RgbImage rgb) {
        BopFrame f = byHash.get(hash(rgb));
        if (f == null) {
            throw new IllegalStateException("the oracle does not know this image");
        }
        return f;
    }

    private static int hash(RgbImage rgb) {
        return 31 * (31 * rgb.width() + rgb.height()) + Arrays.hashCode(rgb.rgb());
    }
}
