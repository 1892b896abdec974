"""
The lab's MAE pretraining step (src/models/mae/model.ts, train.ts; src/models/nn/) in PyTorch:
the same presets, shapes, parameters and initialisation, random per-sample masking of
floor(ratio·N) tokens, MSE on the hidden patches only, AdamW (β = 0.9, 0.98, wd 0.01) with
clipping at global norm 1, and the batch work the lab's step does in JavaScript (window
sampling, the Fourier-shift augmentation on half of the batches, new masks).
"""
import math

import numpy as np
import torch
from torch import nn

from timing import median_ms, time_steps

PRESETS = {
    "tiny": dict(size=16, frames=4, patchT=2, patchXY=4, width=32, depth=1, heads=2, headDim=16,
                 mlp=64, decoderWidth=16, decoderDepth=1, decoderHeads=2, decoderHeadDim=8,
                 decoderMlp=32, maskRatio=0.75, positions="sincos", patchNorm=False),
    "small": dict(size=32, frames=8, patchT=2, patchXY=4, width=128, depth=4, heads=4, headDim=32,
                  mlp=256, decoderWidth=64, decoderDepth=2, decoderHeads=4, decoderHeadDim=16,
                  decoderMlp=256, maskRatio=0.75, positions="sincos", patchNorm=False),
    "paper": dict(size=64, frames=16, patchT=4, patchXY=4, width=256, depth=8, heads=32,
                  headDim=32, mlp=512, decoderWidth=32, decoderDepth=4, decoderHeads=16,
                  decoderHeadDim=16, decoderMlp=128, maskRatio=0.9, positions="learned",
                  patchNorm=True),
}

# The lab's bench: 4 in-memory trajectories twice a window long, the Train panel's schedule.
TRAJECTORIES = 4
PEAK_LR = 1e-3
CLIP_NORM = 1.0
AUGMENT_PROBABILITY = 0.5
MAX_SHIFT_FRACTION = 0.25


def token_grid(cfg):
    nt, nx = cfg["frames"] // cfg["patchT"], cfg["size"] // cfg["patchXY"]
    return (nt, nx, nx), cfg["patchT"] * cfg["patchXY"] ** 2


class Attention(nn.Module):
    """lucidrains' attention: fused q/k/v without bias, output projection unless one full-width head."""

    def __init__(self, dim, heads, head_dim):
        super().__init__()
        self.heads, self.head_dim = heads, head_dim
        inner = heads * head_dim
        self.qkv = nn.Linear(dim, 3 * inner, bias=False)
        self.out = nn.Identity() if heads == 1 and head_dim == dim else nn.Linear(inner, dim)

    def forward(self, x):
        b, t, _ = x.shape
        q, k, v = (
            part.reshape(b, t, self.heads, self.head_dim).transpose(1, 2)
            for part in self.qkv(x).chunk(3, dim=-1)
        )
        weights = torch.softmax(q @ k.transpose(-1, -2) * self.head_dim**-0.5, dim=-1)
        return self.out((weights @ v).transpose(1, 2).reshape(b, t, -1))


class VitBlock(nn.Module):
    """Pre-LN block: x + Attn(LN(x)), then x + Linear(GELU(Linear(LN(x)))) with exact (erf) GELU."""

    def __init__(self, dim, heads, head_dim, mlp):
        super().__init__()
        self.attn_norm = nn.LayerNorm(dim)
        self.attn = Attention(dim, heads, head_dim)
        self.ff = nn.Sequential(
            nn.LayerNorm(dim), nn.Linear(dim, mlp), nn.GELU(), nn.Linear(mlp, dim)
        )

    def forward(self, x):
        x = x + self.attn(self.attn_norm(x))
        return x + self.ff(x)


def sincos_1d(dim, positions):
    half = dim // 2
    angles = np.outer(positions, 10000.0 ** (-np.arange(half) / half))
    return np.concatenate([np.sin(angles), np.cos(angles)], axis=1)


