import { DebugInfoCard } from './DebugInfoCard';
import { DisplayCheckCard } from './DisplayCheckCard';
import { SelfTestCard } from './SelfTestCard';
import { WasmCard } from './WasmCard';

export function DiagnosticsPanel() {
  return (
    <section className="panel" aria-labelledby="panel-title">
      <h1 id="panel-title">Diagnostics</h1>
      <div className="card-grid">
        <SelfTestCard />
        <div className="card-column">
          <WasmCard />
          <DisplayCheckCard />
          <DebugInfoCard />
        </div>
      </div>
    </section>
  );
}
