/** A workflow step that is not built yet says so plainly, and what it will hold. */
import { useSettings } from '../../state/settingsStore';

export function PlaceholderPanel({ title, plans }: { title: string; plans: string }) {
  const update = useSettings((s) => s.update);
  return (
    <section className="panel panel--placeholder" aria-labelledby="panel-title">
      <h1 id="panel-title">{title}</h1>
      <p className="placeholder-badge">Not built yet</p>
      <p>{plans}</p>
      <p>
        Meanwhile, the{' '}
        <button
          type="button"
          className="link-button"
          onClick={() => update('app', { panel: 'diagnostics' })}
        >
          GPU self-test in Diagnostics
        </button>{' '}
        shows what your GPU can do in this browser.
      </p>
    </section>
  );
}

export const PLACEHOLDERS = {
  results: {
    title: 'Results',
    plans: 'Here you will compare trained models with baselines and with each other.',
  },
} as const;
