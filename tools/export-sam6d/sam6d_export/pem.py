"""SAM-6D's Pose Estimation Model (Lin et al. 2024), written for TorchScript, with the parameter names of
``sam-6d-pem-base.pth`` (``feature_extraction.*``, ``geo_embedding.*``, ``coarse_point_matching.*``,
``fine_point_matching.*``). Follows SAM-6D's ``Pose_Estimation_Model/model``: a MAE-pretrained ViT with a pyramid of
four blocks and a linear upscaling head for per-pixel features, the geometric structure embedding, coarse point
matching (geometric transformers, hypotheses sampled from the soft assignment, pose selection) and fine point matching
(positional encoding with PointNet++ grouping, sparse-to-dense transformers with linear attention, weighted SVD),
with the PointNet++ operators of ``pointnet2.py`` in place of SAM-6D's CUDA extension.

What SAM-6D does and this file does too, on purpose: the observed and template points are scaled by the template
points' radius; the background token is prepended before the coarse points' features are gathered by index in the
sparse-to-dense layers (so index i picks the (i-1)-th point: the checkpoint was trained that way)."""
import math
from typing import List, Tuple

import torch
import torch.nn.functional as F
from torch import nn

from .dinov2 import Attention, Mlp, PatchEmbed  # timm's ViT parts: the same names and computations as DINOv2's
from .pointnet2 import QueryAndGroup, gather_operation, sample_pts_feats

PEM_TYPES = {
    # SAM-6D's config/base.yaml
    "base": dict(vit_embed_dim=768, vit_depth=12, vit_heads=12, out_dim=256, hidden_dim=256, coarse_nblock=3,
                 fine_nblock=3, coarse_npoint=196, fine_npoint=2048, nproposal2=300, img_size=224),
    # random-weight test network
    "small": dict(vit_embed_dim=32, vit_depth=4, vit_heads=2, out_dim=32, hidden_dim=32, coarse_nblock=1,
                  fine_nblock=1, coarse_npoint=32, fine_npoint=256, nproposal2=30, img_size=224),
}


def pairwise_distance(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """Squared distances ``[..., N, M]`` of ``x [..., N, C]`` and ``y [..., M, C]``."""
    xy = torch.matmul(x, y.transpose(-1, -2))
    x2 = torch.sum(x ** 2, dim=-1).unsqueeze(-1)
    y2 = torch.sum(y ** 2, dim=-1).unsqueeze(-2)
    return (x2 - 2 * xy + y2).clamp(min=0.0)


def feature_similarity(feat1: torch.Tensor, feat2: torch.Tensor, temp: float) -> torch.Tensor:
    """Cosine similarity of normalised features divided by the temperature (SAM-6D: cosine, normalize, 0.1)."""
    feat1 = F.normalize(feat1, p=2.0, dim=2)
    feat2 = F.normalize(feat2, p=2.0, dim=2)
    return feat1 @ feat2.transpose(1, 2) / temp


def weighted_procrustes(src: torch.Tensor, ref: torch.Tensor, weights: torch.Tensor, weight_thresh: float,
                        eps: float = 1e-5) -> Tuple[torch.Tensor, torch.Tensor]:
    """Rigid transform with ``ref = R src + t`` by weighted SVD (SAM-6D's ``weighted_procrustes``)."""
    weights = torch.where(weights < weight_thresh, torch.zeros_like(weights), weights)
    weights = weights / (torch.sum(weights, dim=1, keepdim=True) + eps)
    weights = weights.unsqueeze(2)
    src_centroid = torch.sum(src * weights, dim=1, keepdim=True)
    ref_centroid = torch.sum(ref * weights, dim=1, keepdim=True)
    h = (src - src_centroid).permute(0, 2, 1) @ (weights * (ref - ref_centroid))
    u, _, v = torch.svd(h)
    ut = u.transpose(1, 2)
    eye = torch.eye(3, device=src.device).unsqueeze(0).repeat(src.shape[0], 1, 1)
    eye[:, -1, -1] = torch.sign(torch.det(v @ ut))
    r = v @ eye @ ut
    t = (ref_centroid.permute(0, 2, 1) - r @ src_centroid.permute(0, 2, 1)).squeeze(2)
    return r, t


# ---------------------------------------------------------------- feature extraction (timm ViT + upscaling)

class VitBlock(nn.Module):
    def __init__(self, dim: int, num_heads: int):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, num_heads)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, dim * 4)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.attn(self.norm1(x))
        return x + self.mlp(self.norm2(x))


