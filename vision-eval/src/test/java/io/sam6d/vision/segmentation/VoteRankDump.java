package io.sam6d.vision.segmentation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.sam6d.vision.eval.DatasetObjects;
import io.sam6d.vision.eval.EvalModel;
import io.sam6d.vision.eval.GtMasks;
import io.sam6d.vision.eval.PoseErrors;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.Mask;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.pose.ConfigPpf;
import io.sam6d.vision.pose.PoseCandidate;
import io.sam6d.vision.pose.PpfMatcher;
import io.sam6d.vision.pose.SceneCloud;

/**
 * Dev tool: for every ground-truth instance (at least 10 % visible) that the engine misses, where a near-right pose
 * (ADI below 0.15 of the diameter) ranks among the scene-wide vote's clusters: by votes (what is refined now) and by
 * the coarse template score. Args: dataset [scene,...]. Options: {@code -Dclusters=N -Dpeaks=N -DpeakFraction=F} (the
 * vote's settings), {@code -DoracleRefs=true} (vote with the reference points on the missed instance only: can the
 * vote find it at all), {@code -Dgroups=true -DperGroup=N} (vote with each surface piece's reference points on their
 * own and print where the near-right cluster ranks within its piece).
 */
public final class VoteRankDump {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        BopDataset ds = BopDataset.open(Path.of(args[0]));
        DatasetObjects objs = new DatasetObjects(ds, null);
        ConfigWeightFreeSegmentation config = new ConfigWeightFreeSegmentation();
        WeightFreeSegmenter seg = new WeightFreeSegmenter(config);
        ConfigWeightFreeSegmentation onlyProposals = config.copy();
        onlyProposals.sceneWide = false;
        WeightFreeSegmenter seg2 = new WeightFreeSegmenter(onlyProposals);
        Map<Integer, WeightFreeModel> cache = new HashMap<>();
        List<Integer> ids = objs.objIds();
        Map<Integer, EvalModel> evals = new HashMap<>();
        int misses = 0, inVotes = 0, inTop = 0, inScoreTop = 0;
        List<Integer> scenes = args.length > 1
                ? java.util.Arrays.stream(args[1].split(",")).map(Integer::valueOf).toList() : ds.scenes("test");
        for (int sc : scenes) {
            for (BopFrame bf : ds.frames("test", sc)) {
                RgbImage rgb = ImageFiles.readRgb(bf.rgb());
                DepthImage depth = ImageFiles.readDepth(bf.depth(), bf.depthScale());
                RgbdFrame frame = new RgbdFrame(rgb, depth, bf.camera());
                int w = frame.width(), h = frame.height();
                GtMasks gm = GtMasks.load(bf, w, h, depth, null);
                List<WeightFreeModel> prepared = DevQueries.prepared(ids, cache, seg, objs);
                DepthScene scene = new DepthScene(frame, config, DevQueries.widestFace(prepared));
                List<WeightFreeSegmenter.Found> kept = SceneInterpretation.select(seg.candidates(scene, prepared), w,
                        h, config.minScore, config.maxDetectionsPerObject, config.maxSharedMask);
                boolean[] explained = seg2.explained(scene, seg2.candidates(scene, prepared));
                if (config.skipFlatBackground) {
                    seg.markFlatBackground(scene, prepared, explained);
                }
                int[] surfaceLabel = WeightFreeSegmenter.surfaceLabels(scene);
                SceneCloud surface = scene.surfaceCloud();
                for (int g = 0; g < bf.gt().size(); g++) {
                    Mask gmask = gm.masks().get(g);
                    int objId = bf.gt().get(g).objId();
                    double visib = bf.gtInfo().isEmpty() ? 1 : bf.gtInfo().get(g).visibFract();
                    if (gmask == null || visib < 0.1) {
                        continue;
                    }
                    boolean found = false;
                    for (WeightFreeSegmenter.Found f : kept) {
                        if (DatasetObjects.objId(f.model().model.name()) == objId
                                && CandidateDump.iou(f.result().frameMask(w, h), gmask.bits()) >= 0.5) {
                            found = true;
                        }
                    }
                    if (found) {
                        continue;
                    }
                    misses++;
                    WeightFreeModel m = prepared.get(ids.indexOf(objId));
                    EvalModel em = evals.computeIfAbsent(objId, objs::evalModel);
                    RigidTransform gt = bf.gt().get(g).modelToCamera();
                    SceneCloud voting = surface.voxelSubsample(m.ppf.samplingStepMm(), config.ppf.normalClusterAngleDeg);
                    SceneCloud refs = WeightFreeSegmenter.fairReferences(voting, explained, surfaceLabel,
                            config.sceneReferencePoints, config.sceneReferenceFairShare);
                    int n = refs.size(), onGt = 0;
                    for (int px : refs.pixels()) {
                        if (px >= 0 && gmask.bits()[px]) {
                            onGt++;
                        }
                    }
                    ConfigPpf vote = new ConfigPpf().setTo(config.ppf);
                    vote.maxReferencePoints = config.sceneReferencePoints;
                    vote.maxClusters = Integer.getInteger("clusters", config.sceneClusters);
                    vote.peaksPerReference = Integer.getInteger("peaks", vote.peaksPerReference);
                    vote.peakFraction = Double.parseDouble(System.getProperty("peakFraction", "" + vote.peakFraction));
                    if (Boolean.getBoolean("oracleRefs")) {
                        // only the references on this instance: can the vote find it at all?
                        int[] keep = new int[refs.size()];
                        int nk = 0;
                        for (int i = 0; i < refs.size(); i++) {
                            int px = refs.pixels()[i];
                            if (px >= 0 && gmask.bits()[px]) {
                                keep[nk++] = i;
                            }
                        }
                        refs = refs.select(keep, nk);
                        n = nk;
                    }
                    List<PoseCandidate> cands = n < config.minSceneReferences ? List.of()
                            : new PpfMatcher(vote).match(m.ppf, voting, refs);
                    if (Boolean.getBoolean("groups") && n >= config.minSceneReferences) {
                        // vote per surface piece: where does the near-right cluster rank within its piece?
                        Map<Integer, List<Integer>> byLabel = new java.util.TreeMap<>();
                        for (int i = 0; i < refs.size(); i++) {
                            int px = refs.pixels()[i];
                            byLabel.computeIfAbsent(px >= 0 ? surfaceLabel[px] : -1, k -> new ArrayList<>()).add(i);
                        }
                        ConfigPpf pv = new ConfigPpf().setTo(vote);
                        pv.maxClusters = Integer.getInteger("perGroup", 3);
                        StringBuilder sb = new StringBuilder();
                        for (Map.Entry<Integer, List<Integer>> e : byLabel.entrySet()) {
                            int[] idx = e.getValue().stream().mapToInt(Integer::intValue).toArray();
                            int onIt = 0;
                            for (int i : idx) {
                                int px = refs.pixels()[i];
                                if (px >= 0 && gmask.bits()[px]) {
                                    onIt++;
                                }
                            }
                            List<PoseCandidate> gc = new PpfMatcher(pv).match(m.ppf, voting, refs.select(idx, idx.length));
                            int rank = -1;
                            for (int c = 0; c < gc.size() && rank < 0; c++) {
                                if (PoseErrors.adi(em, gc.get(c).modelToCamera(), gt) < 0.15 * m.diameterMm) {
                                    rank = c;
                                }
                            }
                            if (onIt > 0 || rank >= 0) {
                                sb.append(String.format(" [piece %d: %d refs, %d on it, best votes %.0f, near-right rank %d]",
                                        e.getKey(), idx.length, onIt, gc.isEmpty() ? 0 : gc.get(0).votes(), rank));
                            }
                        }
                        System.out.printf("  pieces %d:%s%n", byLabel.size(), sb);
                    }
                    PoseSearch search = new PoseSearch(scene, m, config);
                    int voteRank = -1;
                    List<PoseSearch.Hypothesis> ranked = new ArrayList<>();
                    double coarseTol = Math.max(2 * config.fitMinMm, 0.08 * m.diameterMm);
                    int kf = Math.min(config.featuresPerView, WeightFreeModel.REFINE_FEATURES);
                    double[] tScore = new double[cands.size()];
                    for (int c = 0; c < cands.size(); c++) {
                        RigidTransform p = cands.get(c).modelToCamera();
                        int view = search.nearestView(p.rotation(), p.translation());
                        ranked.add(new PoseSearch.Hypothesis(p.rotation(), p.translation(), view, cands.get(c).votes()));
                        tScore[c] = search.score(p.rotation(), p.translation(), m.views[view], kf, coarseTol);
                        if (voteRank < 0 && PoseErrors.adi(em, p, gt) < 0.15 * m.diameterMm) {
                            voteRank = c;
                        }
                    }
                    boolean top = false;
                    for (PoseSearch.Hypothesis hy : search.distinct(ranked, config.sceneHypothesesRefined)) {
                        if (PoseErrors.adi(em, new RigidTransform(hy.r, hy.t), gt) < 0.15 * m.diameterMm) {
                            top = true;
                        }
                    }
                    int scoreRank = -1;
                    if (voteRank >= 0) {
                        scoreRank = 0;
                        for (double s : tScore) {
                            if (s > tScore[voteRank]) {
                                scoreRank++;
                            }
                        }
                    }
                    inVotes += voteRank >= 0 ? 1 : 0;
                    inTop += top ? 1 : 0;
                    inScoreTop += scoreRank >= 0 && scoreRank < config.sceneHypothesesRefined ? 1 : 0;
                    System.out.printf("%d/%d gt %d obj %d visib %.2f: %d refs (%d on it), %d clusters, near-right "
                            + "cluster at vote rank %d (template score %.2f, rank %d), in refined: %s%n", sc,
                            bf.imageId(), g, objId, visib, n, onGt, cands.size(), voteRank,
                            voteRank >= 0 ? tScore[voteRank] : 0, scoreRank, top);
                }
            }
        }
        System.out.printf("misses %d: near-right cluster among the votes %d, in the refined %d, in the top by template "
                + "score %d%n", misses, inVotes, inTop, inScoreTop);
    }
}
