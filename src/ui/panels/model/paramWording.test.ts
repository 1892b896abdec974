import { describe, expect, it } from 'vitest';
import { maeSchema } from '../../../models/mae/config';
import { maskSchema } from '../../../state/maskSchema';
import { panelParam } from './paramWording';

describe('panelParam', () => {
  it("tells the MAE's training mask ratio apart from the Mask panel's hidden share", () => {
    const training = panelParam('mae', 'maskRatio', maeSchema.maskRatio);
    expect(training.label).toBe('Training mask ratio');
    expect(training.help).toMatch(/every training step/);
    expect(training.help).toContain(maskSchema.ratio.label);
    expect(maskSchema.ratio.label).toBe('Hidden share (this view)');
    // The range, default and URL key stay the schema's.
    expect({ ...training, label: '', help: '' }).toEqual({
      ...maeSchema.maskRatio,
      label: '',
      help: '',
    });
  });

  it('leaves every other parameter as its schema says', () => {
    expect(panelParam('mae', 'depth', maeSchema.depth)).toBe(maeSchema.depth);
    expect(panelParam('dino', 'maskRatio', maeSchema.maskRatio)).toBe(maeSchema.maskRatio);
  });
});
