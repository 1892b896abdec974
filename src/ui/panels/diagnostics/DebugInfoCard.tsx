/** "Copy debug info": one click puts browser, backend, adapter and limits on the clipboard. */
import { useState } from 'react';
import { computeClient, useRuntime } from '../../../state/runtimeStore';
import { formatDebugInfo } from './debugInfo';

export function DebugInfoCard() {
  const report = useRuntime((s) => s.report);
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');

  const copy = async () => {
    const nav = navigator as Navigator & { deviceMemory?: number };
    const info = formatDebugInfo({
      appVersion: __APP_VERSION__,
      url: window.location.href,
      userAgent: nav.userAgent,
      hardwareConcurrency: nav.hardwareConcurrency,
      deviceMemoryGb: nav.deviceMemory,
      screen: `${window.screen.width}×${window.screen.height} @${window.devicePixelRatio}x`,
      report,
      memory: await computeClient()
        .memory()
        .catch(() => undefined),
    });
    setText(info);
    try {
      await navigator.clipboard.writeText(info);
      setStatus('Copied to the clipboard.');
    } catch {
      setStatus('The browser did not allow copying: select the text below and copy it.');
    }
  };

  return (
    <section className="card" aria-labelledby="debug-heading">
      <h2 id="debug-heading">Debug info</h2>
      <p>For a bug report: browser, backend, GPU adapter, limits and the TensorFlow.js version.</p>
      <button type="button" className="button" onClick={() => void copy()}>
        Copy debug info
      </button>
      <p role="status" className="muted">
        {status}
      </p>
      {text ? (
        <textarea readOnly value={text} rows={10} aria-label="Debug info" className="debug-text" />
      ) : null}
    </section>
  );
}
