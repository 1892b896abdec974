/**
 * The Mask panel's settings: dataset and window, the mask, and what reconstructs it: the
 * interpolation baseline or a trained model, whose window and patches then replace the panel's.
 */
import { useId } from 'react';
import type { Param } from '../../../schema/params';
import type { DatasetExtent } from '../../../runtime/mask/maskWindow';
import { maskSchema } from '../../../state/maskSchema';
import { useMask } from '../../../state/maskStore';
import { BASELINE_CHOICE, type ReconstructingModel } from '../../../state/savedModels';
import { useSettings } from '../../../state/settingsStore';
import type { DatasetRecordMeta } from '../../../storage/datasetRecords';
import type { Summary } from '../../../storage/types';
import { modelOptionLabel } from '../../controls/modelOptionLabel';
import { ParamControl } from '../../controls/ParamControl';
import { modelWindowNote } from './sourceText';

export interface MaskControlsProps {
  records: readonly Summary<DatasetRecordMeta>[];
  dataset: Summary<DatasetRecordMeta>;
  extent: DatasetExtent;
  /** What had to change to fit the dataset, in words. */
  notes: readonly string[];
  /** Saved models that fill hidden patches, newest first. */
  models: readonly ReconstructingModel[];
  /** The model that reconstructs; none: the baseline. */
  model: ReconstructingModel | undefined;
}

type MaskParam = keyof typeof maskSchema;

export function MaskControls({
  records,
  dataset,
  extent,
  notes,
  models,
  model,
}: MaskControlsProps) {
  const values = useSettings((s) => s.values.mask);
  const update = useSettings((s) => s.update);
  const choose = useMask((s) => s.choose);
  const chooseSource = useMask((s) => s.chooseSource);
  const ids = {
    dataset: useId(),
    ratio: useId(),
    ratioHelp: useId(),
    source: useId(),
    sourceHelp: useId(),
  };

  const control = (name: MaskParam, override: Partial<Param> = {}) => (
    <ParamControl
      key={name}
      param={{ ...maskSchema[name], ...override } as Param}
      value={values[name]}
      onChange={(value) => update('mask', { [name]: value })}
    />
  );
  const modelNote = model ? modelWindowNote(model) : '';
  /** A window or patch control the model sets: its value shown, greyed out. */
  const fixedByModel = (name: MaskParam, value: number, override: Partial<Param> = {}) => (
    <ParamControl
      key={name}
      param={{ ...maskSchema[name], ...override, help: 'Set by the model.' } as Param}
      value={value}
      onChange={() => {}}
      disabled
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
        {model
          ? fixedByModel('frames', model.maskedWindow.frames)
          : control('frames', { max: extent.frames })}
      </fieldset>

      <fieldset className="schema-form">
        <legend>Mask</legend>
        {control('strategy')}
        <div className="param mask-controls__ratio">
          <label htmlFor={ids.ratio}>{maskSchema.ratio.label}</label>
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
            How much of the window shown here is hidden now: it changes this view only.
            {model
              ? ` This model was trained with ${Math.round(model.maskedWindow.maskRatio * 100)} % of the patches hidden (its training mask ratio, set in the Model panel).`
              : ' A model keeps the share it was trained with (its training mask ratio, in the Model panel); MAE-PDE trains with 75–90 %.'}
          </small>
        </div>
        {model ? (
          <>
            {fixedByModel('patchTime', model.maskedWindow.patchT)}
            {fixedByModel('patchSide', model.maskedWindow.patchXY)}
          </>
        ) : (
          <>
            {control('patchTime', { max: extent.frames })}
            {control('patchSide', { max: extent.n })}
          </>
        )}
        {control('seed')}
      </fieldset>

      <fieldset className="schema-form">
        <legend>Reconstruction</legend>
        <div className="param param--choice">
          <label htmlFor={ids.source}>Reconstruct with</label>
          <select
            id={ids.source}
            value={model?.checkpointId ?? BASELINE_CHOICE}
            title={model ? `${modelOptionLabel(model)} (${model.runName})` : undefined}
            aria-describedby={ids.sourceHelp}
            onChange={(e) => chooseSource(e.target.value)}
          >
            <option value={BASELINE_CHOICE}>Interpolation baseline</option>
            {models.map((m) => (
              <option key={m.checkpointId} value={m.checkpointId}>
                {modelOptionLabel(m)}
              </option>
            ))}
          </select>
          <small id={ids.sourceHelp} className="param__help">
            {models.length === 0
              ? 'Train a model in the Train panel to reconstruct with it here.'
              : 'A trained model (newest first) or the interpolation baseline alone.'}
          </small>
        </div>
        {control(
          'baseline',
          model
            ? {
                label: 'Baseline to compare with',
                help: 'Fills the same hidden patches from the visible ones, for comparison.',
              }
            : {},
        )}
      </fieldset>

      {model ? (
        <p className="mask-controls__model-note">
          {modelNote} The controls it sets are greyed out; choose the interpolation baseline to set
          them yourself.
        </p>
      ) : null}

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
