#!/usr/bin/env python3
"""Exports SAM-6D's networks to the TorchScript files sam6d-suite loads (contracts sam6d-ism/2 and sam6d-pem/2).

  export_sam6d.py ism --sam-checkpoint sam_vit_h_4b8939.pth --dinov2-checkpoint dinov2_vitl14_pretrain.pth \\
                      --out sam6d_ism.pt
  export_sam6d.py pem --pem-checkpoint sam-6d-pem-base.pth --out sam6d_pem.pt
  export_sam6d.py small --out-dir DIR     # random weights, small networks of the same architecture (tests)

Needs PyTorch (Debian: apt-get install python3-torch; 1.13 works, and DJL's libtorch 2.7 loads what it writes).
README.md beside this file walks through it; the repository's README documents the contracts."""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import torch  # noqa: E402

from sam6d_export.checkpoints import CheckpointError, load_into, read_state_dict  # noqa: E402
from sam6d_export.contracts import ISM_CONTRACT, PEM_CONTRACT, Sam6dIsm, Sam6dPem  # noqa: E402
from sam6d_export.dinov2 import DINOV2_TYPES  # noqa: E402
from sam6d_export.pem import PEM_TYPES  # noqa: E402
from sam6d_export.sam import SAM_TYPES  # noqa: E402

# what the Java engines sample around the networks; SAM-6D's values, smaller for the test networks
PEM_SAMPLING = {
    "base": dict(template_points=5000, model_points=1024, coarse_hypotheses=6000),
    "small": dict(template_points=200, model_points=128, coarse_hypotheses=600),
}


def log(msg):
    print(msg, flush=True)


def save(module, out, manifest):
    for p in module.parameters():
        p.requires_grad_(False)
    start = time.time()
    scripted = torch.jit.script(module.eval())
    os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
    scripted.save(out, _extra_files={"sam6d.json": json.dumps(manifest, indent=2)})
    log(f"wrote {out} ({os.path.getsize(out) / 1e6:.1f} MB) in {time.time() - start:.1f} s")
    return torch.jit.load(out)


