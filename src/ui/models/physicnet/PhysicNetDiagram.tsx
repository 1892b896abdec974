/**
 * PhysicNet-style as six boxes of the global expert, labelled with the current numbers: the input
 * frames, the encoder that shrinks each one 4 × per side, the codebook its cells are snapped to,
 * the flow expert that moves the latent grid forward, the decoder, and the forecast; below, the
 * local branch on crops and the gate that fuses it in. Parts an ablation switches off are greyed
 * and say so.
 */
import { useId } from 'react';
import {
  CROP_FRACTION,
  PHYSICNET_DOWNSAMPLING,
  physicnetConfigProblem,
  physicnetParameterCount,
  type PhysicNetConfig,
} from '../../../models/physicnet/config';
import './physicnetDiagram.css';

type Stage = 'input' | 'encoder' | 'codebook' | 'expert' | 'decoder' | 'forecast';

const FRAME_SHADES = [0.35, 0.6, 0.85];

/** A stack of frames, the last in front. */
function Frames() {
  return (
    <>
      {FRAME_SHADES.map((opacity, k) => (
        <rect
          key={k}
          x={10 + k * 7}
          y={4 + k * 6}
          width={28}
          height={24}
          rx={2}
          className="physicnet-picture__on"
          opacity={opacity}
        />
      ))}
    </>
  );
}

function Picture({ stage }: { stage: Stage }) {
  const common = {
    className: `physicnet-picture physicnet-picture--${stage}`,
    viewBox: '0 0 64 44',
    width: 64,
    height: 44,
    'aria-hidden': true,
    focusable: false,
  } as const;
  if (stage === 'input' || stage === 'forecast') {
    return (
      <svg {...common}>
        <Frames />
      </svg>
    );
  }
  if (stage === 'encoder' || stage === 'decoder') {
    const wide = 'M6 4 L58 4 L46 40 L18 40 Z';
    const narrow = 'M18 4 L46 4 L58 40 L6 40 Z';
    return (
      <svg {...common}>
        <path d={stage === 'encoder' ? wide : narrow} className="physicnet-picture__shape" />
      </svg>
    );
  }
  if (stage === 'codebook') {
    return (
      <svg {...common}>
        {Array.from({ length: 4 * 3 }, (_, k) => (
          <rect
            key={k}
            x={8 + (k % 4) * 12}
            y={4 + Math.floor(k / 4) * 13}
            width={10}
            height={10}
            rx={1}
            className={`physicnet-picture__code physicnet-picture__code--${k % 4}`}
          />
        ))}
      </svg>
    );
  }
  return (
    <svg {...common}>
      {[
        [8, 30, 22, 22],
        [26, 34, 40, 24],
        [44, 28, 56, 14],
        [14, 14, 28, 8],
      ].map(([x1, y1, x2, y2]) => (
        <g key={`${x1}-${y1}`} className="physicnet-picture__arrow">
          <line x1={x1} y1={y1} x2={x2} y2={y2} />
          <circle cx={x2} cy={y2} r={2} />
        </g>
      ))}
    </svg>
  );
}

interface StageText {
  stage: Stage;
  title: string;
  lines: string[];
  /** Switched off by an ablation: the words that say so. */
  off?: string;
}

