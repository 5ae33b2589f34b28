/**
 * 6D pose estimation of known objects: the {@link io.sam6d.vision.pose.PoseEstimator} contract and the weight-free
 * engine {@link io.sam6d.vision.pose.WeightFreePoseEstimator} (name {@code weight-free}). Model frame and camera
 * frame in millimetres; poses map model points into the camera ({@code x_cam = R x_model + t}).
 *
 * <h2>The weight-free pipeline, per detection</h2>
 * <ol>
 * <li>{@link io.sam6d.vision.pose.PpfModel} (the {@link io.sam6d.vision.model.PreparedModel}): a normal-aware
 * subsampling of the CAD surface and its point-pair-feature table (Drost et al. 2010, Vidal et al. 2018), dense
 * surface samples, a model-frame closest-point table and a depth renderer. Built once per object.</li>
 * <li>{@link io.sam6d.vision.pose.SceneCloud}: the depth pixels of the (slightly grown) mask, back-projected with
 * normals; subsampled like the model for voting, thinned for ICP.</li>
 * <li>{@link io.sam6d.vision.pose.PpfMatcher}: voting with spread bins and duplicate-vote flags, pose clustering
 * that merges poses equal under the object's symmetries → {@link io.sam6d.vision.pose.PoseCandidate}s.</li>
 * <li>{@link io.sam6d.vision.pose.PointToPlaneIcp}: coarse-to-fine point-to-plane ICP with outlier rejection →
 * {@link io.sam6d.vision.pose.IcpResult}.</li>
 * <li>{@link io.sam6d.vision.pose.PoseScorer}: the model rendered at the pose against the observed depth and the
 * mask → {@link io.sam6d.vision.pose.PoseScore}; the best-scoring refined pose is the answer.</li>
 * </ol>
 *
 * <h2>Building blocks for other engines (a segmenter verifying regions)</h2>
 * <pre>{@code
 * WeightFreePoseEstimator est = new WeightFreePoseEstimator();
 * PpfModel model = est.prepare(objectModel);                                  // cache it
 * // a region that should hold one instance: pose + score (sqrt(depth fit x mask coverage))
 * PoseResult r = est.estimateInstance(model, depth, camera, regionMask, null, false);
 * // a whole frame or a large region: instances verified against depth alone
 * List<ScoredPose> found = est.findInstances(model, depth, camera, null, 5, 0.6);
 * Mask instance = PoseOps.visibleMask(model, found.get(0).modelToCamera(), depth, camera, 10);
 * // or step by step
 * SceneCloud voting = est.votingCloud(model, depth, camera, region);
 * List<PoseCandidate> cands = new PpfMatcher(est.config().ppf).match(model, voting, voting);
 * IcpResult refined = new PointToPlaneIcp().refine(model, est.refinementCloud(model, depth, camera, region),
 *         cands.get(0).modelToCamera());
 * PoseScore s = new PoseScorer().setObservation(depth, camera, region).score(model, refined.modelToCamera());
 * }</pre>
 * {@code PpfMatcher} and {@code PoseScorer} hold scratch buffers (one per thread); the estimator, the ICP and
 * prepared models are thread-safe. Depth alone cannot tell apart poses that differ by a symmetry of the shape (a
 * box turned half round, a can about its axis): such objects come out right up to that symmetry.
 */
package io.sam6d.vision.pose;
