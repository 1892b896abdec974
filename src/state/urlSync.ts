/**
 * Keeps the address bar and the settings store in step: the URL is read once at startup (with a
 * notice naming anything ignored), every settings change is written back, and back/forward
 * restore earlier settings. The query holds the settings; the hash holds what a link asks the lab
 * to do on arrival (open a lesson step, build the linked dataset), read by the features that own
 * those words through `onLinkOpened`.
 */
import type { Param, Schema } from '../schema/params';
import { SETTINGS_SCHEMAS, type Settings, type SettingsSection } from './settingsSchema';
import { useNotices } from './noticesStore';
import { settingsProblems } from './settingsChecks';
import { useSettings } from './settingsStore';
import {
  assertUniqueKeys,
  decodeQuery,
  describeIgnored,
  encodeQuery,
  type IgnoredValue,
} from './urlCodec';

/**
 * Quick successive changes of the same number (a dragged slider, typed digits) share one
 * history entry; any other change (a panel, a choice) gets its own, so Back undoes it.
 */
const COALESCE_MS = 800;

/** What the lab made of a link's query: the values it could not use (they fell back to defaults). */
export interface LinkReading {
  ignored: readonly IgnoredValue[];
}

/** Hears every link the lab arrives at: the first page load, `openLink`, back and forward. */
export type LinkListener = (hash: URLSearchParams, reading: LinkReading) => void;
const linkListeners = new Set<LinkListener>();
let readLink: ((reportIgnored: boolean) => void) | undefined;
let lastReading: LinkReading = { ignored: [] };

/** Calls `listener` for the link the page was opened with, and for every later one. */
export function onLinkOpened(listener: LinkListener): () => void {
  linkListeners.add(listener);
  listener(currentHash(), lastReading);
  return () => linkListeners.delete(listener);
}

/**
 * Goes to a link inside the lab (a lesson step, a pasted share link) as if it had been opened:
 * its settings replace the current ones (anything unusable named in a notice), its hash reaches
 * the link listeners, and Back returns to where the user was (unless it `replace`s this address).
 */
export function openLink(href: string, { replace = false } = {}): void {
  const url = new URL(href, window.location.href);
  const address = `${window.location.pathname}${url.search}${url.hash}`;
  if (replace) window.history.replaceState(null, '', address);
  else window.history.pushState(null, '', address);
  readLink?.(true);
}

function currentHash(): URLSearchParams {
  return new URLSearchParams(window.location.hash.replace(/^#/, ''));
}

function notifyLinkListeners(): void {
  const hash = currentHash();
  for (const listener of linkListeners) listener(hash, lastReading);
}

export function startUrlSync(): () => void {
  assertUniqueKeys(SETTINGS_SCHEMAS);
  let applyingHistory = false;
  let lastChange = { param: '', at: -Infinity };

  const readLocation = (reportIgnored: boolean) => {
    const { values, ignored } = decodeQuery(SETTINGS_SCHEMAS, window.location.search, (v) =>
      settingsProblems(v as Settings),
    );
    applyingHistory = true;
    useSettings.getState().replaceAll(values as Settings);
    applyingHistory = false;
    lastReading = { ignored };
    if (reportIgnored && ignored.length > 0) showIgnoredNotice(ignored);
  };
  readLink = (reportIgnored) => {
    readLocation(reportIgnored);
    window.history.replaceState(window.history.state, '', urlFor(useSettings.getState().values));
    notifyLinkListeners();
  };

  readLocation(true);
  // Show the cleaned link at once, so copying it never spreads the garbage.
  window.history.replaceState(window.history.state, '', urlFor(useSettings.getState().values));

  const unsubscribe = useSettings.subscribe((state, previous) => {
    if (applyingHistory || state.values === previous.values) return;
    const url = urlFor(state.values);
    if (url === currentUrl()) return;
    const param = changedNumberParam(previous.values, state.values);
    const now = performance.now();
    const continuing =
      param !== undefined && param === lastChange.param && now - lastChange.at < COALESCE_MS;
    if (continuing) window.history.replaceState(null, '', url);
    else window.history.pushState(null, '', url);
    lastChange = { param: param ?? '', at: now };
  });
  const onPopState = () => {
    readLocation(false);
    notifyLinkListeners();
  };
  window.addEventListener('popstate', onPopState);
  return () => {
    readLink = undefined;
    unsubscribe();
    window.removeEventListener('popstate', onPopState);
  };
}

/** The URL key of the one number setting that changed, if exactly that happened. */
function changedNumberParam(before: Settings, after: Settings): string | undefined {
  const changed: Param[] = [];
  for (const [section, schema] of Object.entries(SETTINGS_SCHEMAS) as [SettingsSection, Schema][]) {
    for (const [name, param] of Object.entries(schema)) {
      const a = (before[section] as Record<string, unknown>)[name];
      const b = (after[section] as Record<string, unknown>)[name];
      if (a !== b) changed.push(param);
    }
  }
  const [only] = changed;
  return changed.length === 1 && only?.kind === 'number' ? only.key : undefined;
}

function urlFor(values: Settings): string {
  const query = encodeQuery(SETTINGS_SCHEMAS, values);
  return `${window.location.pathname}${query ? `?${query}` : ''}${window.location.hash}`;
}

function currentUrl(): string {
  return `${window.location.pathname}${window.location.search}${window.location.hash}`;
}

function showIgnoredNotice(ignored: IgnoredValue[]): void {
  const items = describeIgnored(ignored);
  useNotices.getState().show({
    id: 'url-ignored',
    tone: 'warning',
    title: `The link had ${ignored.length === 1 ? 'a value' : `${ignored.length} values`} this lab could not use; defaults are used instead.`,
    detail: items.join('\n'),
    dismissible: true,
  });
}
