"""The two TorchScript modules the suite loads: ``sam6d-ism/2`` (SAM + DINOv2) and ``sam6d-pem/2`` (SAM-6D's PEM).
Their methods and tensors are the contracts documented in the README ("TorchScript engines (DJL)"); the Java engines
(module vision-djl) do everything around them: SAM's automatic mask generation loop, crops, SAM-6D's score arithmetic,
point sampling. Colours come in as R, G, B in 0..1; lengths in metres."""
from typing import Tuple

import torch
import torch.nn.functional as F
from torch import nn

from .dinov2 import DinoVisionTransformer
from .pem import Net
from .sam import Sam

ISM_CONTRACT = "sam6d-ism/2"
PEM_CONTRACT = "sam6d-pem/2"


def mask_boxes(masks: torch.Tensor) -> torch.Tensor:
    """SAM's ``batched_mask_to_box``: ``[..., H, W]`` bool -> ``[..., 4]`` int64 x0, y0, x1, y1 (inclusive), zeros
    for an empty mask."""
    h, w = masks.shape[-2], masks.shape[-1]
    in_height = masks.any(-1)
    in_width = masks.any(-2)
    rows = torch.arange(h, device=masks.device)
    cols = torch.arange(w, device=masks.device)
    bottom = (in_height.long() * rows).max(-1)[0]
    top = (rows + h * (~in_height).long()).min(-1)[0]
    right = (in_width.long() * cols).max(-1)[0]
    left = (cols + w * (~in_width).long()).min(-1)[0]
    empty = (right < left) | (bottom < top)
    return torch.stack([left, top, right, bottom], dim=-1) * (~empty).long().unsqueeze(-1)