def check_ism(m, manifest):
    """Runs every method once on a synthetic 640 x 480 frame, so a broken export fails here, not in the server."""
    start = time.time()
    with torch.no_grad():
        frame = torch.rand(1, 3, 480, 640)
        emb = m.encode_image(frame)
        t1 = time.time()
        masks, iou, stab, boxes = m.decode_points(emb, torch.tensor([[320.0, 240.0], [100.0, 50.0]]),
                                           torch.tensor([480, 640]), torch.tensor([0.0, 1.0]))
        t2 = time.time()
        s = manifest["descriptor_size"]
        crops = torch.rand(4, 3, s, s)
        crop_masks = torch.zeros(4, 1, s, s)
        crop_masks[:, :, s // 4:3 * s // 4, s // 4:3 * s // 4] = 1
        cls, patches = m.describe(crops, crop_masks)
        t3 = time.time()
        app, vis = m.match_patches(patches, patches.flip(0), torch.tensor([0.5]))
    assert masks.shape == (2, 3, 480, 640) and masks.dtype == torch.bool, masks.shape
    assert iou.shape == (2, 3) and stab.shape == (2, 3) and boxes.shape == (2, 3, 4) and boxes.dtype == torch.long
    assert cls.shape == (4, manifest["descriptor_dim"]) and patches.shape == (4, manifest["patches"],
                                                                               manifest["descriptor_dim"])
    assert app.shape == (4,) and vis.shape == (4,)
    log(f"checked {ISM_CONTRACT}: encode_image {t1 - start:.2f} s, decode_points (2 points) {t2 - t1:.2f} s,"
        f" describe (4 crops) {t3 - t2:.2f} s, match_patches {time.time() - t3:.3f} s on the CPU")


def check_pem(m, manifest):
    start = time.time()
    s, np_, nm, tp = (manifest["crop_size"], manifest["observed_points"], manifest["model_points"],
                      manifest["template_points"])
    with torch.no_grad():
        t = 2
        pts, feats = m.encode_object(torch.rand(t, 3, s, s), torch.randint(0, s * s, (t, tp)),
                                     torch.rand(t, tp, 3) * 0.1 - 0.05)
        t1 = time.time()
        b = 2
        r, tr, score = m(torch.rand(b, np_, 3) * 0.1 + torch.tensor([0.0, 0.0, 0.6]), torch.rand(b, 3, s, s),
                         torch.randint(0, s * s, (b, np_)), torch.rand(b, nm, 3) * 0.1 - 0.05,
                         pts.unsqueeze(0).repeat(b, 1, 1), feats.unsqueeze(0).repeat(b, 1, 1),
                         torch.rand(b, 3 * manifest["coarse_hypotheses"]))
    assert pts.shape == (manifest["object_points"], 3), pts.shape
    assert feats.shape == (manifest["object_points"], manifest["feature_dim"]), feats.shape
    assert r.shape == (b, 3, 3) and tr.shape == (b, 3) and score.shape == (b,)
    log(f"checked {PEM_CONTRACT}: encode_object (2 templates) {t1 - start:.2f} s, forward (2 detections)"
        f" {time.time() - t1:.2f} s on the CPU")


def export_ism(sam_ckpt, sam_type, dinov2_ckpt, dinov2_type, out, random_weights=False, check=True):
    if sam_type not in SAM_TYPES:
        raise CheckpointError(f"--sam-type {sam_type} is not one of {', '.join(SAM_TYPES)}")
    if dinov2_type not in DINOV2_TYPES:
        raise CheckpointError(f"--dinov2-type {dinov2_type} is not one of {', '.join(DINOV2_TYPES)}")
    module = Sam6dIsm(sam_type, dinov2_type)
    for what, sub, path in (("SAM", module.sam, sam_ckpt), ("DINOv2", module.dinov2, dinov2_ckpt)):
        unused = load_into(sub, read_state_dict(path, what), what, path)
        log(f"loaded {what} from {path}" + (f" ({len(unused)} checkpoint tensors not used: {', '.join(unused[:5])})"
                                            if unused else ""))
    dim = DINOV2_TYPES[dinov2_type]["embed_dim"]
    manifest = {
        "contract": ISM_CONTRACT,
        "segmentor": "sam",
        "sam_type": sam_type,
        "sam_image_size": SAM_TYPES[sam_type]["img_size"],
        "descriptor": dinov2_type,
        "descriptor_size": 224,
        "descriptor_dim": dim,
        "patches": (224 // 14) ** 2,
        "random_weights": random_weights,
        "checkpoints": {"sam": os.path.basename(sam_ckpt), "dinov2": os.path.basename(dinov2_ckpt)},
        "exported_with": "torch " + torch.__version__,
    }
    m = save(module, out, manifest)
    if check:
        check_ism(m, manifest)


def export_pem(pem_ckpt, pem_type, out, random_weights=False, check=True):
    if pem_type not in PEM_TYPES:
        raise CheckpointError(f"--pem-type {pem_type} is not one of {', '.join(PEM_TYPES)}")
    module = Sam6dPem(pem_type)
    unused = load_into(module.net, read_state_dict(pem_ckpt, "PEM"), "PEM", pem_ckpt)
    log(f"loaded PEM from {pem_ckpt}" + (f" ({len(unused)} checkpoint tensors not used: {', '.join(unused[:5])})"
                                         if unused else ""))
    cfg = PEM_TYPES[pem_type]
    manifest = {
        "contract": PEM_CONTRACT,
        "pem_type": pem_type,
        "crop_size": cfg["img_size"],
        "observed_points": cfg["fine_npoint"],
        "object_points": cfg["fine_npoint"],
        "feature_dim": cfg["out_dim"],
        **PEM_SAMPLING[pem_type],
        "random_weights": random_weights,
        "checkpoints": {"pem": os.path.basename(pem_ckpt)},
        "exported_with": "torch " + torch.__version__,
    }
    m = save(module, out, manifest)
    if check:
        check_pem(m, manifest)


def random_checkpoints(out_dir, seed):
    """Random weights of the small networks, saved as checkpoint files in each project's layout (the export then
    reads them exactly as it reads the published ones). Zero-initialised tensors (position embeddings, tokens,
    relative positions) get small random values, so every part of the network does something."""
    torch.manual_seed(seed)
    os.makedirs(out_dir, exist_ok=True)
    files = {}
    for name, net in (("sam_small.pth", Sam6dIsm("small", "small").sam),
                      ("dinov2_small.pth", Sam6dIsm("small", "small").dinov2),
                      ("sam6d_pem_small.pth", Sam6dPem("small").net)):
        state = net.state_dict()
        for k, v in state.items():
            if v.is_floating_point() and "running_" not in k and not v.any():
                state[k] = torch.randn_like(v) * 0.02
        path = os.path.join(out_dir, name)
        torch.save({"model": state} if name.startswith("sam6d_pem") else state, path)
        files[name] = path
    return files


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    ism = sub.add_parser("ism", help="SAM + DINOv2 -> sam6d-ism/2")
    ism.add_argument("--sam-checkpoint", required=True)
    ism.add_argument("--sam-type", default="vit_h", help="vit_h (SAM-6D's choice), vit_l, vit_b")
    ism.add_argument("--dinov2-checkpoint", required=True)
    ism.add_argument("--dinov2-type", default="dinov2_vitl14",
                     help="dinov2_vitl14 (SAM-6D's choice), dinov2_vitb14, dinov2_vits14")
    ism.add_argument("--out", required=True)
    ism.add_argument("--no-check", action="store_true", help="skip the test run of every method after saving")
    pem = sub.add_parser("pem", help="SAM-6D's PEM -> sam6d-pem/2")
    pem.add_argument("--pem-checkpoint", required=True)
    pem.add_argument("--pem-type", default="base")
    pem.add_argument("--out", required=True)
    pem.add_argument("--no-check", action="store_true")
    small = sub.add_parser("small", help="small random-weight networks of the same architecture (tests, no weights)")
    small.add_argument("--out-dir", required=True)
    small.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    torch.set_grad_enabled(False)
    start = time.time()
    try:
        if args.cmd == "ism":
            export_ism(args.sam_checkpoint, args.sam_type, args.dinov2_checkpoint, args.dinov2_type, args.out,
                       check=not args.no_check)
        elif args.cmd == "pem":
            export_pem(args.pem_checkpoint, args.pem_type, args.out, check=not args.no_check)
        else:
            files = random_checkpoints(os.path.join(args.out_dir, "checkpoints"), args.seed)
            export_ism(files["sam_small.pth"], "small", files["dinov2_small.pth"], "small",
                       os.path.join(args.out_dir, "sam6d_ism.pt"), random_weights=True)
            export_pem(files["sam6d_pem_small.pth"], "small", os.path.join(args.out_dir, "sam6d_pem.pt"),
                       random_weights=True)
    except CheckpointError as e:
        print(f"export failed: {e}", file=sys.stderr)
        return 2
    log(f"done in {time.time() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
