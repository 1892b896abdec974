import { DebugInfoCard } from './DebugInfoCard';
import { DisplayCheckCard } from './DisplayCheckCard';
import { SelfTestCard } from './SelfTestCard';

export function DiagnosticsPanel() {
  return (
    <section className="panel" aria-labelledby="panel-title">
      <h1 id="panel-title">Diagnostics</h1>
      <div className="card-grid">
        <SelfTestCard />
        <div className="card-column">
          <DisplayCheckCard />
          <DebugInfoCard />
        </div>
      </div>
    </section>
  );
}
