/**
 * Share: the link of the whole current setup (the settings are its query), optionally carrying
 * the dataset recipe (`#ds=1`: whoever opens it gets the same dataset, built or found in their
 * browser), a Copy button, and the link as a QR code big enough to scan off a projector. A
 * native modal <dialog> (focus trap, Esc closes, focus returns to the Share button).
 */
import { useEffect, useId, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { linkedRecipe, storedDatasetFor } from '../../state/datasetLink';
import { useDatasets } from '../../state/datasetsStore';
import { SETTINGS_SCHEMAS } from '../../state/settingsSchema';
import { useSettings } from '../../state/settingsStore';
import { encodeQuery } from '../../state/urlCodec';
import { errorMessage } from '../../util/errorMessage';
import { shareLink } from './shareLink';
import './share.css';

export function ShareDialog({ onClose }: { onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const ids = useId();
  const values = useSettings((s) => s.values);
  const records = useDatasets((s) => s.records);
  const refresh = useDatasets((s) => s.refresh);
  const [chosen, setChosen] = useState<boolean>();
  const [copyMessage, setCopyMessage] = useState<string>();
  const [qr, setQr] = useState<{ link: string; svg?: string; problem?: string }>();

  // Layout effect: its cleanup runs while the <dialog> is still in the document, so close()
  // returns focus to where it was before the dialog opened.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => {
      if (dialog?.open) dialog.close();
    };
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const linked = useMemo(() => linkedRecipe(values), [values]);
  const stored = linked.ok ? storedDatasetFor(records, linked.recipe) : undefined;
  // On by default when a stored dataset was built from these Data settings.
  const includeDataset = linked.ok && (chosen ?? stored !== undefined);
  const link = shareLink(window.location, encodeQuery(SETTINGS_SCHEMAS, values), includeDataset);

  useEffect(() => {
    let current = true;
    // The QR encoder loads when the dialog first opens, not with the page.
    import('qrcode')
      .then(({ toString }) => toString(link, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 }))
      .then(
        (svg) => current && setQr({ link, svg }),
        (error: unknown) => current && setQr({ link, problem: errorMessage(error) }),
      );
    return () => {
      current = false;
    };
  }, [link]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(link);
      setCopyMessage('Copied the link.');
    } catch {
      linkRef.current?.focus();
      linkRef.current?.select();
      setCopyMessage(
        'This browser did not let the lab copy: the link is selected, press Ctrl+C (⌘C on a Mac) to copy it.',
      );
    }
  };

  const shownQr = qr?.link === link ? qr : undefined;
  return (
    <dialog
      ref={ref}
      className="settings-dialog share-dialog"
      aria-labelledby={`${ids}-title`}
      aria-describedby={`${ids}-about`}
      onClose={onClose}
    >
      <div className="settings-dialog__head">
        <h2 id={`${ids}-title`}>Share this setup</h2>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
      <p id={`${ids}-about`} className="muted">
        The link opens the lab with every setting as it is now: equation, numerics, dataset builder,
        model, training and the panel you are on.
      </p>
      <div className="share-dialog__option">
        <label>
          <input
            type="checkbox"
            checked={includeDataset}
            disabled={!linked.ok}
            aria-describedby={`${ids}-dataset`}
            onChange={(e) => setChosen(e.target.checked)}
          />{' '}
          Include the dataset recipe
        </label>
        <small id={`${ids}-dataset`} className="param__help">
          {!linked.ok
            ? `The Data settings cannot build a dataset now: ${linked.problem}`
            : includeDataset
              ? `Whoever opens the link gets the dataset these Data settings build (“${linked.params.name}”): the same numbers, built in their browser, or the copy they already have.`
              : 'The link carries the settings only; whoever opens it builds a dataset themselves.'}
          {linked.ok && stored ? ` You have it saved as “${stored.name}”.` : ''}
        </small>
      </div>
      <label htmlFor={`${ids}-link`}>Link</label>
      <div className="share-dialog__link">
        <input
          id={`${ids}-link`}
          ref={linkRef}
          type="text"
          readOnly
          value={link}
          onFocus={(e) => e.currentTarget.select()}
        />
        <button type="button" className="button button--primary" onClick={() => void copy()}>
          Copy
        </button>
      </div>
      <p className="muted small" role="status" aria-live="polite">
        {copyMessage}
      </p>
      {shownQr?.svg ? (
        <div
          className="share-dialog__qr"
          role="img"
          aria-label={`QR code of the link${includeDataset ? ', with the dataset recipe' : ''}: scan it to open the same setup`}
          // The SVG comes from the qrcode library: paths and a viewBox, no scripts or styles.
          dangerouslySetInnerHTML={{ __html: shownQr.svg }}
        />
      ) : shownQr?.problem ? (
        <p className="text-problem" role="alert">
          No QR code: {shownQr.problem}
        </p>
      ) : (
        <p className="muted" role="status">
          Drawing the QR code…
        </p>
      )}
    </dialog>
  );
}
