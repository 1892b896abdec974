#!/usr/bin/env bash
# PDE Lab GPU check kit: ./run.sh [--out result.json] [--quick] [--cap S] [--no-python] [--help]
# Unpacks the kit's Node, Dawn binding and Vulkan loader once (into $GPU_KIT_BIN, default bin/ here),
# then runs kit.mjs. Needs only glibc and libstdc++; a GPU needs its Vulkan driver (ICD).
set -euo pipefail
KIT="$(cd "$(dirname "$0")" && pwd)"
BIN="${GPU_KIT_BIN:-$KIT/bin}"
mkdir -p "$BIN/lib"

unpack() { # unpack FILE.xz TARGET
  [ -s "$2" ] && return 0
  echo "Unpacking $(basename "$1")…" >&2
  if command -v xz >/dev/null 2>&1; then
    xz -dc "$1" >"$2.part"
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import lzma, shutil, sys; shutil.copyfileobj(lzma.open(sys.argv[1]), open(sys.argv[2], "wb"))' "$1" "$2.part"
  else
    echo "run.sh: need xz or python3 to unpack $1" >&2
    exit 1
  fi
  chmod +x "$2.part"
  mv "$2.part" "$2"
}
unpack "$KIT/node.xz" "$BIN/node"
unpack "$KIT/dawn.node.xz" "$BIN/dawn.node"
unpack "$KIT/libvulkan.so.1.xz" "$BIN/lib/libvulkan.so.1"

# Dawn loads libvulkan.so.1: the system's when it has one, else the kit's copy (Debian's libvulkan1).
if ! /sbin/ldconfig -p 2>/dev/null | grep -q 'libvulkan\.so\.1 '; then
  export LD_LIBRARY_PATH="$BIN/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
fi
export GPU_KIT_DAWN="$BIN/dawn.node"
# The Vulkan driver: VK_ICD_FILENAMES if set; else the icd.d folders; else NVIDIA's manifest under
# /usr/local/nvidia; else Chromium's SwiftShader (CPU emulation). kit.mjs decides and reports it.
exec "$BIN/node" "$KIT/kit.mjs" "$@"
