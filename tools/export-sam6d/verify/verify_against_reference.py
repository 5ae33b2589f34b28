#!/usr/bin/env python3
"""Checks sam6d_export against the original code with the same random weights: SAM (facebookresearch/segment-anything),
DINOv2 as SAM-6D ships it, and SAM-6D's PEM. A maintenance tool, not a test: it needs clones of the two repositories.

  git clone https://github.com/facebookresearch/segment-anything /tmp/segment-anything
  git clone https://github.com/JiehongLin/SAM-6D /tmp/SAM-6D
  python3 verify_against_reference.py --segment-anything /tmp/segment-anything --sam6d /tmp/SAM-6D

SAM-6D's PEM imports einops, timm, scipy, tqdm and a CUDA extension; small stand-ins are installed here (the
PointNet++ kernels as loops written from their .cu sources, independent of sam6d_export/pointnet2.py). Prints the
largest differences; all should be 0 (or float noise)."""
import argparse
import os
import re
import sys
import types
from functools import partial

import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from sam6d_export.contracts import Sam6dIsm, Sam6dPem  # noqa: E402


def stub(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m
    return m


def rearrange(x, pattern, **sizes):
    """The einops rearrange patterns SAM-6D's transformer uses (split and merged axes, sizes given by name)."""
    def parse(side):
        return [t[1:-1].split() if t.startswith("(") else [t] for t in re.findall(r"\([^)]*\)|\S+", side)]
    left, right = [parse(s.strip()) for s in pattern.split("->")]
    dims = dict(sizes)
    for g, n in zip(left, x.shape):
        known = 1
        for a in g:
            known *= dims.get(a, 1)
        for a in g:
            dims.setdefault(a, n // known)
    flat = [a for g in left for a in g]
    x = x.reshape([dims[a] for a in flat]).permute([flat.index(a) for g in right for a in g])
    shape = []
    for g in right:
        n = 1
        for a in g:
            n *= dims[a]
        shape.append(n)
    return x.reshape(shape)


def timm_stub():
    class PatchEmbed(nn.Module):
        def __init__(self, p, d):
            super().__init__()
            self.proj = nn.Conv2d(3, d, p, p)
            self.num_patches = (224 // p) ** 2

        def forward(self, x):
            return self.proj(x).flatten(2).transpose(1, 2)

    class Attn(nn.Module):
        def __init__(self, d, h):
            super().__init__()
            self.h, self.qkv, self.proj = h, nn.Linear(d, 3 * d), nn.Linear(d, d)

        def forward(self, x):
            b, n, c = x.shape
            q, k, v = self.qkv(x).reshape(b, n, 3, self.h, c // self.h).permute(2, 0, 3, 1, 4).unbind(0)
            a = ((q * (c // self.h) ** -0.5) @ k.transpose(-2, -1)).softmax(-1)
            return self.proj((a @ v).transpose(1, 2).reshape(b, n, c))

    class Mlp(nn.Module):
        def __init__(self, d, hd):
            super().__init__()
            self.fc1, self.act, self.fc2 = nn.Linear(d, hd), nn.GELU(), nn.Linear(hd, d)

        def forward(self, x):
            return self.fc2(self.act(self.fc1(x)))

    class Block(nn.Module):
        def __init__(self, d, h, r, nl):
            super().__init__()
            self.norm1, self.attn, self.norm2, self.mlp = nl(d), Attn(d, h), nl(d), Mlp(d, int(d * r))

        def forward(self, x):
            x = x + self.attn(self.norm1(x))
            return x + self.mlp(self.norm2(x))

    class VisionTransformer(nn.Module):
        def __init__(self, patch_size=16, embed_dim=768, depth=12, num_heads=12, mlp_ratio=4, qkv_bias=True,
                     norm_layer=None):
            super().__init__()
            self.patch_embed = PatchEmbed(patch_size, embed_dim)
            self.cls_token = nn.Parameter(torch.zeros(1, 1, embed_dim))
            self.pos_embed = nn.Parameter(torch.zeros(1, self.patch_embed.num_patches + 1, embed_dim))
            self.norm_pre = nn.Identity()
            self.blocks = nn.Sequential(*[Block(embed_dim, num_heads, mlp_ratio, norm_layer) for _ in range(depth)])
            self.norm = norm_layer(embed_dim)
            self.head = nn.Linear(embed_dim, 1000)

        def _pos_embed(self, x):
            return torch.cat((self.cls_token.expand(x.shape[0], -1, -1), x), dim=1) + self.pos_embed

    vt = stub("timm.models.vision_transformer", VisionTransformer=VisionTransformer)
    stub("timm.models", vision_transformer=vt)
    stub("timm", models=sys.modules["timm.models"])


def pointnet2_ext_stub():
    def fps(xyz, m):
        b, n, _ = xyz.shape
        out = torch.zeros(b, m, dtype=torch.int32)
        for bi in range(b):
            temp, old, pts = [1e10] * n, 0, xyz[bi].tolist()
            for j in range(1, m):
                x1, y1, z1 = pts[old]
                best, besti = -1, 0
                for k in range(n):
                    x2, y2, z2 = pts[k]
                    d2 = min((x2 - x1) ** 2 + (y2 - y1) ** 2 + (z2 - z1) ** 2, temp[k])
                    temp[k] = d2
                    if d2 > best:
                        best, besti = d2, k
                old = besti
                out[bi, j] = old
        return out

    def ball_query(new_xyz, xyz, radius, nsample):
        b, m, _ = new_xyz.shape
        out = torch.zeros(b, m, nsample, dtype=torch.int32)
        d2 = ((new_xyz.unsqueeze(2) - xyz.unsqueeze(1)) ** 2).sum(-1)
        for bi in range(b):
            for j in range(m):
                inside = torch.nonzero(d2[bi, j] < radius * radius).flatten()[:nsample].tolist()
                if inside:
                    out[bi, j, :] = inside[0]
                    out[bi, j, :len(inside)] = torch.tensor(inside, dtype=torch.int32)
        return out

    def gather(f, idx):
        return torch.gather(f, 2, idx.long().unsqueeze(1).expand(-1, f.shape[1], -1))

    def group(f, idx):
        b, c, _ = f.shape
        _, m, s = idx.shape
        return torch.gather(f, 2, idx.long().reshape(b, 1, m * s).expand(-1, c, -1)).reshape(b, c, m, s)

    ext = stub("pointnet2._ext", furthest_point_sampling=fps, ball_query=ball_query, gather_points=gather,
               group_points=group)
    stub("pointnet2", _ext=ext)


def randomise(module, scale, seed):
    torch.manual_seed(seed)
    sd = module.state_dict()
    for k, v in sd.items():
        if v.is_floating_point() and "running_var" not in k:
            sd[k] = torch.randn_like(v) * scale
    return sd


def check_sam(sa_dir):
    sys.path.insert(0, sa_dir)
    # segment_anything's package imports its predictor and generator helpers, which import torchvision; the
    # modelling code compared here does not use it
    if "torchvision" not in sys.modules:
        stub("torchvision.transforms.functional", resize=None, to_pil_image=None)
        stub("torchvision.transforms", functional=sys.modules["torchvision.transforms.functional"])
        stub("torchvision.ops.boxes", batched_nms=None, box_area=None)
        stub("torchvision.ops", boxes=sys.modules["torchvision.ops.boxes"])
        stub("torchvision", transforms=sys.modules["torchvision.transforms"], ops=sys.modules["torchvision.ops"])
    from segment_anything.modeling import ImageEncoderViT, MaskDecoder, PromptEncoder, Sam, TwoWayTransformer
    ours = Sam6dIsm("small", "small").eval()
    ours.sam.load_state_dict(randomise(ours.sam, 0.1, 1))
    ref = Sam(image_encoder=ImageEncoderViT(depth=2, embed_dim=32, img_size=256, mlp_ratio=4,
                                            norm_layer=partial(torch.nn.LayerNorm, eps=1e-6), num_heads=2,
                                            patch_size=16, qkv_bias=True, use_rel_pos=True, global_attn_indexes=[1],
                                            window_size=4, out_chans=32),
              prompt_encoder=PromptEncoder(embed_dim=32, image_embedding_size=(16, 16), input_image_size=(256, 256),
                                           mask_in_chans=4),
              mask_decoder=MaskDecoder(num_multimask_outputs=3, transformer=TwoWayTransformer(
                  depth=2, embedding_dim=32, mlp_dim=64, num_heads=2), transformer_dim=32, iou_head_depth=3,
                  iou_head_hidden_dim=32)).eval()
    ref.load_state_dict(ours.sam.state_dict(), strict=True)
    m = torch.jit.script(ours)
    img = torch.rand(1, 3, 480, 640)
    with torch.no_grad():
        emb = m.encode_image(img)
        x = F.interpolate(img * 255, (192, 256), mode="bilinear", align_corners=False, antialias=True)
        remb = ref.image_encoder(ref.preprocess(x[0]).unsqueeze(0))
        pts = torch.tensor([[320., 240.], [10., 470.], [600., 20.]])
        masks, iou, _, boxes = m.decode_points(emb, pts, torch.tensor([480, 640]), torch.tensor([0.0, 1.0]))
        sp, de = ref.prompt_encoder(points=((pts * torch.tensor([256 / 640, 192 / 480]))[:, None, :],
                                            torch.ones(3, 1, dtype=torch.int)), boxes=None, masks=None)
        lr, riou = ref.mask_decoder(image_embeddings=remb, image_pe=ref.prompt_encoder.get_dense_pe(),
                                    sparse_prompt_embeddings=sp, dense_prompt_embeddings=de, multimask_output=True)
        rm = ref.postprocess_masks(lr, (192, 256), (480, 640)) > 0
    from segment_anything.utils.amg import batched_mask_to_box
    print(f"SAM: embedding {(emb - remb).abs().max():.3g}, IoU {(iou - riou).abs().max():.3g},"
          f" masks agree on {(rm == masks).float().mean() * 100:.4f} % of pixels,"
          f" boxes {(boxes - batched_mask_to_box(rm)).abs().max():.3g}")


def check_dinov2(sam6d_dir):
    sys.path.insert(0, os.path.join(sam6d_dir, "SAM-6D", "Instance_Segmentation_Model"))
    from model.layers import MemEffAttention, NestedTensorBlock
    from model.vision_transformer import DinoVisionTransformer
    ours = Sam6dIsm("small", "small").eval()
    ours.dinov2.load_state_dict(randomise(ours.dinov2, 0.2, 2))
    ref = DinoVisionTransformer(img_size=98, patch_size=14, embed_dim=32, depth=2, num_heads=2, mlp_ratio=4,
                                init_values=1.0, block_chunks=0,
                                block_fn=partial(NestedTensorBlock, attn_class=MemEffAttention)).eval()
    ref.load_state_dict(ours.dinov2.state_dict(), strict=True)
    m = torch.jit.script(ours)
    x = torch.rand(3, 3, 224, 224)
    mask = torch.zeros(3, 1, 224, 224)
    mask[:, :, 30:200, 50:150] = 1
    with torch.no_grad():
        cls, patches = m.describe(x, mask)
        xn = (x - torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)) \
            / torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1) * mask
        f = ref(xn, is_training=True)
        valid = (nn.AvgPool2d(14, 14)(mask[:, 0]).flatten(-2) > 0.5).unsqueeze(-1).repeat(1, 1, 32)
        rp = F.normalize(f["x_norm_patchtokens"] * valid, dim=-1)
    print(f"DINOv2: class tokens {(cls - f['x_norm_clstoken']).abs().max():.3g}, patch tokens"
          f" {(patches - rp).abs().max():.3g}")


def check_pem(sam6d_dir):
    root = os.path.join(sam6d_dir, "SAM-6D", "Pose_Estimation_Model")
    for d in ("model", "utils", os.path.join("model", "pointnet2")):
        sys.path.insert(0, os.path.join(root, d))
    stub("einops", rearrange=rearrange)
    stub("scipy")
    stub("scipy.stats", t=None)
    stub("tqdm")
    stub("loss_utils", compute_correspondence_loss=None)
    timm_stub()
    pointnet2_ext_stub()
    import feature_extraction
    import pose_estimation_model

    class C(dict):
        __getattr__ = dict.__getitem__

    cfg = C(coarse_npoint=32, fine_npoint=256,
            feature_extraction=C(vit_type="vit_base", up_type="linear", embed_dim=32, out_dim=32,
                                 use_pyramid_feat=True, pretrained=False),
            geo_embedding=C(sigma_d=0.2, sigma_a=15, angle_k=3, reduction_a="max", hidden_dim=32),
            coarse_point_matching=C(nblock=1, input_dim=32, hidden_dim=32, out_dim=32, temp=0.1, sim_type="cosine",
                                    normalize_feat=True, loss_dis_thres=0.15, nproposal1=600, nproposal2=30),
            fine_point_matching=C(nblock=1, input_dim=32, hidden_dim=32, out_dim=32, pe_radius1=0.1,
                                  pe_radius2=0.2, focusing_factor=3, temp=0.1, sim_type="cosine",
                                  normalize_feat=True, loss_dis_thres=0.15))
    vit_init = feature_extraction.ViT.__init__
    feature_extraction.ViT.__init__ = lambda self, **kw: vit_init(self, **{**kw, "depth": 4, "num_heads": 2})
    ref = pose_estimation_model.Net(cfg).eval()
    sd = randomise(ref, 0.3, 3)
    ref.load_state_dict(sd)
    ours = Sam6dPem("small").eval()
    unused = [k for k in sd if k not in ours.net.state_dict()]
    ours.net.load_state_dict({k: sd[k] for k in ours.net.state_dict()})
    m = torch.jit.script(ours)
    torch.manual_seed(5)
    t, p, s, b = 3, 200, 224, 2
    tem_rgb, tem_choose = torch.rand(t, 3, s, s), torch.randint(0, s * s, (t, p))
    tem_pts = torch.rand(t, p, 3) * 0.1 - 0.05
    pts = torch.rand(b, 256, 3) * 0.1 - 0.05 + torch.tensor([0, 0, 0.5])
    rgb, choose, model = torch.rand(b, 3, s, s), torch.randint(0, s * s, (b, 256)), torch.rand(b, 128, 3) * 0.1 - 0.05

    def norm(x):
        return (x.flip(1) - torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)) \
            / torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)

    with torch.no_grad():
        op, of = m.encode_object(tem_rgb, tem_choose, tem_pts)
        rp, rf = ref.feature_extraction.get_obj_feats([norm(tem_rgb[i:i + 1]) for i in range(t)],
                                                      [tem_pts[i:i + 1] for i in range(t)],
                                                      [tem_choose[i:i + 1] for i in range(t)])
        torch.manual_seed(9)
        uniform = torch.rand(b, 1800)
        r, tr, score = m(pts, rgb, choose, model, op.unsqueeze(0).repeat(b, 1, 1), of.unsqueeze(0).repeat(b, 1, 1),
                         uniform)
        torch.manual_seed(9)  # SAM-6D draws the same numbers with torch.rand inside compute_coarse_Rt
        end = ref({"pts": pts, "rgb": norm(rgb), "rgb_choose": choose, "model": model,
                   "dense_po": rp.repeat(b, 1, 1), "dense_fo": rf.repeat(b, 1, 1)})
    print(f"PEM: object points {(op - rp[0]).abs().max():.3g}, features {(of - rf[0]).abs().max():.3g},"
          f" R {(r - end['pred_R']).abs().max():.3g}, t {(tr - end['pred_t']).abs().max():.3g},"
          f" score {(score - end['pred_pose_score']).abs().max():.3g}; checkpoint tensors we do not use: {unused}")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--segment-anything", required=True, help="a clone of facebookresearch/segment-anything")
    p.add_argument("--sam6d", required=True, help="a clone of JiehongLin/SAM-6D")
    a = p.parse_args()
    torch.set_grad_enabled(False)
    check_sam(a.segment_anything)
    check_dinov2(a.sam6d)
    check_pem(a.sam6d)


if __name__ == "__main__":
    main()
