/**
 * DPOT as six boxes, labelled with the current numbers: the input frames, the patches they are
 * cut into, the time aggregation that folds the frames into one grid of tokens, the Fourier
 * blocks (the modes they keep and their weight blocks), the head that turns tokens back into a
 * field, and the next frame; below, the rollout loop that feeds each prediction back in.
 */
import { useId } from 'react';
import {
  dpotConfigProblem,
  dpotKeptModes,
  dpotLatentSize,
  dpotParameterCount,
  type DpotConfig,
} from '../../../models/dpot/config';
import './dpotDiagram.css';

type Stage = 'input' | 'patches' | 'time' | 'blocks' | 'head' | 'next';

const FRAME_SHADES = [0.3, 0.55, 0.8];

function Picture({ stage }: { stage: Stage }) {
  const common = {
    className: `dpot-picture dpot-picture--${stage}`,
    viewBox: '0 0 64 44',
    width: 64,
    height: 44,
    'aria-hidden': true,
    focusable: false,
  } as const;
  if (stage === 'input') {
    return (
      <svg {...common}>
        {FRAME_SHADES.map((opacity, k) => (
          <rect
            key={k}
            x={10 + k * 7}
            y={4 + k * 6}
            width={28}
            height={24}
            rx={2}
            className="dpot-picture__on"
            opacity={opacity}
          />
        ))}
      </svg>
    );
  }
  if (stage === 'patches') {
    return (
      <svg {...common}>
        {Array.from({ length: 16 }, (_, k) => (
          <rect
            key={k}
            x={14 + (k % 4) * 9.5}
            y={3 + Math.floor(k / 4) * 9.5}
            width={8}
            height={8}
            rx={1}
            className="dpot-picture__on"
            opacity={0.35 + 0.15 * ((k * 5) % 5)}
          />
        ))}
      </svg>
    );
  }
  if (stage === 'time') {
    return (
      <svg {...common}>
        {[8, 16, 24].map((y) => (
          <line key={y} x1={6} y1={y + 6} x2={40} y2={22} className="dpot-picture__line" />
        ))}
        {[8, 16, 24].map((y) => (
          <rect key={y} x={2} y={y + 2} width={8} height={8} className="dpot-picture__on" />
        ))}
        <rect x={40} y={12} width={20} height={20} rx={2} className="dpot-picture__on" />
      </svg>
    );
  }
  if (stage === 'blocks') {
    // A spectrum's bars: the kept low modes bright, the dropped ones faint.
    const bars = [34, 28, 30, 20, 14, 9, 6, 4];
    return (
      <svg {...common}>
        {bars.map((h, k) => (
          <rect
            key={k}
            x={4 + k * 7.5}
            y={40 - h}
            width={6}
            height={h}
            className="dpot-picture__on"
            opacity={k < 5 ? 0.9 : 0.25}
          />
        ))}
      </svg>
    );
  }
  if (stage === 'head') {
    return (
      <svg {...common}>
        <path d="M18 4 L46 4 L58 40 L6 40 Z" className="dpot-picture__shape" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <rect x={18} y={8} width={28} height={28} rx={2} className="dpot-picture__on" />
    </svg>
  );
}

interface StageText {
  stage: Stage;
  title: string;
  lines: string[];
}

/** The six stages' words for these settings; '–' where the settings cannot be built. */
export function dpotStages(config: DpotConfig): StageText[] {
  const valid = dpotConfigProblem(config) === undefined;
  const { size: n, inputFrames: t, patchSize: p, width: d, depth, blocks } = config;
  const side = valid ? String(dpotLatentSize(config)) : '–';
  const kept = valid ? dpotKeptModes(config) : undefined;
  const spectrum = valid ? `${side} × ${dpotLatentSize(config) / 2 + 1}` : '–';
  const parameters = valid ? dpotParameterCount(config, 1).toLocaleString('en') : '–';
  const percent = Math.round(config.noise * 100);
  return [
    {
      stage: 'input',
      title: 'Input frames',
      lines: [
        `${t} ${t === 1 ? 'frame' : 'frames'} of ${n} × ${n}`,
        'each channel, plus (x, y, t)',
        config.noise > 0 ? `training adds ${percent} % noise` : 'no training noise',
      ],
    },
    {
      stage: 'patches',
      title: `Patches ${p} × ${p}`,
      lines: [
        `${side} × ${side} tokens per frame`,
        `conv ${p} × ${p}, stride ${p} → width ${d}`,
        'plus a learnt position per token',
      ],
    },
    {
      stage: 'time',
      title: 'Time aggregation',
      lines: [
        `${t} token grids → 1`,
        config.timeAggregation === 'exp_mlp'
          ? 'a learnt matrix per frame, weighted by cos(γ·t)'
          : 'a learnt matrix per frame',
      ],
    },
    {
      stage: 'blocks',
      title: `Fourier blocks × ${depth}`,
      lines: [
        kept ? `keep ${kept.rows} × ${kept.columns} of ${spectrum} modes` : 'modes: –',
        `${blocks} weight ${blocks === 1 ? 'block' : 'blocks'} of ${valid ? d / blocks : '–'} channels`,
        `then a pointwise MLP ×${config.mlpRatio}`,
        ...(config.softshrink > 0 ? [`soft-threshold λ ${config.softshrink}`] : []),
      ],
    },
    {
      stage: 'head',
      title: 'Head',
      lines: [`transposed conv ${p} × ${p} → ${config.outLayerDim}`, 'two 1 × 1 convs → channels'],
    },
    {
      stage: 'next',
      title: 'Next frame',
      lines: [`${n} × ${n}, one step ahead`, `${parameters} parameters (1 channel)`],
    },
  ];
}

export function DpotDiagram({ config }: { config: DpotConfig }) {
  const captionId = useId();
  const valid = dpotConfigProblem(config) === undefined;
  const t = config.inputFrames;
  return (
    <figure
      className={`dpot-diagram${valid ? '' : ' dpot-diagram--unknown'}`}
      aria-labelledby={captionId}
    >
      <ol className="dpot-diagram__flow" aria-label="One step of DPOT, stage by stage">
        {dpotStages(config).map(({ stage, title, lines }) => (
          <li key={stage} className={`dpot-stage dpot-stage--${stage}`}>
            <Picture stage={stage} />
            <strong className="dpot-stage__title">{title}</strong>
            {lines.map((line) => (
              <span key={line} className="dpot-stage__line">
                {line}
              </span>
            ))}
          </li>
        ))}
      </ol>
      <p className="dpot-loop">
        <span className="dpot-loop__arrow" aria-hidden="true">
          ↺
        </span>
        <span>
          <strong>Rollout:</strong> the predicted frame joins the window and the oldest of the {t}{' '}
          drops out; the model runs again, step after step, on its own predictions. Errors can pile
          up this way{config.noise > 0 ? ', and the training noise teaches it to undo them' : ''}.
        </span>
      </p>
      <figcaption id={captionId} className="dpot-diagram__caption">
        How DPOT predicts the next frame from the last {t}, with the numbers of these settings: each
        frame is cut into patches that become tokens, the frames are folded into one grid of tokens,
        each Fourier block mixes the tokens through the grid’s spectrum with the same small network
        at every kept frequency, and the head turns the tokens back into a field.
      </figcaption>
    </figure>
  );
}
