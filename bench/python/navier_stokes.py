"""
The lab's Navier–Stokes FNO-scheme step (src/pde/ns/fnoScheme.ts, solver.ts), as numpy and torch
users write it: real FFTs (rfft2/irfft2) instead of the lab's dense DFT matmuls.

Vorticity form on the unit torus, ∂t ω + u·∇ω = ν Δω + f with u = (ψ_y, −ψ_x), −Δψ = ω and
FNO's forcing f = 0.1 (sin 2π(x+y) + cos 2π(x+y)). One step, as the lab's `advance` does it,
takes the physical field [B, N, N] (axis 1 = x, axis 2 = y) to the next one:
    ω̂ ← ω̂ + (Δt (f̂ − F̂) − 2a ω̂) / (1 + a),  a = ½ Δt ν |k|² (|k|² := 1 at k = 0),
with F̂ the 2/3-dealiased spectrum of u ω_x + v ω_y (velocity and gradient from every mode).
"""
import math

import numpy as np

from timing import median_ms, time_steps


def integer_wavenumbers(n):
    """0, 1, …, N/2−1, −N/2, …, −1: the Nyquist mode stored as −N/2, as the lab and FNO do."""
    return np.array([i if i < n / 2 else i - n for i in range(n)])


def fno_forcing(n):
    x = np.arange(n) / n
    s = x[:, None] + x[None, :]
    return 0.1 * (np.sin(2 * math.pi * s) + np.cos(2 * math.pi * s))


def spectral_operators(n, nu, dt):
    """Every step constant in the rfft2 layout [N, N/2 + 1], complex128/float64 (numpy)."""
    m = integer_wavenumbers(n)
    mx = m[:, None]
    my = m[None, : n // 2 + 1]
    kx = 2 * math.pi * mx * np.ones_like(my)
    ky = 2 * math.pi * my * np.ones_like(mx)
    k2 = kx**2 + ky**2
    laplacian = np.where(k2 == 0, 1.0, k2)
    inverse_k2 = np.where(k2 == 0, 0.0, 1.0 / laplacian)
    a = 0.5 * dt * np.asarray(nu, dtype=np.float64)[:, None, None] * laplacian
    return {
        "dt": dt,
        "shape": (n, n),
        "i_u": 1j * ky * inverse_k2,
        "i_v": -1j * kx * inverse_k2,
        "i_kx": 1j * kx,
        "i_ky": 1j * ky,
        "dealias": ((np.abs(mx) <= n / 3) & (np.abs(my) <= n / 3)).astype(np.float64),
        "forcing_hat": np.fft.rfft2(fno_forcing(n)),
        "twice_a": 2 * a,
        "inverse_denominator": 1 / (1 + a),
    }


def fno_step(omega, ops, fft):
    """One step of ω [B, N, N]; `fft` is numpy.fft or torch.fft (same rfft2/irfft2 calls)."""
    shape = ops["shape"]
    omega_hat = fft.rfft2(omega)
    u = fft.irfft2(ops["i_u"] * omega_hat, s=shape)
    v = fft.irfft2(ops["i_v"] * omega_hat, s=shape)
    omega_x = fft.irfft2(ops["i_kx"] * omega_hat, s=shape)
    omega_y = fft.irfft2(ops["i_ky"] * omega_hat, s=shape)
    advection_hat = ops["dealias"] * fft.rfft2(u * omega_x + v * omega_y)
    dt = ops["dt"]
    change = dt * (ops["forcing_hat"] - advection_hat) - ops["twice_a"] * omega_hat
    return fft.irfft2(omega_hat + change * ops["inverse_denominator"], s=shape)


def torch_operators(ops, device):
    """The same constants as complex64/float32 torch tensors (the lab computes in float32)."""
    import torch

    def convert(value):
        if not isinstance(value, np.ndarray):
            return value
        dtype = torch.complex64 if np.iscomplexobj(value) else torch.float32
        return torch.from_numpy(value).to(device=device, dtype=dtype)

    return {key: convert(value) for key, value in ops.items()}


def smooth_vorticity(batch, n, seed=0):
    """A few random Fourier modes per trajectory: smooth, order-one fields (values do not change the cost)."""
    rng = np.random.default_rng(seed)
    x = np.arange(n) / n
    fields = np.zeros((batch, n, n))
    for b in range(batch):
        for _ in range(6):
            kx, ky = rng.integers(-4, 5), rng.integers(1, 5)
            offset = 2 * math.pi * rng.random()
            phase = 2 * math.pi * (kx * x[:, None] + ky * x[None, :]) + offset
            fields[b] += rng.normal() / math.sqrt(6) * np.cos(phase)
    return fields


def time_numpy_step(batch, n, warmup, steps, nu=1e-3, dt=1e-3):
    ops = spectral_operators(n, np.full(batch, nu), dt)
    state = {"omega": smooth_vorticity(batch, n)}

    def step():
        state["omega"] = fno_step(state["omega"], ops, np.fft)

    return step_figures(time_steps(step, warmup, steps), batch, n, "float64")


def time_torch_step(batch, n, warmup, steps, device, nu=1e-3, dt=1e-3):
    import torch

    ops = torch_operators(spectral_operators(n, np.full(batch, nu), dt), device)
    omega = torch.from_numpy(smooth_vorticity(batch, n)).to(device=device, dtype=torch.float32)
    state = {"omega": omega}

    def step():
        with torch.no_grad():
            state["omega"] = fno_step(state["omega"], ops, torch.fft)

    synchronize = torch.cuda.synchronize if device == "cuda" else (lambda: None)
    return step_figures(time_steps(step, warmup, steps, synchronize), batch, n, "float32")


def step_figures(times, batch, n, dtype):
    ms = median_ms(times)
    return {
        "msPerStep": ms,
        "stepsPerSecond": 1000 / ms,
        "batch": batch,
        "n": n,
        "dtype": dtype,
        "stepMs": times,
    }


def relative_error(actual, expected):
    return float(np.linalg.norm(actual - expected) / np.linalg.norm(expected))


def check_against_lab(directory, device=None):
    """
    Compares one step with the lab's solver on the fixture a bench wrote to `directory`
    (input.npy, output.npy [B, N, N, 1], setup.json with nu per trajectory and dt). Reports the
    relative L2 error of the output and of the increment (output − input), which a wrong term
    would change far more than the output itself.
    """
    import json
    import os

    with open(os.path.join(directory, "setup.json")) as f:
        setup = json.load(f)
    omega = np.load(os.path.join(directory, "input.npy")).astype(np.float64)[..., 0]
    expected = np.load(os.path.join(directory, "output.npy")).astype(np.float64)[..., 0]
    ops = spectral_operators(omega.shape[1], np.array(setup["nu"]), setup["dt"])
    results = {"numpy": errors(fno_step(omega, ops, np.fft), omega, expected)}
    if device is not None:
        results["torch"] = errors(torch_step_on(omega, ops, device), omega, expected)
    return results


def torch_step_on(omega, ops, device):
    import torch

    tensor = torch.from_numpy(omega).to(device=device, dtype=torch.float32)
    with torch.no_grad():
        out = fno_step(tensor, torch_operators(ops, device), torch.fft)
    return out.cpu().double().numpy()


def errors(ours, omega, expected):
    return {
        "outputRelativeError": relative_error(ours, expected),
        "incrementRelativeError": relative_error(ours - omega, expected - omega),
    }
