/**
 * DINo as five boxes, labelled with the current numbers: the sensor points, the code each frame
 * is summarised by (fitted, there is no encoder), the latent ODE that moves the code in time
 * (an MLP integrated by RK4), the FourierNet decoder that reads a code and a point, and the field
 * it gives at any point and resolution.
 */
import { useId } from 'react';
import {
  decoderParameterCount,
  dinoConfigProblem,
  dynamicsParameterCount,
  type DinoConfig,
} from '../../../models/dino/config';
import { formatLearningRate } from '../../format';
import './dinoDiagram.css';

type Stage = 'sensors' | 'code' | 'dynamics' | 'decoder' | 'field';

/** A 6 × 4 grid of points; the observed ones (a scattered share) filled. */
const SENSOR_ORDER = [
  7, 13, 2, 18, 10, 4, 15, 0, 11, 17, 5, 9, 1, 14, 19, 6, 12, 3, 16, 8, 22, 21, 23, 20,
];

function Picture({ stage, observed }: { stage: Stage; observed: number }) {
  const common = {
    className: `dino-picture dino-picture--${stage}`,
    viewBox: '0 0 64 44',
    width: 64,
    height: 44,
    'aria-hidden': true,
    focusable: false,
  } as const;
  if (stage === 'sensors') {
    const shown = new Set(SENSOR_ORDER.slice(0, observed));
    return (
      <svg {...common}>
        {Array.from({ length: 24 }, (_, k) => (
          <circle
            key={k}
            cx={7 + (k % 6) * 10}
            cy={7 + Math.floor(k / 6) * 10}
            r={3}
            className={shown.has(k) ? 'dino-picture__on' : 'dino-picture__off'}
          />
        ))}
      </svg>
    );
  }
  if (stage === 'code') {
    const lengths = [30, 14, 44, 22, 36, 10];
    return (
      <svg {...common}>
        {lengths.map((w, k) => (
          <rect
            key={k}
            x={32 - w / 2}
            y={3 + k * 7}
            width={w}
            height={5}
            rx={1}
            className="dino-picture__on"
          />
        ))}
      </svg>
    );
  }
  if (stage === 'dynamics') {
    const points = [
      [6, 36],
      [20, 20],
      [38, 16],
      [58, 6],
    ];
    return (
      <svg {...common}>
        <path
          d="M6 36 C 12 24, 16 22, 20 20 S 32 17, 38 16 S 52 10, 58 6"
          className="dino-picture__line"
        />
        {points.map(([x, y]) => (
          <circle key={x} cx={x} cy={y} r={3} className="dino-picture__on" />
        ))}
      </svg>
    );
  }
  if (stage === 'decoder') {
    return (
      <svg {...common}>
        <path d="M2 22 Q 9 4, 16 22 T 30 22 T 44 22 T 58 22" className="dino-picture__line" />
        <path
          d="M2 30 Q 6 22, 10 30 T 18 30 T 26 30 T 34 30 T 42 30 T 50 30 T 58 30"
          className="dino-picture__line dino-picture__line--thin"
        />
      </svg>
    );
  }
  return (
    <svg {...common}>
      {Array.from({ length: 8 * 5 }, (_, k) => {
        const x = k % 8;
        const y = Math.floor(k / 8);
        const v = 0.5 + 0.5 * Math.sin(x * 0.8 + y * 0.6);
        return (
          <rect
            key={k}
            x={2 + x * 7.5}
            y={2 + y * 8}
            width={7.5}
            height={8}
            className="dino-picture__on"
            opacity={0.2 + 0.8 * v}
          />
        );
      })}
    </svg>
  );
}

export function DinoDiagram({ config }: { config: DinoConfig }) {
  const captionId = useId();
  const valid = dinoConfigProblem(config) === undefined;
  const percent = Math.round(config.subsamplingRate * 100);
  const h = config.dynamicsWidth;
  const d = config.codeDim;
  const stages: { stage: Stage; title: string; lines: string[] }[] = [
    {
      stage: 'sensors',
      title: 'Sensor points',
      lines: [
        `${percent} % of the grid observed`,
        'any points, on any grid',
        `training: frames 1–${config.trainFrames} only`,
      ],
    },
    {
      stage: 'code',
      title: 'Code α_t',
      lines: [
        `${d} numbers per channel`,
        'no encoder: fitted to the sensors',
        `${config.fitSteps} Adam steps, rate ${formatLearningRate(config.fitLr)}`,
      ],
    },
    {
      stage: 'dynamics',
      title: 'Latent ODE dα/dt = f(α)',
      lines: [
        `MLP ${d} → ${h} → ${h} → ${h} → ${d}, Swish`,
        `RK4, one step per frame (Δt = ${config.dt})`,
        `${dynamicsParameterCount(config).toLocaleString('en')} parameters`,
      ],
    },
    {
      stage: 'decoder',
      title: 'Decoder D(x; α)',
      lines: [
        `FourierNet: ${config.decoderLayers + 1} sine filters, width ${config.decoderWidth}`,
        'the code shifts every layer',
        `${valid ? decoderParameterCount(config).toLocaleString('en') : '–'} parameters`,
      ],
    },
    {
      stage: 'field',
      title: 'Field u(x, t)',
      lines: [
        'at any point x, any resolution',
        'at any time the ODE reaches',
        `after frame ${config.trainFrames}: extrapolation`,
      ],
    },
  ];

  return (
    <figure
      className={`dino-diagram${valid ? '' : ' dino-diagram--unknown'}`}
      aria-labelledby={captionId}
    >
      <ol className="dino-diagram__flow">
        {stages.map(({ stage, title, lines }) => (
          <li key={stage} className={`dino-stage dino-stage--${stage}`}>
            <Picture
              stage={stage}
              observed={Math.max(1, Math.round(24 * config.subsamplingRate))}
            />
            <strong className="dino-stage__title">{title}</strong>
            {lines.map((line) => (
              <span key={line} className="dino-stage__line">
                {line}
              </span>
            ))}
          </li>
        ))}
      </ol>
      <figcaption id={captionId} className="dino-diagram__caption">
        How DINo forecasts a trajectory from a few observed points, with the numbers of these
        settings: the code of the first frame is fitted to the sensors, the latent ODE carries it
        forward frame by frame, and the decoder turns each code back into a field wherever it is
        asked.
      </figcaption>
    </figure>
  );
}
