/**
 * PhysicNet-style's live picture in the Train panel (its SnapshotView): the latest snapshot of
 * one validation window, as its forecast step by step with what each level of experts adds, the
 * codes of its last input frame, and the flow the global expert estimates against the true one.
 * Each snapshot replaces the last, so codes, arrows and forecast change as training goes on.
 */
import type { ExpertsSnapshot } from '../../../models/snapshot';
import { useTrain } from '../../../state/trainStore';
import { useThrottled } from '../../useThrottled';
import { CodeSection } from './CodeSection';
import { FlowSection } from './FlowSection';
import { ForecastSection } from './ForecastSection';
// The forecast's toolbar and views are styled as the Train panel's; the Results panel shows them too.
import '../../panels/train/train.css';
import './physicnet.css';

/**
 * The three pictures of one snapshot; `heading` names its window (by default the Train panel's
 * validation window).
 */
export function ExpertsPicture({
  data,
  step,
  heading,
}: {
  data: ExpertsSnapshot;
  step: number;
  heading?: string;
}) {
  return (
    <div className="physicnet-snapshot">
      <ForecastSection data={data} step={step} heading={heading} />
      <div className="physicnet-snapshot__pair">
        <CodeSection data={data} />
        <FlowSection data={data} />
      </div>
    </div>
  );
}

export function ExpertsSnapshotView() {
  const snapshot = useThrottled(
    useTrain((s) => s.live?.snapshot),
    250,
  );
  if (snapshot?.data.kind !== 'experts') return null;
  return <ExpertsPicture data={snapshot.data} step={snapshot.step} />;
}
