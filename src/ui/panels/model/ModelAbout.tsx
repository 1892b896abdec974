/** The model picker and what the chosen model does, in a paragraph, with its paper. */
import { arxivUrl, PLANNED_MODELS } from '../../../models/catalog';
import { chooseModel, type ModelSelection } from '../../../state/modelSettings';
import { modelSchema } from '../../../state/modelSchema';
import { ParamControl } from '../../controls/ParamControl';

export function ModelAbout({ selection }: { selection: ModelSelection }) {
  const { entry } = selection;
  const { paper } = entry;
  return (
    <div className="card model-about">
      <div className="model-about__picker">
        <ParamControl
          param={modelSchema.model}
          value={entry.id}
          onChange={(value) => chooseModel(String(value))}
        />
        <p className="muted small model-about__coming">
          Coming next:{' '}
          {PLANNED_MODELS.map((model, i) => (
            <span key={model.title}>
              {i > 0 ? (i === PLANNED_MODELS.length - 1 ? ' and ' : ', ') : ''}
              <strong>{model.title}</strong> ({model.summary})
            </span>
          ))}
          .
        </p>
      </div>
      <h2 className="model-about__title">{entry.title}</h2>
      <p className="explanation">{entry.explanation}</p>
      <p className="muted small model-about__paper">
        {paper.authors}, <cite>{paper.title}</cite> ({paper.year}),{' '}
        <a href={arxivUrl(paper)} target="_blank" rel="noreferrer">
          arXiv:{paper.arxiv}
        </a>
        .
      </p>
    </div>
  );
}
