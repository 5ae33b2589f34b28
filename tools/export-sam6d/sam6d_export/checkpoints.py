"""Loading a user's checkpoint file into one of our networks, with errors that name what is wrong."""
import difflib
import os
from typing import Dict, List

import torch


class CheckpointError(Exception):
    """A checkpoint file cannot be used for the network it was given for; the message says why."""


def read_state_dict(path: str, what: str) -> Dict[str, torch.Tensor]:
    """The tensors of a checkpoint: a plain state dict (SAM, DINOv2) or one under ``model`` / ``state_dict``
    (SAM-6D's PEM is saved by gorilla with ``model``); a ``module.`` prefix (DataParallel) is dropped."""
    if not os.path.isfile(path):
        raise CheckpointError(f"{what} checkpoint {path} does not exist")
    try:
        obj = torch.load(path, map_location="cpu")
    except Exception as e:  # a truncated download, a TorchScript file, anything torch.load refuses
        raise CheckpointError(f"{what} checkpoint {path} cannot be read by torch.load: {e}") from e
    if isinstance(obj, dict):
        for key in ("model", "state_dict"):
            if key in obj and isinstance(obj[key], dict):
                obj = obj[key]
                break
    if not isinstance(obj, dict) or not obj or not all(isinstance(v, torch.Tensor) for v in obj.values()):
        raise CheckpointError(f"{what} checkpoint {path} is not a state dict (a mapping of parameter names to"
                              f" tensors, plain or under 'model' / 'state_dict')")
    if all(k.startswith("module.") for k in obj):
        obj = {k[len("module."):]: v for k, v in obj.items()}
    return obj


def load_into(module: torch.nn.Module, state: Dict[str, torch.Tensor], what: str, path: str) -> List[str]:
    """Copies the checkpoint's tensors into ``module``. Every parameter and buffer the network has must be in the
    checkpoint with its shape; otherwise a CheckpointError lists the missing names (with the checkpoint's nearest
    unused names, which is what a renamed parameter looks like) and the shape mismatches. Returns the checkpoint's
    names the network does not use (e.g. a classification head)."""
    expected = module.state_dict()
    missing = [k for k in expected if k not in state]
    unused = [k for k in state if k not in expected]
    wrong = [(k, tuple(expected[k].shape), tuple(state[k].shape)) for k in expected
             if k in state and expected[k].shape != state[k].shape]
    if missing or wrong:
        lines = [f"{what} checkpoint {path} does not fit the {what} network:"]
        for k in missing[:20]:
            near = difflib.get_close_matches(k, unused, n=1, cutoff=0.8)
            lines.append(f"  missing parameter '{k}'" + (f" (the checkpoint has '{near[0]}': renamed?)" if near else ""))
        if len(missing) > 20:
            lines.append(f"  ... and {len(missing) - 20} more missing")
        for k, want, got in wrong[:20]:
            lines.append(f"  parameter '{k}' has shape {list(got)}, the network needs {list(want)}"
                         " (another model size? see --sam-type / --dinov2-type)")
        if len(wrong) > 20:
            lines.append(f"  ... and {len(wrong) - 20} more of the wrong shape")
        raise CheckpointError("\n".join(lines))
    module.load_state_dict({k: state[k] for k in expected}, strict=True)
    return unused
