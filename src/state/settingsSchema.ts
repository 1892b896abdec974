/** Every setting that a link reproduces, grouped by concern. Each group is a parameter schema. */
import { defineSchema, type Schema, type SchemaValues } from '../schema/params';
import { selfTestSchema } from '../runtime/selftest/config';
import { maskSchema } from './maskSchema';
import { MODEL_CONFIG_SCHEMAS, modelSchema } from './modelSchema';
import { SIMULATION_SCHEMAS } from './simulationSchema';
import { trainSchema } from '../models/trainOptions';

export const PANELS = [
  { id: 'data', label: 'Data' },
  { id: 'mask', label: 'Mask' },
  { id: 'model', label: 'Model' },
  { id: 'train', label: 'Train' },
  { id: 'results', label: 'Results' },
  { id: 'downstream', label: 'Downstream' },
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
    help: 'Automatic measures each backend once on this browser and uses the fastest (a software GPU never beats WebAssembly); a named backend starts with no measuring.',
  },
});

const STATIC_SCHEMAS = {
  app: appSchema,
  selfTest: selfTestSchema,
  mask: maskSchema,
  model: modelSchema,
  ...MODEL_CONFIG_SCHEMAS,
  train: trainSchema,
} as const;

/** The sections with a fixed shape; the Data panel's sections are generated per equation. */
export type StaticSection = keyof typeof STATIC_SCHEMAS;

export const SETTINGS_SCHEMAS: typeof STATIC_SCHEMAS & Readonly<Record<string, Schema>> = {
  ...SIMULATION_SCHEMAS,
  ...STATIC_SCHEMAS,
};

export type SettingsSection = string;
export type SectionValues<S extends string> = S extends StaticSection
  ? SchemaValues<(typeof STATIC_SCHEMAS)[S]>
  : Record<string, unknown>;
export type Settings = { [S in StaticSection]: SectionValues<S> } & Record<
  string,
  Record<string, unknown>
>;
