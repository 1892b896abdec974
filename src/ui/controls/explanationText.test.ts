import { describe, expect, it } from 'vitest';
import { splitExplanation } from './explanationText';

describe('splitExplanation', () => {
  it('keeps the text after the first blank line as detail', () => {
    expect(splitExplanation('Plain words.\n\nTechnical e^{−x}.\n\nMore.')).toEqual({
      main: 'Plain words.',
      details: 'Technical e^{−x}.\n\nMore.',
    });
  });

  it('has no detail without a blank line, or with nothing after it', () => {
    expect(splitExplanation('Only plain words.\nOne line break.')).toEqual({
      main: 'Only plain words.\nOne line break.',
    });
    expect(splitExplanation('Plain.\n\n  ')).toEqual({ main: 'Plain.' });
  });
});