function stagesOf(config: PhysicNetConfig, parameters: string): StageText[] {
  const s = PHYSICNET_DOWNSAMPLING;
  const { width, codeDim: d, codes, flowIterations: it } = config;
  return [
    {
      stage: 'input',
      title: 'Input frames',
      lines: [
        `${config.inputFrames} frames, N × N`,
        config.flow
          ? `flow warms up on ${config.inputFrames - 1} ${config.inputFrames === 2 ? 'pair' : 'pairs'}`
          : 'the predictor reads the last 2',
      ],
    },
    {
      stage: 'encoder',
      title: `Encoder ÷ ${s}`,
      lines: [
        `N/${s} × N/${s} cells of ${d} numbers`,
        `width ${width}: 2 strided convs, 2 residual blocks`,
      ],
    },
    config.quantize
      ? {
          stage: 'codebook',
          title: 'Codebook',
          lines: [
            `${codes} codes × ${d} numbers`,
            'each cell snapped to its nearest code',
            `EMA decay ${config.decay}, β ${config.beta}`,
          ],
        }
      : {
          stage: 'codebook',
          title: 'Codebook',
          lines: ['cells stay continuous'],
          off: 'Off: no vector quantization',
        },
    config.flow
      ? {
          stage: 'expert',
          title: 'Flow expert',
          lines: [
            `ConvGRU × ${it} ${it === 1 ? 'refinement' : 'refinements'} per step`,
            'warp: ẑ = Warp(z, flow) + conv(h)',
            `${config.outputFrames} steps in latent space`,
          ],
        }
      : {
          stage: 'expert',
          title: 'Flow expert',
          lines: ['conv predictor: ẑ = z + conv(z_prev, z)', `${config.outputFrames} steps`],
          off: 'Off: no optical flow',
        },
    {
      stage: 'decoder',
      title: `Decoder × ${s}`,
      lines: ['2 residual blocks, 2 transposed convs', 'each latent step → a frame'],
    },
    {
      stage: 'forecast',
      title: 'Forecast',
      lines: [
        `${config.outputFrames} frames, N × N`,
        config.local ? 'global + gated local correction' : 'the global expert’s alone',
        `${parameters} parameters (1 channel)`,
      ],
    },
  ];
}

function LocalBranch({ config }: { config: PhysicNetConfig }) {
  const percent = Math.round(CROP_FRACTION * CROP_FRACTION * 100);
  return (
    <div className={`physicnet-local${config.local ? '' : ' physicnet-local--off'}`}>
      <strong className="physicnet-local__title">Local experts on crops</strong>
      {config.local ? (
        <>
          <span>
            {config.crops} {config.crops === 1 ? 'crop' : 'crops'} of half the side ({percent} % of
            the field): random places in training, tiled at test time
          </span>
          <span>
            their own encoder, {config.flow ? 'flow expert' : 'conv predictor'} and decoder
            {config.quantize ? ', the same codebook' : ''}
          </span>
          <span className="physicnet-local__gate">
            gate g ∈ (0, 1): forecast = global + g · (local − global) inside the crops; loss weight
            λ_loc = {config.localWeight}
          </span>
        </>
      ) : (
        <>
          <span className="physicnet-off">Off: no local branch</span>
          <span>no crops and no gate; the global expert forecasts alone</span>
        </>
      )}
    </div>
  );
}

export function PhysicNetDiagram({ config }: { config: PhysicNetConfig }) {
  const captionId = useId();
  const valid = physicnetConfigProblem(config) === undefined;
  const parameters = valid ? physicnetParameterCount(config).toLocaleString('en') : '–';
  const stages = stagesOf(config, parameters);
  return (
    <figure
      className={`physicnet-diagram${valid ? '' : ' physicnet-diagram--unknown'}`}
      aria-labelledby={captionId}
    >
      <ol className="physicnet-diagram__flow" aria-label="The global expert, step by step">
        {stages.map(({ stage, title, lines, off }) => (
          <li
            key={stage}
            className={`physicnet-stage physicnet-stage--${stage}${off ? ' physicnet-stage--off' : ''}`}
          >
            <Picture stage={stage} />
            <strong className="physicnet-stage__title">{title}</strong>
            {off ? <span className="physicnet-off">{off}</span> : null}
            {lines.map((line) => (
              <span key={line} className="physicnet-stage__line">
                {line}
              </span>
            ))}
          </li>
        ))}
      </ol>
      <LocalBranch config={config} />
      <figcaption id={captionId} className="physicnet-diagram__caption">
        How PhysicNet-style forecasts a field from its last {config.inputFrames} frames, with the
        numbers of these settings (N is the data’s grid side): each frame is encoded to a coarse
        grid of {config.quantize ? 'codes' : 'continuous vectors'},{' '}
        {config.flow ? 'an estimated flow moves the grid' : 'a convolutional predictor steps it'}{' '}
        forward one frame at a time, and the decoder turns each step back into a field
        {config.local ? '; local experts do the same on crops, and a gate fuses them in' : ''}.
      </figcaption>
    </figure>
  );
}
