/**
 * The masked autoencoder as four boxes, labelled with the current numbers: the patches of a
 * window, the encoder that reads only the visible ones, the light decoder that adds a mask token
 * for each hidden one, and the hidden patches it predicts, where the loss is counted.
 */
import { useId } from 'react';
import { tokenGrid, type MaeConfig } from '../../../models/mae/config';
import { maeDiagramNumbers, PICTURE_COLUMNS, PICTURE_CELLS } from './maeDiagramModel';
import './maeDiagram.css';

type CellLook = 'visible' | 'hidden' | 'dropped' | 'mask-token' | 'predicted';
type Stage = 'patches' | 'encoder' | 'decoder' | 'output';

const CELL = 12;
const GAP = 3;

function lookOf(stage: Stage, hidden: boolean | undefined): CellLook {
  if (hidden === undefined) return 'dropped';
  if (stage === 'patches') return hidden ? 'hidden' : 'visible';
  if (stage === 'encoder') return hidden ? 'dropped' : 'visible';
  if (stage === 'decoder') return hidden ? 'mask-token' : 'visible';
  return hidden ? 'predicted' : 'dropped';
}

/** A little grid of cells, each standing for a share of the tokens (outlines when unknown). */
function TokenPicture({
  stage,
  hiddenCells,
}: {
  stage: Stage;
  hiddenCells: readonly (boolean | undefined)[];
}) {
  const hatchId = useId();
  const rows = Math.ceil(PICTURE_CELLS / PICTURE_COLUMNS);
  const width = PICTURE_COLUMNS * CELL + (PICTURE_COLUMNS - 1) * GAP;
  const height = rows * CELL + (rows - 1) * GAP;
  return (
    <svg
      className="mae-picture"
      viewBox={`-1 -1 ${width + 2} ${height + 2}`}
      width={width + 2}
      height={height + 2}
      aria-hidden="true"
      focusable="false"
    >
      <defs>
        <pattern id={hatchId} width="4" height="4" patternUnits="userSpaceOnUse">
          <path d="M-1 5 L5 -1" className="mae-picture__hatch" />
        </pattern>
      </defs>
      {hiddenCells.map((hidden, i) => {
        const look = lookOf(stage, hidden);
        return (
          <rect
            key={i}
            x={(i % PICTURE_COLUMNS) * (CELL + GAP)}
            y={Math.floor(i / PICTURE_COLUMNS) * (CELL + GAP)}
            width={CELL}
            height={CELL}
            rx={2}
            className={`mae-picture__cell mae-picture__cell--${look}`}
            fill={look === 'hidden' ? `url(#${hatchId})` : undefined}
          />
        );
      })}
    </svg>
  );
}

export function MaeDiagram({ config }: { config: MaeConfig }) {
  const numbers = maeDiagramNumbers(config);
  const captionId = useId();
  const show = (n: number | undefined) => (n === undefined ? '–' : String(n));
  const cells = numbers?.hiddenCells ?? Array<undefined>(PICTURE_CELLS).fill(undefined);
  const { dim } = tokenGrid(config);
  const percent = Math.round(config.maskRatio * 100);
  const stages: { stage: Stage; title: string; lines: string[] }[] = [
    {
      stage: 'patches',
      title: 'Patches',
      lines: [
        `${show(numbers?.tokens)} tokens of ${dim} values`,
        `${show(numbers?.hidden)} hidden (${percent} %)`,
      ],
    },
    {
      stage: 'encoder',
      title: 'Encoder',
      lines: [
        `reads the ${show(numbers?.visible)} visible tokens only`,
        `width ${config.width} · ${config.depth} ${config.depth === 1 ? 'block' : 'blocks'}`,
        `${config.heads} heads × ${config.headDim} · MLP ${config.mlp}`,
      ],
    },
    {
      stage: 'decoder',
      title: 'Decoder',
      lines: [
        `+ ${show(numbers?.hidden)} mask tokens = ${show(numbers?.tokens)}`,
        `width ${config.decoderWidth} · ${config.decoderDepth} ${config.decoderDepth === 1 ? 'block' : 'blocks'}`,
        `${config.decoderHeads} heads × ${config.decoderHeadDim} · MLP ${config.decoderMlp}`,
      ],
    },
    {
      stage: 'output',
      title: 'Hidden patches',
      lines: [
        `${show(numbers?.hidden)} × ${dim} values predicted`,
        config.normalizeTargets
          ? 'loss on these only, each patch normalized'
          : 'loss on these only',
      ],
    },
  ];

  return (
    <figure
      className={`mae-diagram${numbers ? '' : ' mae-diagram--unknown'}`}
      aria-labelledby={captionId}
    >
      <ol className="mae-diagram__flow">
        {stages.map(({ stage, title, lines }) => (
          <li key={stage} className={`mae-stage mae-stage--${stage}`}>
            <TokenPicture stage={stage} hiddenCells={cells} />
            <strong className="mae-stage__title">{title}</strong>
            {lines.map((line) => (
              <span key={line} className="mae-stage__line">
                {line}
              </span>
            ))}
          </li>
        ))}
      </ol>
      <figcaption id={captionId} className="mae-diagram__caption">
        <span>How the masked autoencoder sees one window, with the numbers of these settings.</span>
        <span className="mae-diagram__legend" aria-hidden="true">
          {(['visible', 'hidden', 'mask-token', 'predicted'] as const).map((look) => (
            <span key={look} className="mae-diagram__legend-item">
              <span className={`mae-key mae-key--${look}`} /> {look.replace('-', ' ')}
            </span>
          ))}
        </span>
      </figcaption>
    </figure>
  );
}
