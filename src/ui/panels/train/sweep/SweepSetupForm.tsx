/**
 * Setting up a sweep: which train settings and model parameters to vary, each as a list of values
 * or a number range (linear or log), grid or seeded random search, the steps each run trains and
 * how many runs; every problem is listed in words and Start stays off until there are none.
 */
import { useId, useState } from 'react';
import { modelSelection } from '../../../../state/modelSettings';
import { useRuntime } from '../../../../state/runtimeStore';
import { useSettings } from '../../../../state/settingsStore';
import { plannedRuns, useSweep } from '../../../../state/sweepStore';
import { useTrain } from '../../../../state/trainStore';
import {
  sweepableParams,
  type SweepParam,
  type SweepParamInput,
} from '../../../../sweep/sweepParams';
import { sweepSetup } from '../../../../sweep/sweepSetup';
import { OutcomeText } from '../../../controls/OutcomeText';

function ParamRow({
  param,
  input,
  grid,
  disabled,
}: {
  param: SweepParam;
  input: SweepParamInput;
  grid: boolean;
  disabled: boolean;
}) {
  const id = useId();
  const update = useSweep((s) => s.updateParam);
  const remove = useSweep((s) => s.removeParam);
  const label = param.param.label;
  const set = (patch: Partial<SweepParamInput>) => update(input.id, patch);
  const isNumber = param.param.kind === 'number';
  return (
    <fieldset className="sweep-param" disabled={disabled}>
      <legend>
        {label}
        <span className="muted small"> · {param.target === 'options' ? 'training' : 'model'}</span>
      </legend>
      {isNumber ? (
        <label>
          Give
          <select
            value={input.mode}
            aria-label={`${label}: values or range`}
            onChange={(e) => set({ mode: e.target.value as SweepParamInput['mode'] })}
          >
            <option value="values">values</option>
            <option value="range">a range</option>
          </select>
        </label>
      ) : null}
      {input.mode === 'values' ? (
        <label htmlFor={`${id}-values`}>
          {label} values
          <input
            id={`${id}-values`}
            type="text"
            value={input.values}
            placeholder="comma-separated"
            onChange={(e) => set({ values: e.target.value })}
          />
        </label>
      ) : (
        <>
          <label>
            {label} minimum
            <input
              type="text"
              inputMode="decimal"
              value={input.min}
              onChange={(e) => set({ min: e.target.value })}
            />
          </label>
          <label>
            {label} maximum
            <input
              type="text"
              inputMode="decimal"
              value={input.max}
              onChange={(e) => set({ max: e.target.value })}
            />
          </label>
          <label>
            {label} spacing
            <select
              value={input.scale}
              onChange={(e) => set({ scale: e.target.value as SweepParamInput['scale'] })}
            >
              <option value="linear">linear</option>
              <option value="log">log</option>
            </select>
          </label>
          {grid ? (
            <label>
              {label} grid points
              <input
                type="number"
                min={2}
                max={20}
                value={input.levels}
                onChange={(e) => set({ levels: e.target.value })}
              />
            </label>
          ) : null}
        </>
      )}
      <button type="button" className="link-button" onClick={() => remove(input.id)}>
        Remove<span className="visually-hidden"> {label}</span>
      </button>
    </fieldset>
  );
}

export function SweepSetupForm({ dataset }: { dataset: { id: string; name: string } }) {
  const id = useId();
  const { draft, queue, outcome, setDraft, addParam, start } = useSweep();
  const values = useSettings((s) => s.values);
  const { entry } = modelSelection(values);
  const ready = useRuntime((s) => s.status === 'ready');
  const training = useTrain((s) => s.activeJobId !== undefined);
  const params = sweepableParams(entry.schema);
  const unused = params.filter((p) => !draft.inputs.some((i) => i.id === p.id));
  const [toAdd, setToAdd] = useState('');
  const chosenToAdd = unused.some((p) => p.id === toAdd) ? toAdd : (unused[0]?.id ?? '');
  const setup = sweepSetup(draft, entry.schema, entry.title);
  const runProblem = setup.ok ? plannedRuns(setup, values).problem : undefined;
  const problems = setup.ok ? (runProblem ? [runProblem] : []) : setup.problems;
  const running = queue !== undefined;
  const grid = draft.strategy === 'grid';

  return (
    <div className="sweep-setup">
      <div className="field-row">
        <label>
          Sweep name
          <input
            type="text"
            value={draft.name}
            placeholder="named after its parameters"
            disabled={running}
            onChange={(e) => setDraft({ name: e.target.value })}
          />
        </label>
        <label>
          Parameter to add
          <select
            value={chosenToAdd}
            disabled={running || unused.length === 0}
            onChange={(e) => setToAdd(e.target.value)}
          >
            <optgroup label="Training">
              {unused
                .filter((p) => p.target === 'options')
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.param.label}
                  </option>
                ))}
            </optgroup>
            <optgroup label={entry.title}>
              {unused
                .filter((p) => p.target === 'config')
                .map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.param.label}
                  </option>
                ))}
            </optgroup>
          </select>
        </label>
        <button
          type="button"
          className="button"
          disabled={running || !chosenToAdd}
          onClick={() => addParam(chosenToAdd)}
        >
          Add parameter
        </button>
      </div>
      {draft.inputs.map((input) => {
        const param = params.find((p) => p.id === input.id);
        return param ? (
          <ParamRow key={input.id} param={param} input={input} grid={grid} disabled={running} />
        ) : (
          <p key={input.id} className="text-problem">
            “{input.id}” is not a parameter of {entry.title}.{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => useSweep.getState().removeParam(input.id)}
            >
              Remove it
            </button>
          </p>
        );
      })}
      <div className="field-row">
        <label>
          Strategy
          <select
            value={draft.strategy}
            disabled={running}
            onChange={(e) => setDraft({ strategy: e.target.value as 'grid' | 'random' })}
          >
            <option value="grid">Grid (every combination)</option>
            <option value="random">Random search (seeded)</option>
          </select>
        </label>
        {grid ? null : (
          <>
            <label>
              Seed
              <input
                type="number"
                min={0}
                value={draft.seed}
                disabled={running}
                onChange={(e) => setDraft({ seed: e.target.value })}
              />
            </label>
            <label>
              Number of runs
              <input
                type="number"
                min={1}
                value={draft.runs}
                disabled={running}
                onChange={(e) => setDraft({ runs: e.target.value })}
              />
            </label>
          </>
        )}
        <label>
          Steps per run
          <input
            type="number"
            min={2}
            value={draft.stepsPerRun}
            disabled={running}
            onChange={(e) => setDraft({ stepsPerRun: e.target.value })}
          />
        </label>
      </div>
      <div id={`${id}-plan`} aria-live="polite">
        {setup.ok && problems.length === 0 ? (
          <p className="muted">
            {setup.runs.length} {setup.runs.length === 1 ? 'run' : 'runs'} of {setup.stepsPerRun}{' '}
            steps, one after another, with the other settings as in “How to train” and the Model
            panel.
          </p>
        ) : (
          <ul className="sweep-problems text-problem">
            {problems.map((problem) => (
              <li key={problem}>{problem}</li>
            ))}
          </ul>
        )}
      </div>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={!ready || running || training || problems.length > 0}
          aria-describedby={`${id}-plan`}
          onClick={() => void start(dataset)}
        >
          Start sweep
        </button>
      </div>
      {running ? null : <OutcomeText outcome={outcome} />}
    </div>
  );
}
