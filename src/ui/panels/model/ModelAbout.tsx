/** The model picker and what the chosen model does, in a paragraph, with its paper. */
import { arxivUrl } from '../../../models/catalog';
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