def sincos_3d(dim, grid, cls_token=False):
    """The lab's factorized table (nn/positionalEmbedding.ts): one even share of the width per axis."""
    share = 2 * (dim // 6)
    split = [share, share, dim - 2 * share]
    tables = [sincos_1d(w, np.arange(n)) for w, n in zip(split, grid)]
    t, x, y = np.meshgrid(*[np.arange(n) for n in grid], indexing="ij")
    rows = np.concatenate(
        [tables[0][t.ravel()], tables[1][x.ravel()], tables[2][y.ravel()]], axis=1
    )
    if cls_token:
        rows = np.concatenate([np.zeros((1, dim)), rows])
    return torch.tensor(rows, dtype=torch.float32)


def blocks(count, *shape):
    return nn.ModuleList(VitBlock(*shape) for _ in range(count))


class Mae(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        self.cfg = cfg
        grid, token_size = token_grid(cfg)
        tokens = math.prod(grid)
        width, decoder_width = cfg["width"], cfg["decoderWidth"]
        learned = cfg["positions"] == "learned"
        self.patch_norm0 = nn.LayerNorm(token_size) if cfg["patchNorm"] else nn.Identity()
        self.patch_linear = nn.Linear(token_size, width)
        self.patch_norm1 = nn.LayerNorm(width)
        self.cls = nn.Parameter(torch.randn(1, width))  # unused in pretraining, as in MAE-PDE
        self.encoder = blocks(cfg["depth"], width, cfg["heads"], cfg["headDim"], cfg["mlp"])
        self.decoder_proj = (
            nn.Identity() if width == decoder_width else nn.Linear(width, decoder_width)
        )
        self.mask_token = nn.Parameter(torch.randn(decoder_width))
        self.decoder = blocks(
            cfg["decoderDepth"], decoder_width, cfg["decoderHeads"], cfg["decoderHeadDim"],
            cfg["decoderMlp"],
        )
        self.decoder_out = nn.Linear(decoder_width, token_size)
        if learned:
            self.encoder_pos = nn.Parameter(torch.randn(tokens + 1, width))
            self.decoder_pos = nn.Parameter(torch.randn(tokens, decoder_width))
        else:
            self.register_buffer("encoder_pos", sincos_3d(width, grid, cls_token=True))
            self.register_buffer("decoder_pos", sincos_3d(decoder_width, grid))

    def patchify(self, windows):
        """[B, T, X, Y, C] → [B, N, D], tokens (t, x, y), values (px, py, pt, c) as data/masks."""
        b, t, x, y, c = windows.shape
        pt, p = self.cfg["patchT"], self.cfg["patchXY"]
        split = windows.reshape(b, t // pt, pt, x // p, p, y // p, p, c)
        return split.permute(0, 1, 3, 5, 4, 6, 2, 7).reshape(b, -1, p * p * pt * c)

    def forward(self, windows, masks):
        """Masked-patch MSE; masks hold flat row indices (keep, restore) and hidden flags [B, N]."""
        patches = self.patchify(windows)
        b, n, _ = patches.shape
        embedded = self.patch_norm1(self.patch_linear(self.patch_norm0(patches)))
        embedded = embedded + self.encoder_pos[1:]
        x = rows(embedded, masks["keep"], b)
        for block in self.encoder:
            x = block(x)
        x = self.decoder_proj(x)
        hidden_count = n - x.shape[1]
        x = torch.cat([x, self.mask_token.expand(b, hidden_count, -1)], dim=1)
        x = rows(x, masks["restore"], b) + self.decoder_pos
        for block in self.decoder:
            x = block(x)
        squares = (self.decoder_out(x) - patches).square() * masks["hidden"][..., None]
        return squares.sum() / (masks["hidden"].sum().clamp(min=1) * patches.shape[-1])


def rows(x, flat_rows, batch):
    """Rows b·N + index of x [B, N, W] (the lab's gatherRows), as [B, len / B, W]."""
    picked = x.reshape(-1, x.shape[-1]).index_select(0, flat_rows)
    return picked.reshape(batch, -1, x.shape[-1])


def random_masks(batch, tokens, ratio, rng, device):
    """floor(ratio·N) hidden tokens per sample; keep ascending, then restore = argsort(keep ++ hidden)."""
    hidden_count = math.floor(ratio * tokens)
    keep, restore, hidden = [], [], np.zeros((batch, tokens), dtype=np.float32)
    for b in range(batch):
        flags = np.zeros(tokens, dtype=bool)
        flags[rng.permutation(tokens)[:hidden_count]] = True
        order = np.concatenate([np.flatnonzero(~flags), np.flatnonzero(flags)])
        keep.append(b * tokens + np.flatnonzero(~flags))
        restore.append(b * tokens + np.argsort(order))
        hidden[b] = flags
    as_index = lambda parts: torch.from_numpy(np.concatenate(parts)).to(device)
    return {
        "keep": as_index(keep),
        "restore": as_index(restore),
        "hidden": torch.from_numpy(hidden).to(device),
    }


def smooth_trajectories(count, frames, n, rng):
    """The lab's bench data (runtime/jobs/benchTrainData.ts): decaying, moving Fourier modes."""
    i = np.arange(n)
    data = np.zeros((count, frames, n, n, 1), dtype=np.float32)
    for trajectory in range(count):
        cx, cy, nu = rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(1e-3, 1e-2)
        for _ in range(6):
            kx, ky = rng.integers(-3, 4), rng.integers(1, 4)
            amplitude, phase = rng.normal() / math.sqrt(6), 2 * math.pi * rng.random()
            for frame in range(frames):
                t = 0.05 * frame
                decay = amplitude * math.exp(-nu * (2 * math.pi) ** 2 * (kx * kx + ky * ky) * t)
                shift = phase - 2 * math.pi * (kx * cx + ky * cy) * t
                angle = 2 * math.pi * (kx * i[:, None] + ky * i[None, :]) / n + shift
                data[trajectory, frame, :, :, 0] += decay * np.cos(angle)
    return data


def sample_windows(data, window, batch, rng):
    starts = rng.integers(0, data.shape[1] - window + 1, size=batch)
    picks = rng.integers(0, data.shape[0], size=batch)
    return np.stack([data[p, s : s + window] for p, s in zip(picks, starts)])


def shift_windows(windows, rng):
    """Each window translated periodically by its own sub-pixel (εx, εy)·N, ε ~ U(−¼, ¼)."""
    b, _, n, _, _ = windows.shape
    shifts = rng.uniform(-MAX_SHIFT_FRACTION, MAX_SHIFT_FRACTION, size=(b, 2)) * n
    k = np.fft.fftfreq(n, 1 / n)
    phase = np.exp(
        2j * math.pi * (shifts[:, 0, None, None] * k[:, None] + shifts[:, 1, None, None] * k) / n
    )
    spectra = np.fft.fft2(windows, axes=(2, 3)) * phase[:, None, :, :, None]
    return np.fft.ifft2(spectra, axes=(2, 3)).real.astype(np.float32)


def make_batch(data, cfg, batch, rng, device):
    windows = sample_windows(data, cfg["frames"], batch, rng)
    if rng.random() < AUGMENT_PROBABILITY:
        windows = shift_windows(windows, rng)
    grid, _ = token_grid(cfg)
    masks = random_masks(batch, math.prod(grid), cfg["maskRatio"], rng, device)
    return torch.from_numpy(windows).to(device), masks


def warmup_cosine(step, total):
    """The bench's schedule (warm-up 5% of the steps, then a half cosine to 0)."""
    warmup = math.floor(0.05 * total)
    if step < warmup:
        return PEAK_LR * step / warmup
    return PEAK_LR * (1 + math.cos(math.pi * min(1, (step - warmup) / (total - warmup)))) / 2


def parameter_count(model):
    return sum(p.numel() for p in model.parameters() if p.requires_grad)


def time_training(preset, device, batch, warmup, steps, seed=0):
    """Times `steps` training steps after `warmup` untimed ones; also reports the loss at init."""
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    cfg = PRESETS[preset]
    data = smooth_trajectories(TRAJECTORIES, 2 * cfg["frames"], cfg["size"], rng)
    model = Mae(cfg).to(device)
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=PEAK_LR, betas=(0.9, 0.98), weight_decay=0.01
    )
    state = {"index": 0, "losses": []}

    def step():
        for group in optimizer.param_groups:
            group["lr"] = warmup_cosine(state["index"], warmup + steps)
        windows, masks = make_batch(data, cfg, batch, rng, device)
        optimizer.zero_grad(set_to_none=True)
        loss = model(windows, masks)
        loss.backward()
        norm = torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP_NORM)
        # The lab's loop reads the loss and the norm back before the update.
        state["losses"].append(loss.item())
        norm.item()
        optimizer.step()
        state["index"] += 1

    synchronize = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    times = time_steps(step, warmup, steps, synchronize)
    ms = median_ms(times)
    return {
        "msPerStep": ms,
        "samplesPerSecond": 1000 * batch / ms,
        "parameters": parameter_count(model),
        "batchSize": batch,
        "steps": steps,
        "initialLoss": state["losses"][0],
        "stepMs": times,
    }
