"""PointNet++ operators as plain tensor code, so that they script (SAM-6D ships them as CUDA extensions that
TorchScript cannot load). Each one computes what the CUDA kernel of SAM-6D's ``pointnet2/_ext_src`` computes,
including its conventions (first sampled point is index 0; a ball with fewer points than ``nsample`` repeats its first
point; an empty ball gives index 0)."""
from typing import Tuple

import torch


def furthest_point_sample(xyz: torch.Tensor, npoint: int) -> torch.Tensor:
    """``[B, N, 3]`` -> ``[B, npoint]`` int64 indices, iterative furthest point sampling from point 0."""
    b, n, _ = xyz.shape
    idx = torch.zeros(b, npoint, dtype=torch.long, device=xyz.device)
    dist = torch.full((b, n), 1e10, dtype=xyz.dtype, device=xyz.device)
    last = torch.zeros(b, dtype=torch.long, device=xyz.device)
    batch = torch.arange(b, device=xyz.device)
    for j in range(1, npoint):
        p = xyz[batch, last]
        d = ((xyz - p.unsqueeze(1)) ** 2).sum(-1)
        dist = torch.minimum(dist, d)
        last = torch.argmax(dist, dim=1)
        idx[:, j] = last
    return idx


def gather_operation(features: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    """``features [B, C, N]``, ``idx [B, M]`` -> ``[B, C, M]``."""
    c = features.shape[1]
    return torch.gather(features, 2, idx.unsqueeze(1).expand(-1, c, -1))


def ball_query(radius: float, nsample: int, xyz: torch.Tensor, new_xyz: torch.Tensor) -> torch.Tensor:
    """Indices of the first ``nsample`` points (in index order) within ``radius`` of each centre.

    ``xyz [B, N, 3]``, ``new_xyz [B, M, 3]`` -> ``[B, M, nsample]`` int64. Slots beyond the points found repeat the
    first one found; a centre with none gets index 0 everywhere (the CUDA kernel's zero-initialised output).
    """
    n = xyz.shape[1]
    d2 = (new_xyz * new_xyz).sum(-1).unsqueeze(-1) - 2.0 * (new_xyz @ xyz.transpose(1, 2)) \
        + (xyz * xyz).sum(-1).unsqueeze(-2)
    order = torch.arange(n, device=xyz.device).view(1, 1, n).expand(d2.shape[0], d2.shape[1], n)
    candidates = torch.where(d2 < radius * radius, order, torch.full_like(order, n))
    k = min(nsample, n)
    first, _ = torch.topk(candidates, k, dim=-1, largest=False, sorted=True)
    if k < nsample:
        first = torch.cat([first, torch.full_like(first[:, :, :1], n).expand(-1, -1, nsample - k)], dim=-1)
    found = first[:, :, :1]
    idx = torch.where(first == n, found.expand_as(first), first)
    return torch.where(idx == n, torch.zeros_like(idx), idx)


def grouping_operation(features: torch.Tensor, idx: torch.Tensor) -> torch.Tensor:
    """``features [B, C, N]``, ``idx [B, M, S]`` -> ``[B, C, M, S]``."""
    b, c, n = features.shape
    m, s = idx.shape[1], idx.shape[2]
    flat = features.transpose(1, 2).reshape(b * n, c)
    offset = (torch.arange(b, device=idx.device) * n).view(b, 1, 1)
    grouped = flat[(idx + offset).reshape(-1)].view(b, m, s, c)
    return grouped.permute(0, 3, 1, 2)


class QueryAndGroup(torch.nn.Module):
    """Ball query and grouping with the centred coordinates in front (SAM-6D's ``QueryAndGroup``, use_xyz=True)."""

    def __init__(self, radius: float, nsample: int):
        super().__init__()
        self.radius = radius
        self.nsample = nsample

    def forward(self, xyz: torch.Tensor, new_xyz: torch.Tensor, features: torch.Tensor) -> torch.Tensor:
        idx = ball_query(self.radius, self.nsample, xyz, new_xyz)
        grouped_xyz = grouping_operation(xyz.transpose(1, 2).contiguous(), idx)
        grouped_xyz = grouped_xyz - new_xyz.transpose(1, 2).unsqueeze(-1)
        grouped_features = grouping_operation(features, idx)
        return torch.cat([grouped_xyz, grouped_features], dim=1)


def sample_pts_feats(pts: torch.Tensor, feats: torch.Tensor, npoint: int) -> Tuple[torch.Tensor, torch.Tensor,
                                                                                 torch.Tensor]:
    """Furthest point sampling of ``pts [B, N, 3]`` and their ``feats [B, N, C]``; also returns the indices."""
    idx = furthest_point_sample(pts, npoint)
    p = gather_operation(pts.transpose(1, 2).contiguous(), idx).transpose(1, 2).contiguous()
    f = gather_operation(feats.transpose(1, 2).contiguous(), idx).transpose(1, 2).contiguous()
    return p, f, idx