class Sam6dIsm(nn.Module):
    def __init__(self, sam_type: str, dinov2_type: str, valid_patch_thresh: float = 0.5):
        super().__init__()
        self.sam = Sam(sam_type)
        self.dinov2 = DinoVisionTransformer(dinov2_type)
        self.patch_size = 14
        self.valid_patch_thresh = valid_patch_thresh
        self.register_buffer("rgb_mean", torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1), False)
        self.register_buffer("rgb_std", torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1), False)

    @torch.jit.export
    def encode_image(self, rgb: torch.Tensor) -> torch.Tensor:
        """``rgb [1, 3, H, W]`` -> SAM's image embedding ``[1, C, h, w]`` (kept on the device by the caller)."""
        return self.sam.encode(rgb)

    @torch.jit.export
    def decode_points(self, embedding: torch.Tensor, points: torch.Tensor, frame_size: torch.Tensor,
                      thresholds: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        """One positive point prompt per row of ``points [B, 2]`` (x, y in frame pixels), ``frame_size [2]`` int64
        (H, W), ``thresholds [2]`` (mask threshold, stability offset; SAM: 0, 1) -> masks ``[B, 3, H, W]`` bool
        (logit above the mask threshold), predicted IoU ``[B, 3]``, stability score ``[B, 3]`` (SAM's
        ``calculate_stability_score``; 0 where the looser mask is empty) and each mask's box ``[B, 3, 4]`` int64
        (SAM's ``batched_mask_to_box``: x0, y0, x1, y1 inclusive; zeros for an empty mask), so the caller can filter
        and suppress before it copies any mask."""
        h = int(frame_size[0].item())
        w = int(frame_size[1].item())
        logits, iou = self.sam.decode(embedding, points, h, w)
        threshold = thresholds[0]
        offset = thresholds[1]
        inter = (logits > threshold + offset).sum(-1, dtype=torch.int32).sum(-1, dtype=torch.int32)
        union = (logits > threshold - offset).sum(-1, dtype=torch.int32).sum(-1, dtype=torch.int32)
        stability = inter.float() / union.clamp(min=1).float()
        masks = logits > threshold
        return masks, iou, stability, mask_boxes(masks)

    @torch.jit.export
    def describe(self, rgb: torch.Tensor, mask: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        """Crops ``rgb [N, 3, S, S]`` and masks ``[N, 1, S, S]`` -> class tokens ``[N, D]`` and patch tokens
        ``[N, (S/14)^2, D]``. As SAM-6D's CustomDINOv2: colours normalised with ImageNet's mean and std, then
        multiplied by the mask; patch tokens zeroed where less than half the patch is on the mask, L2-normalised."""
        x = (rgb - self.rgb_mean) / self.rgb_std * mask
        cls, patches = self.dinov2(x)
        valid = F.avg_pool2d(mask, kernel_size=self.patch_size, stride=self.patch_size).flatten(1) \
            > self.valid_patch_thresh
        patches = F.normalize(patches * valid.unsqueeze(-1).float(), dim=-1)
        return cls, patches

    @torch.jit.export
    def match_patches(self, query: torch.Tensor, reference: torch.Tensor, visible_threshold: torch.Tensor
                      ) -> Tuple[torch.Tensor, torch.Tensor]:
        """Patch tokens of K proposals ``[K, P, D]`` against those of each one's best template ``[K, P, D]`` ->
        SAM-6D's appearance score ``[K]`` (mean over the proposal's patches of the best template-patch similarity,
        0..1) and visible ratio ``[K]`` (share of template patches whose best proposal-patch similarity exceeds
        ``visible_threshold [1]``, SAM-6D: 0.5)."""
        sim = torch.matmul(query, reference.permute(0, 2, 1))
        best_ref = torch.max(sim, dim=-1).values
        factor = torch.count_nonzero(query.sum(dim=-1), dim=-1) + 1e-6
        appearance = (torch.sum(best_ref, dim=-1) / factor).clamp(min=0.0, max=1.0)
        best_query = sim.max(1)[0]
        valid = torch.count_nonzero(best_query, dim=1) + 1e-6
        visible = torch.count_nonzero(best_query * (best_query > visible_threshold), dim=1) / valid
        return appearance, visible

    def forward(self, rgb: torch.Tensor, mask: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        return self.describe(rgb, mask)


class Sam6dPem(nn.Module):
    def __init__(self, pem_type: str):
        super().__init__()
        self.net = Net(pem_type)
        self.register_buffer("rgb_mean", torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1), False)
        self.register_buffer("rgb_std", torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1), False)

    def normalise(self, rgb: torch.Tensor) -> torch.Tensor:
        # SAM-6D's PEM reads its crops as B, G, R (cv2 order) before ImageNet's normalisation: so was it trained
        return (rgb.flip(1) - self.rgb_mean) / self.rgb_std

    @torch.jit.export
    def encode_object(self, tem_rgb: torch.Tensor, tem_choose: torch.Tensor, tem_pts: torch.Tensor
                      ) -> Tuple[torch.Tensor, torch.Tensor]:
        """Templates ``[T, 3, S, S]`` (masked crops), chosen pixels ``[T, P]`` int64 (row * S + col), their
        model-frame points ``[T, P, 3]`` metres -> object points ``[Nf, 3]`` metres and features ``[Nf, C]``."""
        p, f = self.net.object_features(self.normalise(tem_rgb), tem_choose, tem_pts)
        return p[0], f[0]

    def forward(self, points: torch.Tensor, rgb: torch.Tensor, rgb_choose: torch.Tensor, model_points: torch.Tensor,
                object_points: torch.Tensor, object_features: torch.Tensor, uniform: torch.Tensor
                ) -> Tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """B detections: observed points ``[B, Np, 3]`` (camera frame, metres), masked crops ``[B, 3, S, S]``,
        ``rgb_choose [B, Np]``, model points ``[B, Nm, 3]``, ``encode_object``'s outputs stacked ``[B, Nf, 3]``,
        ``[B, Nf, C]``, and ``uniform [B, 3 n1]`` samples in [0, 1) for n1 pose hypotheses -> ``R [B, 3, 3]``
        (model to camera), ``t [B, 3]`` metres, pose score ``[B]``."""
        return self.net(points, self.normalise(rgb), rgb_choose, model_points, object_points, object_features,
                        uniform)
