/** The text behind "Copy debug info": what a bug report needs about this browser and GPU. */
import type { BackendReport, MemorySnapshot } from '../../../runtime/protocol';
import { formatWasmSummary } from './wasmSummary';

export interface DebugContext {
  appVersion: string;
  url: string;
  userAgent: string;
  hardwareConcurrency?: number;
  deviceMemoryGb?: number;
  screen: string;
  report?: BackendReport;
  memory?: MemorySnapshot;
}

export function formatDebugInfo(c: DebugContext): string {
  const lines = [
    `PDE Lab ${c.appVersion}`,
    `URL: ${c.url}`,
    `Browser: ${c.userAgent}`,
    `CPU cores: ${c.hardwareConcurrency ?? 'unknown'}; memory: ${c.deviceMemoryGb ? `${c.deviceMemoryGb} GB` : 'unknown'}; screen: ${c.screen}`,
  ];
  const r = c.report;
  if (!r) {
    lines.push('Backend: not running');
  } else {
    lines.push(`Backend: ${r.active} (asked for ${r.preference}); TensorFlow.js ${r.tfjsVersion}`);
    for (const a of r.attempts) {
      lines.push(
        `  tried ${a.backend}: ${a.ok ? 'ok' : `failed: ${a.reason}`} (${Math.round(a.ms)} ms)`,
      );
    }
    if (r.choice) lines.push(`Why: ${r.choice.sentence}`);
    if (r.wasm) lines.push(formatWasmSummary(r.wasm));
    if (r.adapter) {
      const { vendor, architecture, device, description } = r.adapter;
      lines.push(
        `GPU adapter: vendor=${vendor || '?'} architecture=${architecture || '?'} device=${device || '?'} description=${description || '?'}`,
      );
    }
    if (r.features) lines.push(`GPU features: ${r.features.join(', ') || 'none'}`);
    if (r.limits) {
      lines.push('GPU limits:');
      for (const [name, value] of Object.entries(r.limits)) lines.push(`  ${name}: ${value}`);
    }
  }
  if (c.memory) {
    lines.push(
      `Tensors: ${c.memory.numTensors}; bytes: ${c.memory.numBytes}${c.memory.numBytesInGPU !== undefined ? `; GPU bytes: ${c.memory.numBytesInGPU}` : ''}`,
    );
  }
  return lines.join('\n');
}
