/**
 * How many cells use each code of the codebook, as bars in code order: gaps are the codes this
 * frame does not use. The chosen code's bar stays bright while the others fade.
 */
import { codeColour } from './expertsData';

const HEIGHT = 100;

export interface CodeUsageBarsProps {
  counts: Uint32Array;
  selected?: number;
  label: string;
}

export function CodeUsageBars({ counts, selected, label }: CodeUsageBarsProps) {
  const most = Math.max(1, ...counts);
  return (
    <svg
      className="physicnet-usage"
      viewBox={`0 0 ${counts.length} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <rect
        x={0}
        y={0}
        width={counts.length}
        height={HEIGHT}
        className="physicnet-usage__frame"
        vectorEffect="non-scaling-stroke"
      />
      {Array.from(counts, (count, code) =>
        count ? (
          <rect
            key={code}
            x={code + 0.1}
            y={HEIGHT - (count / most) * HEIGHT}
            width={0.8}
            height={(count / most) * HEIGHT}
            fill={codeColour(code)}
            opacity={selected === undefined || selected === code ? 1 : 0.3}
          />
        ) : null,
      )}
    </svg>
  );
}
