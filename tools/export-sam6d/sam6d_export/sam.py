"""Segment Anything (Kirillov et al. 2023): the ViT image encoder, the prompt encoder (points only are used) and the
mask decoder, written for TorchScript. Parameter names are those of facebookresearch/segment-anything's checkpoints
(``image_encoder.*``, ``prompt_encoder.*``, ``mask_decoder.*``), so ``sam_vit_h_4b8939.pth`` and its siblings load
as they are; the computations follow ``segment_anything/modeling``."""
import math
from typing import List, Tuple

import torch
import torch.nn.functional as F
from torch import nn

# encoder sizes of SAM's three published models; "small" is the random-weight test network
SAM_TYPES = {
    "vit_h": dict(embed_dim=1280, depth=32, num_heads=16, global_attn_indexes=[7, 15, 23, 31], window_size=14,
                  img_size=1024, prompt_dim=256, mlp_dim=2048, decoder_heads=8, iou_hidden=256, mask_in_chans=16),
    "vit_l": dict(embed_dim=1024, depth=24, num_heads=16, global_attn_indexes=[5, 11, 17, 23], window_size=14,
                  img_size=1024, prompt_dim=256, mlp_dim=2048, decoder_heads=8, iou_hidden=256, mask_in_chans=16),
    "vit_b": dict(embed_dim=768, depth=12, num_heads=12, global_attn_indexes=[2, 5, 8, 11], window_size=14,
                  img_size=1024, prompt_dim=256, mlp_dim=2048, decoder_heads=8, iou_hidden=256, mask_in_chans=16),
    "small": dict(embed_dim=32, depth=2, num_heads=2, global_attn_indexes=[1], window_size=4,
                  img_size=256, prompt_dim=32, mlp_dim=64, decoder_heads=2, iou_hidden=32, mask_in_chans=4),
}


class LayerNorm2d(nn.Module):
    def __init__(self, num_channels: int, eps: float = 1e-6):
        super().__init__()
        self.weight = nn.Parameter(torch.ones(num_channels))
        self.bias = nn.Parameter(torch.zeros(num_channels))
        self.eps = eps

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        u = x.mean(1, keepdim=True)
        s = (x - u).pow(2).mean(1, keepdim=True)
        x = (x - u) / torch.sqrt(s + self.eps)
        return self.weight[:, None, None] * x + self.bias[:, None, None]


class MLPBlock(nn.Module):
    def __init__(self, embedding_dim: int, mlp_dim: int, gelu: bool):
        super().__init__()
        self.lin1 = nn.Linear(embedding_dim, mlp_dim)
        self.lin2 = nn.Linear(mlp_dim, embedding_dim)
        self.act = nn.GELU() if gelu else nn.ReLU()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.lin2(self.act(self.lin1(x)))


# ---------------------------------------------------------------- image encoder