class ViT(nn.Module):
    """timm's VisionTransformer as SAM-6D's ``ViT`` runs it: the normalised outputs of four blocks (a pyramid)."""

    def __init__(self, img_size: int, dim: int, depth: int, num_heads: int, patch_size: int = 16):
        super().__init__()
        self.patch_embed = PatchEmbed(patch_size, dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, (img_size // patch_size) ** 2 + 1, dim))
        self.blocks = nn.ModuleList([VitBlock(dim, num_heads) for _ in range(depth)])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        n = depth // 4
        self.taken = [depth - 3 * n - 1, depth - 2 * n - 1, depth - n - 1, depth - 1]

    def forward(self, x: torch.Tensor) -> List[torch.Tensor]:
        x = self.patch_embed(x)
        x = torch.cat((self.cls_token.expand(x.shape[0], -1, -1), x), dim=1) + self.pos_embed
        out: List[torch.Tensor] = []
        idx = 0
        for blk in self.blocks:
            x = blk(x)
            if idx in self.taken:
                out.append(self.norm(x))
            idx += 1
        return out


class ViT_AE(nn.Module):  # noqa: N801 (SAM-6D's name)
    def __init__(self, img_size: int, dim: int, depth: int, num_heads: int, out_dim: int):
        super().__init__()
        self.vit = ViT(img_size, dim, depth, num_heads)
        self.out_dim = out_dim
        self.grid = img_size // 16
        self.output_upscaling = nn.Linear(dim * 4, 16 * out_dim, bias=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, _, h, w = x.shape
        outs = [o[:, 1:, :] for o in self.vit(x)]
        x = torch.cat(outs, dim=2)
        g = self.grid
        x = self.output_upscaling(x).reshape(b, g, g, 4, 4, self.out_dim).permute(0, 5, 1, 3, 2, 4).contiguous()
        x = x.reshape(b, -1, 4 * g, 4 * g)
        return F.interpolate(x, [h, w], mode="bilinear", align_corners=False)


class ViTEncoder(nn.Module):
    def __init__(self, img_size: int, dim: int, depth: int, num_heads: int, out_dim: int):
        super().__init__()
        self.rgb_net = ViT_AE(img_size, dim, depth, num_heads, out_dim)

    def get_img_feats(self, img: torch.Tensor, choose: torch.Tensor) -> torch.Tensor:
        """Features of the chosen pixels: ``[B, 3, S, S]``, ``[B, N]`` (row * S + col) -> ``[B, N, C]``."""
        feats = self.rgb_net(img)
        b, c, h, w = feats.shape
        return torch.gather(feats.reshape(b, c, h * w), 2, choose.unsqueeze(1).expand(-1, c, -1)).transpose(1, 2)


# ---------------------------------------------------------------- transformers

class MultiHeadAttention(nn.Module):
    def __init__(self, d_model: int, num_heads: int):
        super().__init__()
        self.num_heads = num_heads
        self.d_head = d_model // num_heads
        self.proj_q = nn.Linear(d_model, d_model)
        self.proj_k = nn.Linear(d_model, d_model)
        self.proj_v = nn.Linear(d_model, d_model)

    def heads(self, x: torch.Tensor) -> torch.Tensor:
        b, n, _ = x.shape
        return x.reshape(b, n, self.num_heads, self.d_head).permute(0, 2, 1, 3)

    def forward(self, q_in: torch.Tensor, k_in: torch.Tensor, v_in: torch.Tensor) -> torch.Tensor:
        q, k, v = self.heads(self.proj_q(q_in)), self.heads(self.proj_k(k_in)), self.heads(self.proj_v(v_in))
        scores = torch.softmax(torch.einsum("bhnc,bhmc->bhnm", q, k) / self.d_head ** 0.5, dim=-1)
        out = torch.matmul(scores, v)
        b, h, n, c = out.shape
        return out.permute(0, 2, 1, 3).reshape(b, n, h * c)


class RPEMultiHeadAttention(MultiHeadAttention):
    """Attention with a relative positional embedding of every query-key pair (GeoTransformer's)."""

    def __init__(self, d_model: int, num_heads: int):
        super().__init__(d_model, num_heads)
        self.proj_p = nn.Linear(d_model, d_model)

    def forward(self, q_in: torch.Tensor, k_in: torch.Tensor, v_in: torch.Tensor, embed_qk: torch.Tensor
                ) -> torch.Tensor:
        q, k, v = self.heads(self.proj_q(q_in)), self.heads(self.proj_k(k_in)), self.heads(self.proj_v(v_in))
        b, n, m, _ = embed_qk.shape
        p = self.proj_p(embed_qk).reshape(b, n, m, self.num_heads, self.d_head).permute(0, 3, 1, 2, 4)
        scores = torch.einsum("bhnc,bhnmc->bhnm", q, p) + torch.einsum("bhnc,bhmc->bhnm", q, k)
        scores = torch.softmax(scores / self.d_head ** 0.5, dim=-1)
        out = torch.matmul(scores, v)
        b, h, n, c = out.shape
        return out.permute(0, 2, 1, 3).reshape(b, n, h * c)


class AttentionLayer(nn.Module):
    def __init__(self, d_model: int, num_heads: int):
        super().__init__()
        self.attention = MultiHeadAttention(d_model, num_heads)
        self.linear = nn.Linear(d_model, d_model)
        self.norm = nn.LayerNorm(d_model)

    def forward(self, x: torch.Tensor, memory: torch.Tensor) -> torch.Tensor:
        return self.norm(self.linear(self.attention(x, memory, memory)) + x)


class RPEAttentionLayer(nn.Module):
    def __init__(self, d_model: int, num_heads: int):
        super().__init__()
        self.attention = RPEMultiHeadAttention(d_model, num_heads)
        self.linear = nn.Linear(d_model, d_model)
        self.norm = nn.LayerNorm(d_model)

    def forward(self, x: torch.Tensor, memory: torch.Tensor, position: torch.Tensor) -> torch.Tensor:
        return self.norm(self.linear(self.attention(x, memory, memory, position)) + x)


class AttentionOutput(nn.Module):
    def __init__(self, d_model: int):
        super().__init__()
        self.expand = nn.Linear(d_model, d_model * 2)
        self.activation = nn.ReLU()
        self.squeeze = nn.Linear(d_model * 2, d_model)
        self.norm = nn.LayerNorm(d_model)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(x + self.squeeze(self.activation(self.expand(x))))


class TransformerLayer(nn.Module):
    def __init__(self, d_model: int, num_heads: int):
        super().__init__()
        self.attention = AttentionLayer(d_model, num_heads)
        self.output = AttentionOutput(d_model)

    def forward(self, x: torch.Tensor, memory: torch.Tensor) -> torch.Tensor:
        return self.output(self.attention(x, memory))


class RPETransformerLayer(nn.Module):
    def __init__(self, d_model: int, num_heads: int):
        super().__init__()
        self.attention = RPEAttentionLayer(d_model, num_heads)
        self.output = AttentionOutput(d_model)

    def forward(self, x: torch.Tensor, memory: torch.Tensor, position: torch.Tensor) -> torch.Tensor:
        return self.output(self.attention(x, memory, position))


class GeometricTransformer(nn.Module):
    """Blocks 'self' (with the geometric embedding) then 'cross', each side in turn (SAM-6D, parallel=False)."""

    def __init__(self, d_model: int, num_heads: int):
        super().__init__()
        self.layers = nn.ModuleList([RPETransformerLayer(d_model, num_heads), TransformerLayer(d_model, num_heads)])

    def forward(self, feats0: torch.Tensor, embeddings0: torch.Tensor, feats1: torch.Tensor,
                embeddings1: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        self_layer = self.layers[0]
        cross_layer = self.layers[1]
        feats0 = self_layer(feats0, feats0, embeddings0)
        feats1 = self_layer(feats1, feats1, embeddings1)
        feats0 = cross_layer(feats0, feats1)
        feats1 = cross_layer(feats1, feats0)
        return feats0, feats1


class LinearAttention(nn.Module):
    def __init__(self, d_model: int, num_heads: int, focusing_factor: int = 3):
        super().__init__()
        self.num_heads = num_heads
        self.focusing_factor = focusing_factor
        self.proj_q = nn.Linear(d_model, d_model)
        self.proj_k = nn.Linear(d_model, d_model)
        self.proj_v = nn.Linear(d_model, d_model)
        self.scale = nn.Parameter(torch.zeros(size=(1, 1, d_model)))

    def split(self, x: torch.Tensor) -> torch.Tensor:
        b, n, c = x.shape
        return x.reshape(b, n, self.num_heads, c // self.num_heads).permute(0, 2, 1, 3).reshape(
            b * self.num_heads, n, c // self.num_heads)

    def forward(self, input_q: torch.Tensor, input_k: torch.Tensor, input_v: torch.Tensor) -> torch.Tensor:
        q = self.proj_q(input_q)
        k = self.proj_k(input_k)
        v = self.proj_v(input_v)
        scale = F.softplus(self.scale)
        q = (F.relu(q) + 1e-6) / scale
        k = (F.relu(k) + 1e-6) / scale
        q_norm = q.norm(p=2.0, dim=-1, keepdim=True)
        k_norm = k.norm(p=2.0, dim=-1, keepdim=True)
        q = q ** self.focusing_factor
        k = k ** self.focusing_factor
        q = (q / q.norm(p=2.0, dim=-1, keepdim=True)) * q_norm
        k = (k / k.norm(p=2.0, dim=-1, keepdim=True)) * k_norm
        b, n, _ = input_q.shape
        q, k, v = self.split(q), self.split(k), self.split(v)
        i, j, c, d = q.shape[-2], k.shape[-2], k.shape[-1], v.shape[-1]
        z = 1 / (torch.einsum("bic,bc->bi", q, k.sum(dim=1)) + 1e-6)
        if i * j * (c + d) > c * d * (i + j):
            kv = torch.einsum("bjc,bjd->bcd", k, v)
            x = torch.einsum("bic,bcd,bi->bid", q, kv, z)
        else:
            qk = torch.einsum("bic,bjc->bij", q, k)
            x = torch.einsum("bij,bjd,bi->bid", qk, v, z)
        return x.reshape(b, self.num_heads, n, d).permute(0, 2, 1, 3).reshape(b, n, self.num_heads * d)


class LinearAttentionLayer(nn.Module):
    def __init__(self, d_model: int, num_heads: int, focusing_factor: int):
        super().__init__()
        self.attention = LinearAttention(d_model, num_heads, focusing_factor)
        self.linear = nn.Linear(d_model, d_model)
        self.norm = nn.LayerNorm(d_model)

    def forward(self, x: torch.Tensor, memory: torch.Tensor) -> torch.Tensor:
        return self.norm(self.linear(self.attention(x, memory, memory)) + x)


class LinearTransformerLayer(nn.Module):
    def __init__(self, d_model: int, num_heads: int, focusing_factor: int):
        super().__init__()
        self.attention = LinearAttentionLayer(d_model, num_heads, focusing_factor)
        self.output = AttentionOutput(d_model)

    def forward(self, x: torch.Tensor, memory: torch.Tensor) -> torch.Tensor:
        return self.output(self.attention(x, memory))


class SparseToDenseTransformer(nn.Module):
    def __init__(self, d_model: int, num_heads: int, focusing_factor: int):
        super().__init__()
        self.sparse_layer = GeometricTransformer(d_model, num_heads)
        self.dense_layer = LinearTransformerLayer(d_model, num_heads, focusing_factor)

    @staticmethod
    def sample(dense: torch.Tensor, fps_idx: torch.Tensor) -> torch.Tensor:
        # SAM-6D gathers from the features with the background token in front (index i is point i-1)
        feats = gather_operation(dense.transpose(1, 2).contiguous(), fps_idx).transpose(1, 2)
        return torch.cat([dense[:, 0:1, :], feats], dim=1)

    def densify(self, dense: torch.Tensor, feats: torch.Tensor) -> torch.Tensor:
        out = self.dense_layer(dense[:, 1:, :].contiguous(), feats[:, 1:, :].contiguous())
        return torch.cat([feats[:, 0:1, :], out], dim=1)

    def forward(self, dense0: torch.Tensor, emb0: torch.Tensor, idx0: torch.Tensor, dense1: torch.Tensor,
                emb1: torch.Tensor, idx1: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        f0, f1 = self.sparse_layer(self.sample(dense0, idx0), emb0, self.sample(dense1, idx1), emb1)
        return self.densify(dense0, f0), self.densify(dense1, f1)


class SinusoidalPositionalEmbedding(nn.Module):
    def __init__(self, d_model: int):
        super().__init__()
        self.d_model = d_model
        div_indices = torch.arange(0, d_model, 2).float()
        self.register_buffer("div_term", torch.exp(div_indices * (-math.log(10000.0) / d_model)))

    def forward(self, emb_indices: torch.Tensor) -> torch.Tensor:
        shape = list(emb_indices.shape)
        omegas = emb_indices.reshape(-1, 1, 1) * self.div_term.view(1, -1, 1)
        emb = torch.cat([torch.sin(omegas), torch.cos(omegas)], dim=2)
        return emb.reshape(shape + [self.d_model])


class GeometricStructureEmbedding(nn.Module):
    def __init__(self, hidden_dim: int, sigma_d: float = 0.2, sigma_a: float = 15.0, angle_k: int = 3):
        super().__init__()
        self.sigma_d = sigma_d
        self.factor_a = 180.0 / (sigma_a * math.pi)
        self.angle_k = angle_k
        self.embedding = SinusoidalPositionalEmbedding(hidden_dim)
        self.proj_d = nn.Linear(hidden_dim, hidden_dim)
        self.proj_a = nn.Linear(hidden_dim, hidden_dim)

    def forward(self, points: torch.Tensor) -> torch.Tensor:
        b, n, _ = points.shape
        dist_map = torch.sqrt(pairwise_distance(points, points))
        d_indices = dist_map / self.sigma_d
        k = self.angle_k
        knn = dist_map.topk(k=k + 1, dim=2, largest=False)[1][:, :, 1:]
        knn = knn.unsqueeze(3).expand(b, n, k, 3)
        expanded = points.unsqueeze(1).expand(b, n, n, 3)
        knn_points = torch.gather(expanded, dim=2, index=knn)
        ref_vectors = (knn_points - points.unsqueeze(2)).unsqueeze(2).expand(b, n, n, k, 3)
        anc_vectors = (points.unsqueeze(1) - points.unsqueeze(2)).unsqueeze(3).expand(b, n, n, k, 3)
        sin_values = torch.linalg.norm(torch.cross(ref_vectors, anc_vectors, dim=-1), dim=-1)
        cos_values = torch.sum(ref_vectors * anc_vectors, dim=-1)
        a_indices = torch.atan2(sin_values, cos_values) * self.factor_a
        d_emb = self.proj_d(self.embedding(d_indices))
        a_emb = self.proj_a(self.embedding(a_indices)).max(dim=3)[0]
        return d_emb + a_emb


# ---------------------------------------------------------------- point matching

class CoarsePointMatching(nn.Module):
    def __init__(self, hidden_dim: int, nblock: int, nproposal2: int, temp: float = 0.1):
        super().__init__()
        self.in_proj = nn.Linear(hidden_dim, hidden_dim)
        self.out_proj = nn.Linear(hidden_dim, hidden_dim)
        self.bg_token = nn.Parameter(torch.randn(1, 1, hidden_dim) * .02)
        self.transformers = nn.ModuleList([GeometricTransformer(hidden_dim, 4) for _ in range(nblock)])
        self.nproposal2 = nproposal2
        self.temp = temp

    def forward(self, p1: torch.Tensor, f1: torch.Tensor, geo1: torch.Tensor, p2: torch.Tensor, f2: torch.Tensor,
                geo2: torch.Tensor, model_pts: torch.Tensor, uniform: torch.Tensor
                ) -> Tuple[torch.Tensor, torch.Tensor]:
        b = f1.size(0)
        f1 = torch.cat([self.bg_token.repeat(b, 1, 1), self.in_proj(f1)], dim=1)
        f2 = torch.cat([self.bg_token.repeat(b, 1, 1), self.in_proj(f2)], dim=1)
        for t in self.transformers:
            f1, f2 = t(f1, geo1, f2, geo2)
        atten = feature_similarity(self.out_proj(f1), self.out_proj(f2), self.temp)
        return self.coarse_rt(atten, p1, p2, model_pts, uniform)

    def coarse_rt(self, atten: torch.Tensor, pts1: torch.Tensor, pts2: torch.Tensor, model_pts: torch.Tensor,
                  uniform: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """SAM-6D's ``compute_coarse_Rt``; the uniform samples of its ``torch.rand(B, 3 n1)`` come in as an input,
        so the caller chooses the number of hypotheses n1 and the seed."""
        b, n1_pts, _ = pts1.shape
        n2_pts = pts2.shape[1]
        n_proposal1 = uniform.shape[1] // 3
        n_proposal2 = min(self.nproposal2, n_proposal1)
        pred_score = torch.softmax(atten, dim=2) * torch.softmax(atten, dim=1)
        label1 = torch.max(pred_score[:, 1:, :], dim=2)[1]
        label2 = torch.max(pred_score[:, :, 1:], dim=1)[1]
        weights1 = (label1 > 0).float()
        weights2 = (label2 > 0).float()
        pred_score = pred_score[:, 1:, 1:].contiguous() * weights1.unsqueeze(2) * weights2.unsqueeze(1)
        pred_score = pred_score.reshape(b, n1_pts * n2_pts) ** 1.5
        cumsum = torch.cumsum(pred_score, dim=1)
        cumsum = cumsum / (cumsum[:, -1].unsqueeze(1) + 1e-8)
        idx = torch.searchsorted(cumsum, uniform[:, :n_proposal1 * 3].contiguous())
        idx1 = torch.clamp(torch.div(idx, n2_pts, rounding_mode="floor"), max=n1_pts - 1).unsqueeze(2).repeat(1, 1, 3)
        idx2 = torch.clamp(idx % n2_pts, max=n2_pts - 1).unsqueeze(2).repeat(1, 1, 3)
        p1 = torch.gather(pts1, 1, idx1).reshape(b * n_proposal1, 3, 3)
        p2 = torch.gather(pts2, 1, idx2).reshape(b * n_proposal1, 3, 3)
        pred_rs, pred_ts = weighted_procrustes(p2, p1, torch.ones_like(p2[:, :, 0]), 0.5)
        pred_rs = pred_rs.reshape(b, n_proposal1, 3, 3)
        pred_ts = pred_ts.reshape(b, n_proposal1, 1, 3)
        p1 = p1.reshape(b, n_proposal1, 3, 3)
        p2 = p2.reshape(b, n_proposal1, 3, 3)
        dis = torch.norm((p1 - pred_ts) @ pred_rs - p2, p=2.0, dim=3).mean(2)
        idx = torch.topk(dis, n_proposal2, dim=1, largest=False)[1]
        pred_rs = torch.gather(pred_rs, 1, idx.reshape(b, n_proposal2, 1, 1).repeat(1, 1, 3, 3))
        pred_ts = torch.gather(pred_ts, 1, idx.reshape(b, n_proposal2, 1, 1).repeat(1, 1, 1, 3))
        transformed = ((pts1.unsqueeze(1) - pred_ts) @ pred_rs).reshape(b * n_proposal2, -1, 3)
        expand_model = model_pts.unsqueeze(1).repeat(1, n_proposal2, 1, 1).reshape(b * n_proposal2, -1, 3)
        dis = torch.sqrt(pairwise_distance(transformed, expand_model)).min(2)[0].reshape(b, n_proposal2, -1)
        scores = weights1.unsqueeze(1).sum(2) / ((dis * weights1.unsqueeze(1)).sum(2) + 1e-8)
        best = scores.max(1)[1]
        pred_r = torch.gather(pred_rs, 1, best.reshape(b, 1, 1, 1).repeat(1, 1, 3, 3)).squeeze(1)
        pred_t = torch.gather(pred_ts, 1, best.reshape(b, 1, 1, 1).repeat(1, 1, 1, 3)).squeeze(2).squeeze(1)
        return pred_r, pred_t


class SharedConv(nn.Module):
    """SAM-6D's pytorch_utils Conv2d/Conv1d unit: ``conv`` then ``normlayer.bn`` and ReLU, or a bare biased conv."""

    def __init__(self, cin: int, cout: int, two_d: bool, bn: bool):
        super().__init__()
        conv = nn.Conv2d(cin, cout, 1, bias=not bn) if two_d else nn.Conv1d(cin, cout, 1, bias=not bn)
        self.conv = conv
        self.has_bn = bn
        if bn:
            self.normlayer = nn.Sequential()
            self.normlayer.add_module("bn", nn.BatchNorm2d(cout) if two_d else nn.BatchNorm1d(cout))
        else:
            self.normlayer = nn.Sequential()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.conv(x)
        if self.has_bn:
            x = F.relu(self.normlayer(x))
        return x


class SharedMLP(nn.Sequential):
    def __init__(self, dims: List[int]):
        super().__init__()
        for i in range(len(dims) - 1):
            self.add_module("layer{}".format(i), SharedConv(dims[i], dims[i + 1], True, True))


class PositionalEncoding(nn.Module):
    def __init__(self, out_dim: int, r1: float = 0.1, r2: float = 0.2, nsample1: int = 32, nsample2: int = 64):
        super().__init__()
        self.group1 = QueryAndGroup(r1, nsample1)
        self.group2 = QueryAndGroup(r2, nsample2)
        self.mlp1 = SharedMLP([6, 32, 64, 128])
        self.mlp2 = SharedMLP([6, 32, 64, 128])
        self.mlp3 = SharedConv(256, out_dim, False, False)

    def forward(self, pts: torch.Tensor) -> torch.Tensor:
        pts = pts.contiguous()
        feat1 = self.mlp1(self.group1(pts, pts, pts.transpose(1, 2).contiguous()))
        feat1 = F.max_pool2d(feat1, kernel_size=[1, feat1.size(3)])
        feat2 = self.mlp2(self.group2(pts, pts, pts.transpose(1, 2).contiguous()))
        feat2 = F.max_pool2d(feat2, kernel_size=[1, feat2.size(3)])
        feat = torch.cat([feat1, feat2], dim=1).squeeze(-1)
        return self.mlp3(feat).transpose(1, 2)


class FinePointMatching(nn.Module):
    def __init__(self, hidden_dim: int, nblock: int, temp: float = 0.1, dis_thres: float = 0.15):
        super().__init__()
        self.in_proj = nn.Linear(hidden_dim, hidden_dim)
        self.out_proj = nn.Linear(hidden_dim, hidden_dim)
        self.bg_token = nn.Parameter(torch.randn(1, 1, hidden_dim) * .02)
        self.PE = PositionalEncoding(hidden_dim)
        self.transformers = nn.ModuleList([SparseToDenseTransformer(hidden_dim, 4, 3) for _ in range(nblock)])
        self.temp = temp
        self.dis_thres = dis_thres

    def forward(self, p1: torch.Tensor, f1: torch.Tensor, geo1: torch.Tensor, idx1: torch.Tensor, p2: torch.Tensor,
                f2: torch.Tensor, geo2: torch.Tensor, idx2: torch.Tensor, model_pts: torch.Tensor,
                init_r: torch.Tensor, init_t: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        b = p1.size(0)
        p1_ = (p1 - init_t.unsqueeze(1)) @ init_r
        f1 = torch.cat([self.bg_token.repeat(b, 1, 1), self.in_proj(f1) + self.PE(p1_)], dim=1)
        f2 = torch.cat([self.bg_token.repeat(b, 1, 1), self.in_proj(f2) + self.PE(p2)], dim=1)
        for t in self.transformers:
            f1, f2 = t(f1, geo1, idx1, f2, geo2, idx2)
        atten = feature_similarity(self.out_proj(f1), self.out_proj(f2), self.temp)
        return self.fine_rt(atten, p1, p2, model_pts)

    def fine_rt(self, atten: torch.Tensor, pts1: torch.Tensor, pts2: torch.Tensor, model_pts: torch.Tensor
                ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """SAM-6D's ``compute_fine_Rt``: soft assignment, weighted SVD, and the pose score (share of observed points
        within 0.15 radii of the posed model, times the share of points assigned to the object)."""
        assign = torch.softmax(atten, dim=2) * torch.softmax(atten, dim=1)
        label1 = torch.max(assign[:, 1:, :], dim=2)[1]
        label2 = torch.max(assign[:, :, 1:], dim=1)[1]
        assign = assign[:, 1:, 1:] * (label1 > 0).float().unsqueeze(2) * (label2 > 0).float().unsqueeze(1)
        normalized = assign / (assign.sum(2, keepdim=True) + 1e-6)
        pred_pts = normalized @ pts2
        pred_r, pred_t = weighted_procrustes(pred_pts, pts1, assign.sum(2), 0.0)
        posed = (pts1 - pred_t.unsqueeze(1)) @ pred_r
        dis = torch.sqrt(pairwise_distance(posed, model_pts)).min(2)[0]
        mask = (label1 > 0).float()
        score = ((dis < self.dis_thres).float() * mask).sum(1) / (mask.sum(1) + 1e-8)
        return pred_r, pred_t, score * mask.mean(1)


class Net(nn.Module):
    """SAM-6D's PEM ``Net`` under its checkpoint's names, in inference mode with precomputed object features."""

    def __init__(self, pem_type: str):
        super().__init__()
        cfg = PEM_TYPES[pem_type]
        self.cfg = cfg
        self.coarse_npoint = cfg["coarse_npoint"]
        self.fine_npoint = cfg["fine_npoint"]
        self.feature_extraction = ViTEncoder(cfg["img_size"], cfg["vit_embed_dim"], cfg["vit_depth"],
                                             cfg["vit_heads"], cfg["out_dim"])
        self.geo_embedding = GeometricStructureEmbedding(cfg["hidden_dim"])
        self.coarse_point_matching = CoarsePointMatching(cfg["hidden_dim"], cfg["coarse_nblock"], cfg["nproposal2"])
        self.fine_point_matching = FinePointMatching(cfg["hidden_dim"], cfg["fine_nblock"])

    def object_features(self, tem_rgb: torch.Tensor, tem_choose: torch.Tensor, tem_pts: torch.Tensor
                        ) -> Tuple[torch.Tensor, torch.Tensor]:
        """SAM-6D's ``get_obj_feats``: features of the chosen template pixels, all views pooled, then furthest point
        sampling down to ``fine_npoint``. ``[T, 3, S, S]``, ``[T, P]``, ``[T, P, 3]`` (metres) -> ``[1, Nf, 3]``
        (metres), ``[1, Nf, C]``."""
        feats = self.feature_extraction.get_img_feats(tem_rgb, tem_choose)
        pts = tem_pts.reshape(1, -1, 3)
        feats = feats.reshape(1, pts.shape[1], -1)
        p, f, _ = sample_pts_feats(pts, feats, self.fine_npoint)
        return p, f

    def forward(self, pts: torch.Tensor, rgb: torch.Tensor, rgb_choose: torch.Tensor, model: torch.Tensor,
                dense_po: torch.Tensor, dense_fo: torch.Tensor, uniform: torch.Tensor
                ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        dense_fm = self.feature_extraction.get_img_feats(rgb, rgb_choose)
        radius = torch.norm(dense_po, p=2.0, dim=2).max(1)[0]
        scale = (radius.reshape(-1, 1, 1) + 1e-6)
        dense_pm = pts / scale
        dense_po = dense_po / scale
        model = model / scale
        bg_point = torch.ones(dense_pm.size(0), 1, 3, device=pts.device) * 100
        sparse_pm, sparse_fm, fps_idx_m = sample_pts_feats(dense_pm, dense_fm, self.coarse_npoint)
        geo_m = self.geo_embedding(torch.cat([bg_point, sparse_pm], dim=1))
        sparse_po, sparse_fo, fps_idx_o = sample_pts_feats(dense_po, dense_fo, self.coarse_npoint)
        geo_o = self.geo_embedding(torch.cat([bg_point, sparse_po], dim=1))
        init_r, init_t = self.coarse_point_matching(sparse_pm, sparse_fm, geo_m, sparse_po, sparse_fo, geo_o, model,
                                                    uniform)
        pred_r, pred_t, score = self.fine_point_matching(dense_pm, dense_fm, geo_m, fps_idx_m, dense_po, dense_fo,
                                                         geo_o, fps_idx_o, model, init_r, init_t)
        return pred_r, pred_t * (radius.reshape(-1, 1) + 1e-6), score
