import { isValidElement, type ReactElement, type ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  PHYSICNET_PRESETS,
  type PhysicNetConfig,
  type PhysicNetPresetId,
} from '../../../models/physicnet/config';
import type { ExpertsSnapshot } from '../../../models/snapshot';
import { CodeLegend, type CodeLegendProps } from './CodeLegend';
import { ExpertsPicture, ExpertsSnapshotView } from './ExpertsSnapshotView';
import {
  blockMeanFlow,
  codeUsage,
  cropBox,
  endPointError,
  latentCellAt,
  screenMotion,
} from './expertsData';
import { PhysicNetDiagram } from './PhysicNetDiagram';
import { PhysicNetTips } from './PhysicNetTips';

const tiny = PHYSICNET_PRESETS.tiny.config;

/** A 16² window of 2 forecast steps on a 4 × 4 latent grid: code 3 on 9 cells, 7 on 5, 1 on 2. */
function snapshot(parts: Partial<ExpertsSnapshot> = {}): ExpertsSnapshot {
  const T = 2;
  const n = 16;
  const ramp = (k: number) => Float32Array.from({ length: T * n * n }, (_, i) => (i % 17) / 17 + k);
  const codes = Int32Array.from([3, 3, 3, 7, 3, 3, 7, 7, 3, 3, 1, 7, 3, 1, 7, 3]);
  // Everything moves one cell per frame along +X: content comes from one cell back.
  const trueFlow = new Float32Array(n * n * 2);
  for (let p = 0; p < n * n; p++) trueFlow[2 * p] = -1;
  const flow = new Float32Array(4 * 4 * 2);
  for (let c = 0; c < 16; c++) flow[2 * c] = -0.5;
  return {
    kind: 'experts',
    shape: [1, T, n, n, 1],
    input: ramp(0).subarray(0, n * n),
    truth: ramp(0),
    forecast: ramp(0.1),
    globalForecast: ramp(0.05),
    codes,
    codebookSize: 16,
    latentShape: [4, 4],
    flow,
    trueFlow,
    crops: [
      { row: 0, col: 0, size: 8 },
      { row: 8, col: 8, size: 8 },
    ],
    ...parts,
  };
}

/** The elements of a tree, depth first. */
function elements(node: ReactNode): ReactElement<Record<string, unknown>>[] {
  if (Array.isArray(node)) return node.flatMap(elements);
  if (!isValidElement<Record<string, unknown>>(node)) return [];
  return [node, ...elements(node.props.children as ReactNode)];
}

describe('PhysicNet-style’s diagram and tips', () => {
  it.each(Object.keys(PHYSICNET_PRESETS) as PhysicNetPresetId[])(
    'label the %s preset with its numbers',
    (id) => {
      const config = PHYSICNET_PRESETS[id].config;
      const html = renderToStaticMarkup(<PhysicNetDiagram config={config} />);
      expect(html).toMatch(/<figure[^>]*aria-labelledby/);
      expect(html).toContain(`${config.inputFrames} frames, N × N`);
      expect(html).toContain('Encoder ÷ 4');
      expect(html).toContain(`${config.codes} codes × ${config.codeDim} numbers`);
      expect(html).toContain(`ConvGRU × ${config.flowIterations} refinement`);
      expect(html).toContain(`${config.crops} crops of half the side`);
      expect(html).not.toContain('Off:');
      expect(renderToStaticMarkup(<PhysicNetTips config={config} />)).toContain('What to try');
    },
  );

  it.each<[keyof PhysicNetConfig, string]>([
    ['quantize', 'Off: no vector quantization'],
    ['flow', 'Off: no optical flow'],
    ['local', 'Off: no local branch'],
  ])('grey out the part that %s = false switches off, in words', (part, words) => {
    const config = { ...tiny, [part]: false };
    const html = renderToStaticMarkup(<PhysicNetDiagram config={config} />);
    expect(html).toContain(words);
    expect(html.match(/Off:/g)).toHaveLength(1);
    expect(html).toMatch(/physicnet-(stage|local)--off/);
    const tips = renderToStaticMarkup(<PhysicNetTips config={config} />);
    expect(tips).toContain('Tick');
  });

  it('mark settings that cannot be built as unknown', () => {
    const html = renderToStaticMarkup(<PhysicNetDiagram config={{ ...tiny, width: 9 }} />);
    expect(html).toContain('physicnet-diagram--unknown');
    expect(html).toContain('– parameters');
  });
});

