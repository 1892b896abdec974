/**
 * MAE-PDE's second downstream task: a small FNO time-stepper trained with no conditioning, with
 * the frozen encoder's embedding, and with the true coefficients (the oracle), then rolled out
 * on the test trajectories; rollout error per step, side-by-side forecasts, and a verdict.
 */
import { useId, useMemo, useState } from 'react';
import {
  STEPPER_ARM_IDS,
  STEPPER_ARM_LABELS,
  STEPPER_EXPERIMENT_DEFAULTS,
  type StepperArmId,
} from '../../../../models/mae/jobs/stepperExperimentConfig';
import type { DownstreamTarget } from './state/downstreamStore';
import { useRuntime } from '../../../../state/runtimeStore';
import { useStepper, type SteppedRun } from './state/stepperStore';
import { JobProgressBar } from '../../../controls/JobProgressBar';
import { OutcomeText } from '../../../controls/OutcomeText';
import { FieldView } from '../../../views/FieldView';
import { PlotlyChart } from '../../../views/PlotlyChart';
import { stepperVerdict } from './stepperVerdict';
import './stepper.css';

const ARM_COLORS: Record<StepperArmId, string> = {
  none: '#868e96',
  mae: '#4c6ef5',
  coefficients: '#f08c00',
};

const VIEW_SIZE = 150;
const MAX_STEPS = 5000;

export function StepperSection({ target }: { target: DownstreamTarget }) {
  const id = useId();
  const { choices, choose, run, activeJobId, last, outcome } = useStepper();
  const ready = useRuntime((s) => s.status === 'ready');
  const running = activeJobId !== undefined;
  const stepsOk =
    Number.isInteger(choices.steps) && choices.steps >= 1 && choices.steps <= MAX_STEPS;
  const seedOk = Number.isSafeInteger(choices.seed);

  const toggle = (arm: StepperArmId, on: boolean) =>
    choose({
      arms: STEPPER_ARM_IDS.filter((a) => (a === arm ? on : choices.arms.includes(a))),
    });

  return (
    <section className="card stepper-section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Conditioned time-stepping</h2>
      <p className="muted small">
        A small Fourier neural operator learns to predict the next {target.model.config.frames}{' '}
        frames from the current {target.model.config.frames}, and is then run on its own predictions
        to the end of each test trajectory. It is trained three ways with the same budget: on the
        frames alone, with the pretrained encoder’s summary of the current frames as an extra hint,
        and with the true equation coefficients as the hint (the best a hint could do). If the
        encoder learned the physics, its hint should bring the error down toward the oracle’s.
      </p>
      <form
        className="stepper-section__controls"
        aria-label="Time-stepping experiment"
        onSubmit={(e) => {
          e.preventDefault();
          run(target);
        }}
      >
        <fieldset className="stepper-section__arms" disabled={running}>
          <legend>Arms</legend>
          {STEPPER_ARM_IDS.map((arm) => (
            <label key={arm} className="inline-label">
              <input
                type="checkbox"
                checked={choices.arms.includes(arm)}
                onChange={(e) => toggle(arm, e.target.checked)}
              />
              {STEPPER_ARM_LABELS[arm]}
            </label>
          ))}
        </fieldset>
        <div className="param">
          <label htmlFor={`${id}-steps`}>Training steps per arm</label>
          <input
            id={`${id}-steps`}
            type="number"
            min={1}
            max={MAX_STEPS}
            step={1}
            value={Number.isFinite(choices.steps) ? choices.steps : ''}
            disabled={running}
            aria-invalid={stepsOk ? undefined : true}
            onChange={(e) => choose({ steps: e.target.valueAsNumber })}
          />
        </div>
        <div className="param">
          <label htmlFor={`${id}-seed`}>Seed</label>
          <input
            id={`${id}-seed`}
            type="number"
            step={1}
            value={Number.isFinite(choices.seed) ? choices.seed : ''}
            disabled={running}
            aria-invalid={seedOk ? undefined : true}
            onChange={(e) => choose({ seed: e.target.valueAsNumber })}
          />
        </div>
        <button
          type="submit"
          className="button button--primary"
          disabled={!ready || running || choices.arms.length === 0 || !stepsOk || !seedOk}
        >
          Run
        </button>
      </form>
      <p className="muted small">
        Width {STEPPER_EXPERIMENT_DEFAULTS.width}, {STEPPER_EXPERIMENT_DEFAULTS.modes} Fourier
        modes, embedding {STEPPER_EXPERIMENT_DEFAULTS.embedDim}, batch{' '}
        {STEPPER_EXPERIMENT_DEFAULTS.batchSize}, AdamW {STEPPER_EXPERIMENT_DEFAULTS.lr} decaying to
        1e-4; the same seed gives every arm the same initial weights and batches.
      </p>
      {activeJobId ? <JobProgressBar jobId={activeJobId} /> : null}
      {running ? null : <OutcomeText outcome={outcome} />}
      {last ? <StepperResults run={last} /> : null}
    </section>
  );
}

