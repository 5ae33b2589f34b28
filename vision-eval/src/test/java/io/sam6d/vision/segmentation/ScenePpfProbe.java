package io.sam6d.vision.segmentation;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sam6d.vision.eval.DatasetObjects;
import io.sam6d.vision.geometry.RigidTransform;
import io.sam6d.vision.image.DepthImage;
import io.sam6d.vision.image.ImageFiles;
import io.sam6d.vision.image.RgbImage;
import io.sam6d.vision.image.RgbdFrame;
import io.sam6d.vision.io.bop.BopDataset;
import io.sam6d.vision.io.bop.BopFrame;
import io.sam6d.vision.pose.ConfigPpf;
import io.sam6d.vision.pose.IcpResult;
import io.sam6d.vision.pose.PointToPlaneIcp;
import io.sam6d.vision.pose.PoseCandidate;
import io.sam6d.vision.pose.PpfMatcher;
import io.sam6d.vision.pose.SceneCloud;

/** Dev probe: scene-wide PPF voting per object; where do the right poses rank? */
public final class ScenePpfProbe {
    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        BopDataset ds = BopDataset.open(Path.of(args[0]));
        int scene = Integer.parseInt(args[1]);
        int image = Integer.parseInt(args[2]);
        int refs = args.length > 3 ? Integer.parseInt(args[3]) : 400;
        DatasetObjects objs = new DatasetObjects(ds, null);
        ConfigWeightFreeSegmentation config = new ConfigWeightFreeSegmentation();
        for (BopFrame bf : ds.frames("test", scene)) {
            if (bf.imageId() != image) continue;
            RgbImage rgb = ImageFiles.readRgb(bf.rgb());
            DepthImage depth = ImageFiles.readDepth(bf.depth(), bf.depthScale());
            RgbdFrame frame = new RgbdFrame(rgb, depth, bf.camera());
            DepthScene s = new DepthScene(frame, config, 250);
            for (BopFrame.GtPose gp : bf.gt()) {
                WeightFreeModel m = WeightFreeModel.build(objs.objectModel(gp.objId()), config);
                long t0 = System.nanoTime();
                // all non-plane pixels with normals
                int n = s.width * s.height;
                List<Integer> px = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (s.kind[i] == DepthScene.FREE && (s.nx[i] != 0 || s.ny[i] != 0 || s.nz[i] != 0)) px.add(i);
                }
                float[] xyz = new float[3 * px.size()], nrm = new float[3 * px.size()];
                int[] pix = new int[px.size()];
                for (int k = 0; k < px.size(); k++) {
                    int i = px.get(k);
                    xyz[3 * k] = s.x[i]; xyz[3 * k + 1] = s.y[i]; xyz[3 * k + 2] = s.z[i];
                    nrm[3 * k] = s.nx[i]; nrm[3 * k + 1] = s.ny[i]; nrm[3 * k + 2] = s.nz[i];
                    pix[k] = i;
                }
                SceneCloud full = new SceneCloud(xyz, nrm, pix, s.width);
                SceneCloud sub = full.voxelSubsample(m.ppf.samplingStepMm(), 30);
                ConfigPpf pc = new ConfigPpf().setTo(config.ppf);
                pc.maxReferencePoints = refs;
                pc.maxClusters = 60;
                PpfMatcher matcher = new PpfMatcher(pc);
                long t1 = System.nanoTime();
                List<PoseCandidate> cands = matcher.match(m.ppf, sub, sub);
                long t2 = System.nanoTime();
                RigidTransform gt = gp.modelToCamera();
                System.out.printf("obj %d: scene pts %d sub %d (step %.1f) clusters %d; build %.0f ms vote %.0f ms%n",
                        gp.objId(), full.size(), sub.size(), m.ppf.samplingStepMm(), cands.size(), (t1 - t0) / 1e6, (t2 - t1) / 1e6);
                PointToPlaneIcp icp = new PointToPlaneIcp(config.icp);
                Verification ver = new Verification(s, m, config);
                InstanceMatcher im = new InstanceMatcher(s, m, config);
                for (int k = 0; k < cands.size(); k++) {
                    RigidTransform p = cands.get(k).modelToCamera();
                    double[] e0 = err(p, gt);
                    // local cloud around the hypothesis centre
                    double[] c = p.apply(m.center[0], m.center[1], m.center[2]);
                    List<Integer> loc = new ArrayList<>();
                    for (int q = 0; q < full.size(); q++) {
                        double dx = xyz[3*q]-c[0], dy = xyz[3*q+1]-c[1], dz = xyz[3*q+2]-c[2];
                        if (dx*dx+dy*dy+dz*dz < 0.36 * m.diameterMm * m.diameterMm) loc.add(q);
                    }
                    int[] li = loc.stream().mapToInt(Integer::intValue).toArray();
                    SceneCloud local = full.select(li, li.length).atMost(3000);
                    RigidTransform r = local.size() > 10 ? icp.refine(m.ppf, local, p).modelToCamera() : p;
                    double[] e1 = err(r, gt);
                    Verification.Result vr = ver.verify(r.rotation(), r.translation(), -1, 0, null);
                    double sc = vr == null ? -1 : im.score(withExplained(vr));
                    if (k < 12 || e1[0] < 0.1 * m.diameterMm) {
                        System.out.printf("  #%d votes %.0f err t %.0f mm r %.0f deg -> icp t %.0f r %.0f  score %.3f %s%n", k, cands.get(k).votes(),
                            e0[0], e0[1], e1[0], e1[1], sc, vr == null ? "" : String.format("fit %.2f cont %.2f q %.2f n %.2f match %d", vr.fit(), vr.contour, vr.depthQuality, vr.normalAgreement, vr.match));
                    }
                }
                System.out.printf("  total %.0f ms%n", (System.nanoTime() - t1) / 1e6);
            }
        }
    }

    static Verification.Result withExplained(Verification.Result r) {
        r.explained = 1;
        return r;
    }

    static double[] err(RigidTransform a, RigidTransform b) {
        double[] ta = a.translation(), tb = b.translation();
        double dt = Math.sqrt(Math.pow(ta[0]-tb[0],2)+Math.pow(ta[1]-tb[1],2)+Math.pow(ta[2]-tb[2],2));
        double[] ra = a.rotation(), rb = b.rotation();
        double tr = 0;
        for (int i = 0; i < 9; i++) tr += ra[i] * rb[i];
        return new double[] {dt, Math.toDegrees(Math.acos(Math.max(-1, Math.min(1, (tr - 1) / 2))))};
    }
}
