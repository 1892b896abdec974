/** The Mask panel's settings: dataset and window, the mask, and how the baseline fills it in. */
import { useId } from 'react';
import type { Param } from '../../../schema/params';
import type { DatasetExtent } from '../../../runtime/mask/maskWindow';
import { maskSchema } from '../../../state/maskSchema';
import { useMask } from '../../../state/maskStore';
import { useSettings } from '../../../state/settingsStore';
import type { DatasetRecordMeta } from '../../../storage/datasetRecords';
import type { Summary } from '../../../storage/types';
import { ParamControl } from '../../controls/ParamControl';

export interface MaskControlsProps {
  records: readonly Summary<DatasetRecordMeta>[];
  dataset: Summary<DatasetRecordMeta>;
  extent: DatasetExtent;
  /** What had to change to fit the dataset, in words. */
  notes: readonly string[];
}

type MaskParam = keyof typeof maskSchema;

export function MaskControls({ records, dataset, extent, notes }: MaskControlsProps) {
  const values = useSettings((s) => s.values.mask);
  const update = useSettings((s) => s.update);
  const choose = useMask((s) => s.choose);
  const ids = { dataset: useId(), ratio: useId(), ratioHelp: useId() };

  const control = (name: MaskParam, override: Partial<Param> = {}) => (
    <ParamControl
      key={name}
      param={{ ...maskSchema[name], ...override } as Param}
      value={values[name]}
      onChange={(value) => update('mask', { [name]: value })}
    />
  );

  return (
    <div className="card mask-controls">
      <fieldset className="schema-form">
        <legend>Dataset and window</legend>
        <div className="param param--choice mask-controls__dataset">
          <label htmlFor={ids.dataset}>Dataset</label>
          <select id={ids.dataset} value={dataset.id} onChange={(e) => choose(e.target.value)}>
            {records.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}
              </option>
            ))}
          </select>
        </div>
        {control('trajectory', { max: extent.trajectories - 1 })}
        {control('start', { max: Math.max(0, extent.frames - 1) })}
        {control('frames', { max: extent.frames })}
      </fieldset>

      <fieldset className="schema-form">
        <legend>Mask</legend>
        {control('strategy')}
        <div className="param mask-controls__ratio">
          <label htmlFor={ids.ratio}>Masking ratio</label>
          <div className="mask-controls__slider">
            <input
              id={ids.ratio}
              type="range"
              min={0}
              max={maskSchema.ratio.max}
              step={0.05}
              value={values.ratio}
              aria-describedby={ids.ratioHelp}
              aria-valuetext={`${Math.round(values.ratio * 100)} % of patches hidden`}
              onChange={(e) => update('mask', { ratio: Number(e.target.value) })}
            />
            <output htmlFor={ids.ratio}>{Math.round(values.ratio * 100)} %</output>
          </div>
          <small id={ids.ratioHelp} className="param__help">
            The share of patches hidden. MAE-PDE hides 75–90 %.
          </small>
        </div>
        {control('patchTime', { max: extent.frames })}
        {control('patchSide', { max: extent.n })}
        {control('seed')}
      </fieldset>

      <fieldset className="schema-form">
        <legend>Reconstruction</legend>
        {control('baseline')}
      </fieldset>

      {notes.length > 0 ? (
        <ul className="mask-controls__notes" role="status" aria-label="Adjusted to the dataset">
          {notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