describe('PhysicNet-style’s live picture', () => {
  it('names every picture, and lists the most used code first', () => {
    const html = renderToStaticMarkup(<ExpertsPicture data={snapshot()} step={6} />);
    for (const name of [
      'Last input frame, crops outlined',
      'Forecast after training step 6',
      'Truth',
      'Error: forecast − truth',
      'Global expert’s forecast',
      'Local correction: forecast − global',
      'Code map of the last input frame: 4 × 4 latent cells coloured by their code, 3 of 16 codes used',
      'Cells using each of the 16 codes, in code order: 3 used, 13 unused in this frame',
      'Estimated flow, arrows over the last input frame',
      'True velocity, averaged over 4 × 4 blocks',
    ]) {
      expect(html).toContain(`aria-label="${name}`);
    }
    const legend = html.slice(html.indexOf('Most used codes'));
    const order = ['Code 3', 'Code 7', 'Code 1'].map((code) => legend.indexOf(code));
    expect(order.every((at) => at > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(html).toContain('forecast step 1 of 2');
    expect(html).toContain('13 of 16 codes');
  });

  it('mark a legend entry pressed when it is clicked', () => {
    const usage = codeUsage(snapshot().codes!, 16);
    let chosen: number | undefined;
    const props: CodeLegendProps = {
      ranked: usage.ranked,
      onSelect: (code) => {
        chosen = code;
      },
    };
    const buttons = elements(CodeLegend(props)).filter((e) => e.type === 'button');
    expect(buttons).toHaveLength(3);
    (buttons[1]!.props.onClick as () => void)();
    expect(chosen).toBe(7);
    const html = renderToStaticMarkup(<CodeLegend {...props} selected={chosen} />);
    expect(html).toMatch(/aria-pressed="true"[^>]*>.*?Code 7/);
    expect(html.match(/aria-pressed="true"/g)).toHaveLength(1);
    // Clicking the pressed entry again clears the choice.
    const again = elements(CodeLegend({ ...props, selected: 7 })).filter(
      (e) => e.type === 'button',
    );
    (again[1]!.props.onClick as () => void)();
    expect(chosen).toBeUndefined();
  });

  it('score the flow against the truth on the latent grid', () => {
    const html = renderToStaticMarkup(<ExpertsPicture data={snapshot()} step={6} />);
    expect(html).toContain('Mean end-point error: <strong>0.5 grid cells per frame</strong>');
    const withoutTruth = renderToStaticMarkup(
      <ExpertsPicture data={snapshot({ trueFlow: undefined })} step={6} />,
    );
    expect(withoutTruth).not.toContain('end-point error');
    expect(withoutTruth).not.toContain('True velocity');
    expect(withoutTruth).toContain('cannot be scored');
  });

  it('say in words when an ablation has no codes, flow or local branch', () => {
    const html = renderToStaticMarkup(
      <ExpertsPicture data={snapshot({ codes: undefined, flow: undefined, crops: [] })} step={6} />,
    );
    expect(html).toContain('the “no flow” ablation');
    expect(html).toContain('no flow to draw');
    expect(html).toContain('the “no VQ” ablation');
    expect(html).toContain('the “no local branch” ablation');
    expect(html).not.toContain('Code map');
    expect(html).not.toContain('Estimated flow, arrows');
    expect(html).toContain('aria-label="Last input frame:');
  });

  it('show nothing before the run’s first snapshot', () => {
    // Rendered on the server, the train store gives its initial state: no live run.
    expect(renderToStaticMarkup(<ExpertsSnapshotView />)).toBe('');
  });
});

describe('the live picture’s numbers', () => {
  it('count codes, perplexity and unused codes', () => {
    const usage = codeUsage(Int32Array.from([2, 2, 0, 0]), 4);
    expect(usage.ranked).toEqual([
      { code: 0, count: 2 },
      { code: 2, count: 2 },
    ]);
    expect(usage.perplexity).toBeCloseTo(2);
    expect(usage.unused).toBe(2);
  });

  it('average the true flow over blocks and measure the end-point error', () => {
    const grid = Float32Array.from({ length: 4 * 4 * 2 }, (_, i) => (i % 2 ? 0 : i / 2));
    const blocks = blockMeanFlow(grid, [4, 4], [2, 2]);
    // Block (0, 0) holds cells (x, y) = (0..1, 0..1): flat indices 0, 1, 4, 5.
    expect(blocks[0]).toBeCloseTo(2.5);
    expect(blocks[1]).toBe(0);
    expect(endPointError(Float32Array.from([3, 4]), Float32Array.from([0, 0]))).toBe(5);
  });

  it('place crops, cells and motion as the field views draw them', () => {
    // A crop at the origin (small X, small Y) sits at the bottom left of the picture.
    expect(cropBox({ row: 0, col: 0, size: 8 }, [16, 16])).toEqual({
      left: 0,
      top: 0.5,
      width: 0.5,
      height: 0.5,
    });
    expect(latentCellAt(0.1, 0.9, [4, 4])).toEqual({ i: 0, j: 0 });
    // Content from one cell back along X moves right; from one cell along Y moves down.
    expect(screenMotion(Float32Array.from([-1, 0]), 0)).toEqual([1, 0]);
    expect(screenMotion(Float32Array.from([0, 1]), 0)).toEqual([-0, 1]);
  });
});
