"""DINOv2 (Oquab et al. 2023) vision transformer, written for TorchScript, with the parameter names of
facebookresearch/dinov2's ``dinov2_vit*14_pretrain.pth`` (what SAM-6D's ISM loads with ``block_chunks=0``,
``init_values=1.0``: layer scale on, no register tokens, MLP feed-forward). Follows ``dinov2/models/vision_transformer``
and ``dinov2/layers``: patch embedding, class token, bicubic interpolation of the position embedding with the 0.1
offset, pre-norm blocks with layer scale, final LayerNorm."""
import math
from typing import Tuple

import torch
import torch.nn.functional as F
from torch import nn

DINOV2_TYPES = {
    "dinov2_vits14": dict(embed_dim=384, depth=12, num_heads=6, img_size=518),
    "dinov2_vitb14": dict(embed_dim=768, depth=12, num_heads=12, img_size=518),
    "dinov2_vitl14": dict(embed_dim=1024, depth=24, num_heads=16, img_size=518),
    # random-weight test network: 7 x 7 position grid, so the interpolation to the 16 x 16 patches of a 224 crop runs
    "small": dict(embed_dim=32, depth=2, num_heads=2, img_size=98),
}


class PatchEmbed(nn.Module):
    def __init__(self, patch_size: int, embed_dim: int):
        super().__init__()
        self.proj = nn.Conv2d(3, embed_dim, kernel_size=patch_size, stride=patch_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(x).flatten(2).transpose(1, 2)


class Attention(nn.Module):
    def __init__(self, dim: int, num_heads: int):
        super().__init__()
        self.num_heads = num_heads
        self.scale = (dim // num_heads) ** -0.5
        self.qkv = nn.Linear(dim, dim * 3, bias=True)
        self.proj = nn.Linear(dim, dim, bias=True)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, n, c = x.shape
        qkv = self.qkv(x).reshape(b, n, 3, self.num_heads, c // self.num_heads).permute(2, 0, 3, 1, 4)
        q, k, v = qkv[0] * self.scale, qkv[1], qkv[2]
        attn = (q @ k.transpose(-2, -1)).softmax(dim=-1)
        return self.proj((attn @ v).transpose(1, 2).reshape(b, n, c))


class Mlp(nn.Module):
    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.fc1 = nn.Linear(dim, hidden)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(hidden, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc2(self.act(self.fc1(x)))


class LayerScale(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.gamma


class Block(nn.Module):
    def __init__(self, dim: int, num_heads: int):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, num_heads)
        self.ls1 = LayerScale(dim)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = Mlp(dim, dim * 4)
        self.ls2 = LayerScale(dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = x + self.ls1(self.attn(self.norm1(x)))
        return x + self.ls2(self.mlp(self.norm2(x)))


class DinoVisionTransformer(nn.Module):
    def __init__(self, dinov2_type: str, patch_size: int = 14):
        super().__init__()
        cfg = DINOV2_TYPES[dinov2_type]
        dim = cfg["embed_dim"]
        self.patch_size = patch_size
        self.embed_dim = dim
        num_patches = (cfg["img_size"] // patch_size) ** 2
        self.patch_embed = PatchEmbed(patch_size, dim)
        self.cls_token = nn.Parameter(torch.zeros(1, 1, dim))
        self.pos_embed = nn.Parameter(torch.zeros(1, num_patches + 1, dim))
        self.blocks = nn.ModuleList([Block(dim, cfg["num_heads"]) for _ in range(cfg["depth"])])
        self.norm = nn.LayerNorm(dim, eps=1e-6)
        self.mask_token = nn.Parameter(torch.zeros(1, dim))  # masked-image training only; in the checkpoint
        self.interpolate_offset = 0.1

    def interpolate_pos_encoding(self, npatch: int, w: int, h: int) -> torch.Tensor:
        n = self.pos_embed.shape[1] - 1
        if npatch == n and w == h:
            return self.pos_embed
        class_pos = self.pos_embed[:, 0]
        patch_pos = self.pos_embed[:, 1:]
        dim = self.pos_embed.shape[-1]
        w0 = w // self.patch_size + self.interpolate_offset
        h0 = h // self.patch_size + self.interpolate_offset
        sqrt_n = math.sqrt(n)
        side = int(sqrt_n)
        patch_pos = F.interpolate(patch_pos.reshape(1, side, side, dim).permute(0, 3, 1, 2),
                                  scale_factor=[w0 / sqrt_n, h0 / sqrt_n], mode="bicubic", align_corners=False)
        patch_pos = patch_pos.permute(0, 2, 3, 1).reshape(1, -1, dim)
        return torch.cat((class_pos.unsqueeze(0), patch_pos), dim=1)

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """``[N, 3, S, S]`` normalised -> (class token ``[N, D]``, patch tokens ``[N, (S/14)^2, D]``), after the
        final norm (DINOv2's ``x_norm_clstoken`` and ``x_norm_patchtokens``)."""
        w, h = x.shape[2], x.shape[3]
        x = self.patch_embed(x)
        x = torch.cat((self.cls_token.expand(x.shape[0], -1, -1), x), dim=1)
        x = x + self.interpolate_pos_encoding(x.shape[1] - 1, w, h)
        for blk in self.blocks:
            x = blk(x)
        x = self.norm(x)
        return x[:, 0], x[:, 1:]