class PatchEmbed(nn.Module):
    def __init__(self, patch_size: int, embed_dim: int):
        super().__init__()
        self.proj = nn.Conv2d(3, embed_dim, kernel_size=patch_size, stride=patch_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.proj(x).permute(0, 2, 3, 1)


def get_rel_pos(q_size: int, k_size: int, rel_pos: torch.Tensor) -> torch.Tensor:
    max_rel_dist = int(2 * max(q_size, k_size) - 1)
    if rel_pos.shape[0] != max_rel_dist:
        resized = F.interpolate(rel_pos.reshape(1, rel_pos.shape[0], -1).permute(0, 2, 1), size=max_rel_dist,
                                mode="linear")
        rel_pos = resized.reshape(-1, max_rel_dist).permute(1, 0)
    q_coords = torch.arange(q_size, device=rel_pos.device)[:, None] * max(k_size / q_size, 1.0)
    k_coords = torch.arange(k_size, device=rel_pos.device)[None, :] * max(q_size / k_size, 1.0)
    relative = (q_coords - k_coords) + (k_size - 1) * max(q_size / k_size, 1.0)
    return rel_pos[relative.long()]


class Attention(nn.Module):
    """Multi-head attention with decomposed relative position embeddings (SAM's encoder attention)."""

    def __init__(self, dim: int, num_heads: int, input_size: int):
        super().__init__()
        self.num_heads = num_heads
        head_dim = dim // num_heads
        self.scale = head_dim ** -0.5
        self.qkv = nn.Linear(dim, dim * 3, bias=True)
        self.proj = nn.Linear(dim, dim)
        self.rel_pos_h = nn.Parameter(torch.zeros(2 * input_size - 1, head_dim))
        self.rel_pos_w = nn.Parameter(torch.zeros(2 * input_size - 1, head_dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, h, w, _ = x.shape
        qkv = self.qkv(x).reshape(b, h * w, 3, self.num_heads, -1).permute(2, 0, 3, 1, 4)
        q, k, v = qkv.reshape(3, b * self.num_heads, h * w, -1).unbind(0)
        attn = (q * self.scale) @ k.transpose(-2, -1)
        rh = get_rel_pos(h, h, self.rel_pos_h)
        rw = get_rel_pos(w, w, self.rel_pos_w)
        bq, _, dim = q.shape
        r_q = q.reshape(bq, h, w, dim)
        rel_h = torch.einsum("bhwc,hkc->bhwk", r_q, rh)
        rel_w = torch.einsum("bhwc,wkc->bhwk", r_q, rw)
        attn = (attn.view(bq, h, w, h, w) + rel_h[:, :, :, :, None] + rel_w[:, :, :, None, :]).view(bq, h * w, h * w)
        attn = attn.softmax(dim=-1)
        x = (attn @ v).view(b, self.num_heads, h, w, -1).permute(0, 2, 3, 1, 4).reshape(b, h, w, -1)
        return self.proj(x)


class Block(nn.Module):
    def __init__(self, dim: int, num_heads: int, window_size: int, input_size: int):
        super().__init__()
        self.norm1 = nn.LayerNorm(dim, eps=1e-6)
        self.attn = Attention(dim, num_heads, input_size if window_size == 0 else window_size)
        self.norm2 = nn.LayerNorm(dim, eps=1e-6)
        self.mlp = MLPBlock(dim, dim * 4, gelu=True)
        self.window_size = window_size

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        shortcut = x
        x = self.norm1(x)
        if self.window_size > 0:
            h, w = x.shape[1], x.shape[2]
            ws = self.window_size
            pad_h = (ws - h % ws) % ws
            pad_w = (ws - w % ws) % ws
            x = F.pad(x, (0, 0, 0, pad_w, 0, pad_h))
            hp, wp = h + pad_h, w + pad_w
            b, c = x.shape[0], x.shape[3]
            x = x.view(b, hp // ws, ws, wp // ws, ws, c).permute(0, 1, 3, 2, 4, 5).reshape(-1, ws, ws, c)
            x = self.attn(x)
            x = x.view(b, hp // ws, wp // ws, ws, ws, -1).permute(0, 1, 3, 2, 4, 5).reshape(b, hp, wp, -1)
            x = x[:, :h, :w, :].contiguous()
        else:
            x = self.attn(x)
        x = shortcut + x
        return x + self.mlp(self.norm2(x))


class ImageEncoderViT(nn.Module):
    def __init__(self, img_size: int, embed_dim: int, depth: int, num_heads: int, global_attn_indexes: List[int],
                 window_size: int, out_chans: int, patch_size: int = 16):
        super().__init__()
        self.img_size = img_size
        grid = img_size // patch_size
        self.patch_embed = PatchEmbed(patch_size, embed_dim)
        self.pos_embed = nn.Parameter(torch.zeros(1, grid, grid, embed_dim))
        self.blocks = nn.ModuleList([
            Block(embed_dim, num_heads, 0 if i in global_attn_indexes else window_size, grid) for i in range(depth)])
        self.neck = nn.Sequential(
            nn.Conv2d(embed_dim, out_chans, kernel_size=1, bias=False),
            LayerNorm2d(out_chans),
            nn.Conv2d(out_chans, out_chans, kernel_size=3, padding=1, bias=False),
            LayerNorm2d(out_chans),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.patch_embed(x) + self.pos_embed
        for blk in self.blocks:
            x = blk(x)
        return self.neck(x.permute(0, 3, 1, 2))


# ---------------------------------------------------------------- prompt encoder

class PositionEmbeddingRandom(nn.Module):
    def __init__(self, num_pos_feats: int):
        super().__init__()
        self.register_buffer("positional_encoding_gaussian_matrix", torch.randn((2, num_pos_feats)))

    def _pe_encoding(self, coords: torch.Tensor) -> torch.Tensor:
        coords = 2 * coords - 1
        coords = coords @ self.positional_encoding_gaussian_matrix
        coords = 2 * math.pi * coords
        return torch.cat([torch.sin(coords), torch.cos(coords)], dim=-1)

    def dense(self, h: int, w: int) -> torch.Tensor:
        grid = torch.ones((h, w), device=self.positional_encoding_gaussian_matrix.device, dtype=torch.float32)
        y_embed = (grid.cumsum(dim=0) - 0.5) / h
        x_embed = (grid.cumsum(dim=1) - 0.5) / w
        return self._pe_encoding(torch.stack([x_embed, y_embed], dim=-1)).permute(2, 0, 1)

    def forward_with_coords(self, coords: torch.Tensor, image_h: int, image_w: int) -> torch.Tensor:
        scale = torch.tensor([1.0 / image_w, 1.0 / image_h], device=coords.device)
        return self._pe_encoding(coords.float() * scale)


class PromptEncoder(nn.Module):
    """SAM's prompt encoder; the mask and box embeddings are kept so the checkpoint loads whole, and unused."""

    def __init__(self, embed_dim: int, image_embedding_size: int, input_image_size: int, mask_in_chans: int):
        super().__init__()
        self.embed_dim = embed_dim
        self.input_image_size = input_image_size
        self.image_embedding_size = image_embedding_size
        self.pe_layer = PositionEmbeddingRandom(embed_dim // 2)
        self.point_embeddings = nn.ModuleList([nn.Embedding(1, embed_dim) for _ in range(4)])
        self.not_a_point_embed = nn.Embedding(1, embed_dim)
        self.mask_downscaling = nn.Sequential(
            nn.Conv2d(1, mask_in_chans // 4, kernel_size=2, stride=2),
            LayerNorm2d(mask_in_chans // 4),
            nn.GELU(),
            nn.Conv2d(mask_in_chans // 4, mask_in_chans, kernel_size=2, stride=2),
            LayerNorm2d(mask_in_chans),
            nn.GELU(),
            nn.Conv2d(mask_in_chans, embed_dim, kernel_size=1),
        )
        self.no_mask_embed = nn.Embedding(1, embed_dim)

    def embed_points(self, points: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """One positive point per prompt plus SAM's padding point: ``[B, 1, 2]`` -> ``[B, 2, C]``."""
        points = points + 0.5
        b = points.shape[0]
        points = torch.cat([points, torch.zeros((b, 1, 2), device=points.device)], dim=1)
        labels = torch.cat([labels, -torch.ones((b, 1), device=labels.device, dtype=labels.dtype)], dim=1)
        pe = self.pe_layer.forward_with_coords(points, self.input_image_size, self.input_image_size)
        lab = labels.unsqueeze(-1)
        pe = torch.where(lab == -1, torch.zeros_like(pe), pe)
        pe = pe + (lab == -1).float() * self.not_a_point_embed.weight
        pe = pe + (lab == 0).float() * self.point_embeddings[0].weight
        pe = pe + (lab == 1).float() * self.point_embeddings[1].weight
        return pe

    def dense_pe(self) -> torch.Tensor:
        return self.pe_layer.dense(self.image_embedding_size, self.image_embedding_size).unsqueeze(0)

    def no_mask(self, b: int) -> torch.Tensor:
        return self.no_mask_embed.weight.reshape(1, -1, 1, 1).expand(
            b, -1, self.image_embedding_size, self.image_embedding_size)


# ---------------------------------------------------------------- mask decoder

class DecoderAttention(nn.Module):
    def __init__(self, embedding_dim: int, num_heads: int, downsample_rate: int = 1):
        super().__init__()
        self.internal_dim = embedding_dim // downsample_rate
        self.num_heads = num_heads
        self.q_proj = nn.Linear(embedding_dim, self.internal_dim)
        self.k_proj = nn.Linear(embedding_dim, self.internal_dim)
        self.v_proj = nn.Linear(embedding_dim, self.internal_dim)
        self.out_proj = nn.Linear(self.internal_dim, embedding_dim)

    def _separate(self, x: torch.Tensor) -> torch.Tensor:
        b, n, c = x.shape
        return x.reshape(b, n, self.num_heads, c // self.num_heads).transpose(1, 2)

    def forward(self, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
        q = self._separate(self.q_proj(q))
        k = self._separate(self.k_proj(k))
        v = self._separate(self.v_proj(v))
        attn = q @ k.permute(0, 1, 3, 2) / math.sqrt(q.shape[3])
        out = torch.softmax(attn, dim=-1) @ v
        b, h, n, c = out.shape
        return self.out_proj(out.transpose(1, 2).reshape(b, n, h * c))


class TwoWayAttentionBlock(nn.Module):
    def __init__(self, embedding_dim: int, num_heads: int, mlp_dim: int, skip_first_layer_pe: bool):
        super().__init__()
        self.self_attn = DecoderAttention(embedding_dim, num_heads)
        self.norm1 = nn.LayerNorm(embedding_dim)
        self.cross_attn_token_to_image = DecoderAttention(embedding_dim, num_heads, 2)
        self.norm2 = nn.LayerNorm(embedding_dim)
        self.mlp = MLPBlock(embedding_dim, mlp_dim, gelu=False)
        self.norm3 = nn.LayerNorm(embedding_dim)
        self.norm4 = nn.LayerNorm(embedding_dim)
        self.cross_attn_image_to_token = DecoderAttention(embedding_dim, num_heads, 2)
        self.skip_first_layer_pe = skip_first_layer_pe

    def forward(self, queries: torch.Tensor, keys: torch.Tensor, query_pe: torch.Tensor,
                key_pe: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        if self.skip_first_layer_pe:
            queries = self.self_attn(queries, queries, queries)
        else:
            q = queries + query_pe
            queries = queries + self.self_attn(q, q, queries)
        queries = self.norm1(queries)
        q = queries + query_pe
        k = keys + key_pe
        queries = self.norm2(queries + self.cross_attn_token_to_image(q, k, keys))
        queries = self.norm3(queries + self.mlp(queries))
        q = queries + query_pe
        k = keys + key_pe
        keys = self.norm4(keys + self.cross_attn_image_to_token(k, q, queries))
        return queries, keys


class TwoWayTransformer(nn.Module):
    def __init__(self, depth: int, embedding_dim: int, num_heads: int, mlp_dim: int):
        super().__init__()
        self.layers = nn.ModuleList([
            TwoWayAttentionBlock(embedding_dim, num_heads, mlp_dim, i == 0) for i in range(depth)])
        self.final_attn_token_to_image = DecoderAttention(embedding_dim, num_heads, 2)
        self.norm_final_attn = nn.LayerNorm(embedding_dim)

    def forward(self, image_embedding: torch.Tensor, image_pe: torch.Tensor,
                point_embedding: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        keys = image_embedding.flatten(2).permute(0, 2, 1)
        key_pe = image_pe.flatten(2).permute(0, 2, 1)
        queries = point_embedding
        for layer in self.layers:
            queries, keys = layer(queries, keys, point_embedding, key_pe)
        attn_out = self.final_attn_token_to_image(queries + point_embedding, keys + key_pe, keys)
        return self.norm_final_attn(queries + attn_out), keys


class MLP(nn.Module):
    def __init__(self, input_dim: int, hidden_dim: int, output_dim: int, num_layers: int):
        super().__init__()
        dims = [input_dim] + [hidden_dim] * (num_layers - 1)
        outs = [hidden_dim] * (num_layers - 1) + [output_dim]
        self.layers = nn.ModuleList([nn.Linear(n, k) for n, k in zip(dims, outs)])
        self.num_layers = num_layers

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        for i, layer in enumerate(self.layers):
            x = F.relu(layer(x)) if i < self.num_layers - 1 else layer(x)
        return x


class MaskDecoder(nn.Module):
    def __init__(self, transformer_dim: int, transformer: TwoWayTransformer, iou_head_hidden_dim: int,
                 num_multimask_outputs: int = 3):
        super().__init__()
        self.transformer = transformer
        self.num_mask_tokens = num_multimask_outputs + 1
        self.iou_token = nn.Embedding(1, transformer_dim)
        self.mask_tokens = nn.Embedding(self.num_mask_tokens, transformer_dim)
        self.output_upscaling = nn.Sequential(
            nn.ConvTranspose2d(transformer_dim, transformer_dim // 4, kernel_size=2, stride=2),
            LayerNorm2d(transformer_dim // 4),
            nn.GELU(),
            nn.ConvTranspose2d(transformer_dim // 4, transformer_dim // 8, kernel_size=2, stride=2),
            nn.GELU(),
        )
        self.output_hypernetworks_mlps = nn.ModuleList([
            MLP(transformer_dim, transformer_dim, transformer_dim // 8, 3) for _ in range(self.num_mask_tokens)])
        self.iou_prediction_head = MLP(transformer_dim, iou_head_hidden_dim, self.num_mask_tokens, 3)

    def forward(self, image_embeddings: torch.Tensor, image_pe: torch.Tensor, sparse: torch.Tensor,
                dense: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """Multimask output: the three masks and their predicted IoU (token 0, the single mask, is dropped)."""
        output_tokens = torch.cat([self.iou_token.weight, self.mask_tokens.weight], dim=0)
        output_tokens = output_tokens.unsqueeze(0).expand(sparse.size(0), -1, -1)
        tokens = torch.cat((output_tokens, sparse), dim=1)
        src = torch.repeat_interleave(image_embeddings, tokens.shape[0], dim=0) + dense
        pos_src = torch.repeat_interleave(image_pe, tokens.shape[0], dim=0)
        b, c, h, w = src.shape
        hs, src = self.transformer(src, pos_src, tokens)
        iou_token_out = hs[:, 0, :]
        mask_tokens_out = hs[:, 1:(1 + self.num_mask_tokens), :]
        upscaled = self.output_upscaling(src.transpose(1, 2).reshape(b, c, h, w))
        hyper: List[torch.Tensor] = []
        i = 0
        for mlp in self.output_hypernetworks_mlps:
            hyper.append(mlp(mask_tokens_out[:, i, :]))
            i += 1
        hyper_in = torch.stack(hyper, dim=1)
        b, c, h, w = upscaled.shape
        masks = (hyper_in @ upscaled.view(b, c, h * w)).view(b, -1, h, w)
        iou_pred = self.iou_prediction_head(iou_token_out)
        return masks[:, 1:, :, :], iou_pred[:, 1:]


class Sam(nn.Module):
    """The three networks under the names of SAM's checkpoint; ``encode`` and ``decode`` are SamPredictor's
    ``set_image`` and ``predict_torch(multimask_output=True, return_logits=True)``."""

    def __init__(self, sam_type: str):
        super().__init__()
        cfg = SAM_TYPES[sam_type]
        self.img_size = cfg["img_size"]
        grid = self.img_size // 16
        self.image_encoder = ImageEncoderViT(self.img_size, cfg["embed_dim"], cfg["depth"], cfg["num_heads"],
                                             cfg["global_attn_indexes"], cfg["window_size"], cfg["prompt_dim"])
        self.prompt_encoder = PromptEncoder(cfg["prompt_dim"], grid, self.img_size, cfg["mask_in_chans"])
        self.mask_decoder = MaskDecoder(cfg["prompt_dim"], TwoWayTransformer(2, cfg["prompt_dim"],
                                                                             cfg["decoder_heads"], cfg["mlp_dim"]),
                                        cfg["iou_hidden"])
        self.register_buffer("pixel_mean", torch.tensor([123.675, 116.28, 103.53]).view(-1, 1, 1), False)
        self.register_buffer("pixel_std", torch.tensor([58.395, 57.12, 57.375]).view(-1, 1, 1), False)

    def resized_size(self, h: int, w: int) -> Tuple[int, int]:
        """SAM's ResizeLongestSide.get_preprocess_shape."""
        scale = self.img_size * 1.0 / max(h, w)
        return int(h * scale + 0.5), int(w * scale + 0.5)

    def encode(self, rgb: torch.Tensor) -> torch.Tensor:
        """``rgb [1, 3, H, W]`` 0..1 -> image embedding; the image is resized so its longest side is the encoder's
        input size (bilinear, antialiased as PIL's resize), normalised with SAM's pixel mean and std, and padded."""
        h, w = rgb.shape[2], rgb.shape[3]
        nh, nw = self.resized_size(h, w)
        x = F.interpolate(rgb * 255.0, size=[nh, nw], mode="bilinear", align_corners=False, antialias=True)
        x = (x - self.pixel_mean) / self.pixel_std
        x = F.pad(x, (0, self.img_size - nw, 0, self.img_size - nh))
        return self.image_encoder(x)

    def decode(self, embedding: torch.Tensor, points_xy: torch.Tensor, h: int, w: int) -> Tuple[torch.Tensor,
                                                                                            torch.Tensor]:
        """One positive point per prompt, in frame pixels ``[B, 2]`` -> mask logits at the frame's size
        ``[B, 3, H, W]`` and predicted IoU ``[B, 3]``."""
        nh, nw = self.resized_size(h, w)
        scale = torch.tensor([nw / w, nh / h], device=points_xy.device)
        coords = (points_xy * scale).unsqueeze(1)
        labels = torch.ones((coords.shape[0], 1), device=coords.device, dtype=torch.long)
        sparse = self.prompt_encoder.embed_points(coords, labels)
        dense = self.prompt_encoder.no_mask(coords.shape[0])
        low_res, iou = self.mask_decoder(embedding, self.prompt_encoder.dense_pe(), sparse, dense)
        masks = F.interpolate(low_res, [self.img_size, self.img_size], mode="bilinear", align_corners=False)
        masks = masks[:, :, :nh, :nw]
        masks = F.interpolate(masks, [h, w], mode="bilinear", align_corners=False)
        return masks, iou
