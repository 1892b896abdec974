/** Every setting that a link reproduces, grouped by concern. Each group is a parameter schema. */
import { defineSchema, type SchemaValues } from '../schema/params';
import { selfTestSchema } from '../runtime/selftest/config';

export const PANELS = [
  { id: 'data', label: 'Data' },
  { id: 'mask', label: 'Mask' },
  { id: 'model', label: 'Model' },
  { id: 'train', label: 'Train' },
  { id: 'results', label: 'Results' },
  { id: 'diagnostics', label: 'Diagnostics' },
] as const;
export type PanelId = (typeof PANELS)[number]['id'];

export const appSchema = defineSchema({
  panel: {
    kind: 'choice',
    key: 'p',
    label: 'Panel',
    options: PANELS.map(({ id, label }) => ({ value: id, label })),
    default: 'data',
  },
  backend: {
    kind: 'choice',
    key: 'backend',
    label: 'Compute backend',
    options: [
      { value: 'auto', label: 'Automatic (best available)' },
      { value: 'webgpu', label: 'WebGPU' },
      { value: 'webgl', label: 'WebGL' },
      { value: 'wasm', label: 'WebAssembly (CPU)' },
      { value: 'cpu', label: 'JavaScript (CPU)' },
    ],
    default: 'auto',
    help: 'Automatic tries WebGPU, then WebGL, WebAssembly and plain JavaScript.',
  },
});

export const SETTINGS_SCHEMAS = {
  app: appSchema,
  selfTest: selfTestSchema,
} as const;

export type SettingsSection = keyof typeof SETTINGS_SCHEMAS;
export type Settings = { [S in SettingsSection]: SchemaValues<(typeof SETTINGS_SCHEMAS)[S]> };
