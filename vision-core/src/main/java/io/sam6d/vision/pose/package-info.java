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
 * mask → {@link io.sam6d.vision.pose.PoseScore}; the best-scoring refined pose leads.</li>
 * <li>Symmetric variants: the lead composed with each of the model's
 * {@link io.sam6d.vision.pose.ApproximateSymmetries} (half and quarter turns and continuous rotations that map the
 * shape onto itself within a tolerance, found once when the model is built, plus the exact symmetries given with the
 * object) is refined briefly and scored. Variants within
 * {@link io.sam6d.vision.pose.ConfigWeightFreePose#symmetryTieMargin} of the best are ties, broken by colour agreement
 * (models with vertex colours), then by the upright prior: the variant whose model up axis
 * ({@link io.sam6d.vision.pose.ConfigWeightFreePose#uprightAxis}, +Z) points most along the normal of the plane the
 * object stands on ({@link io.sam6d.vision.pose.SupportPlane}, RANSAC on the depth around the detection). A variant
 * that scores clearly better wins on its score; an object lying on its side, whose variants share their up
 * direction, keeps the best-scoring one. {@link io.sam6d.vision.pose.PoseResult#decision()} says what was tried and
 * what decided.</li>
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
 * prepared models are thread-safe.
 *
 * <h2>What depth alone cannot tell</h2>
 * Poses that differ by a symmetry of the shape look the same in depth. Colour (models with vertex colours) and the
 * upright prior settle a box turned upside down; nothing in depth settles a box turned half round about its height
 * (front against back) or an untextured can's turn about its axis: such objects come out right up to that symmetry
 * (on the YCB-Video frames the master chef can's yaw: the ICP residual and the score vary by less than 0.01 over the
 * whole turn).
 */
package io.sam6d.vision.pose;