function StepperResults({ run }: { run: SteppedRun }) {
  const id = useId();
  const { result } = run;
  const chunkCount = result.chunks.length;
  const [chosen, setChosen] = useState(chunkCount);
  const step = Math.min(Math.max(1, chosen), chunkCount);

  const chart = useMemo(() => {
    const x = result.chunks.map((_, k) => k + 1);
    return {
      data: result.arms.map((arm) => ({
        type: 'scatter' as const,
        mode: 'lines+markers' as const,
        name: STEPPER_ARM_LABELS[arm.arm],
        x,
        y: arm.chunkErrors,
        text: result.chunks.map((c) => `frames ${c.start}–${c.end - 1}`),
        line: { color: ARM_COLORS[arm.arm], width: 2 },
        marker: { color: ARM_COLORS[arm.arm], size: 7 },
      })),
      layout: {
        xaxis: { title: { text: `rollout step (${result.window} frames each)` }, dtick: 1 },
        yaxis: { title: { text: 'relative L2 error' }, rangemode: 'tozero' as const },
        legend: { orientation: 'h' as const, y: 1.18 },
      },
    };
  }, [result]);

  const views = useMemo(() => {
    const { size, window } = result;
    const frame = size * size;
    // The last frame of the chosen step, counted from frame T (the first predicted one).
    const index = result.chunks[step - 1]!.end - 1 - window;
    const cut = (data: Float32Array) => ({
      data: data.subarray(index * frame, (index + 1) * frame),
      width: size,
      height: size,
    });
    const truth = cut(result.truth);
    const arms = result.arms.map((arm) => ({ arm: arm.arm, field: cut(arm.forecast) }));
    let [min, max] = [Infinity, -Infinity];
    for (const v of truth.data) [min, max] = [Math.min(min, v), Math.max(max, v)];
    if (!(max > min)) [min, max] = [min - 1, min + 1];
    return { truth, arms, range: { min, max }, frame: index + window };
  }, [result, step]);

  return (
    <div className="stepper-section__results">
      <p className="stepper-section__verdict" data-testid="stepper-verdict">
        {stepperVerdict(result.arms)}
      </p>
      <PlotlyChart
        title="Rollout relative L2 error per rollout step, one line per arm"
        height={280}
        data={chart.data}
        layout={chart.layout}
      />
      <table className="stepper-section__table">
        <caption className="muted small">
          Mean over {result.evaluated} {result.split} trajectories of “{run.datasetName}”; trained
          on {result.trainTrajectories}; encoder {result.runName} at step {result.step}.
        </caption>
        <thead>
          <tr>
            <th scope="col">Arm</th>
            {result.chunks.map((c, k) => (
              <th key={c.start} scope="col">
                Step {k + 1}
              </th>
            ))}
            <th scope="col">Mean</th>
            <th scope="col">Parameters</th>
          </tr>
        </thead>
        <tbody>
          {result.arms.map((arm) => (
            <tr key={arm.arm}>
              <th scope="row">{STEPPER_ARM_LABELS[arm.arm]}</th>
              {arm.chunkErrors.map((e, k) => (
                <td key={k}>{e.toPrecision(3)}</td>
              ))}
              <td>{arm.meanError.toPrecision(3)}</td>
              <td>{arm.parameterCount.toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="stepper-section__toolbar">
        <label htmlFor={`${id}-step`} className="inline-label">
          Rollout step
          <input
            id={`${id}-step`}
            type="range"
            min={1}
            max={chunkCount}
            step={1}
            value={step}
            onChange={(e) => setChosen(Number(e.target.value))}
          />
        </label>
        <output htmlFor={`${id}-step`}>
          step {step}/{chunkCount} · frame {views.frame + 1}/{result.frames} of trajectory{' '}
          {result.forecastTrajectory + 1} ({result.forecastEquation}), channel 0
        </output>
      </div>
      <div className="stepper-section__views">
        <FieldView field={views.truth} label="Truth" range={views.range} size={VIEW_SIZE} />
        {views.arms.map(({ arm, field }) => (
          <FieldView
            key={arm}
            field={field}
            label={STEPPER_ARM_LABELS[arm]}
            range={views.range}
            size={VIEW_SIZE}
          />
        ))}
      </div>
    </div>
  );
}
