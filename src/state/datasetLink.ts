/**
 * A link whose hash says `ds=1` carries its dataset: the Data-panel settings in its query are the
 * recipe. On arrival the lab selects the stored dataset built from the same recipe, or builds it
 * with the Data panel's builder (progress, time left and Stop in its Datasets card) and selects
 * the result, saying what happens in a notice. The request is taken from the hash once acted on,
 * so a reload after changing settings builds nothing unasked.
 */
import type { BuildDatasetParams } from '../runtime/jobs/buildDatasetConfig';
import { datasetRecipe } from '../runtime/jobs/datasetRecipe';
import type { DatasetRecordMeta } from '../storage/datasetRecords';
import type { Summary } from '../storage/types';
import { errorMessage } from '../util/errorMessage';
import { buildParamsFrom, buildSettingsProblems } from './buildParams';
import { useDatasets } from './datasetsStore';
import { useMask } from './maskStore';
import { useNotices, type Notice } from './noticesStore';
import { useRuntime } from './runtimeStore';
import type { Settings } from './settingsSchema';
import { useSettings } from './settingsStore';
import { onLinkOpened } from './urlSync';

/** The hash key (`#ds=1`) that asks for the link's dataset. */
export const DATASET_HASH_KEY = 'ds';
const NOTICE_ID = 'dataset-link';

/** What the link's settings make: the build and its recipe, or why they cannot build. */
export type LinkedRecipe =
  { ok: true; params: BuildDatasetParams; recipe: string } | { ok: false; problem: string };

export function linkedRecipe(values: Settings): LinkedRecipe {
  const [broken] = buildSettingsProblems(values);
  if (broken) return { ok: false, problem: broken.message };
  try {
    const params = buildParamsFrom(values);
    return { ok: true, params, recipe: datasetRecipe(params) };
  } catch (error) {
    return { ok: false, problem: errorMessage(error) };
  }
}

/** The newest stored dataset built from `recipe` (records are listed newest first). */
export function storedDatasetFor(
  records: readonly Summary<DatasetRecordMeta>[],
  recipe: string,
): Summary<DatasetRecordMeta> | undefined {
  return records.find((r) => r.meta.recipe === recipe);
}

/** Hears every link the lab arrives at and acts on those that ask for their dataset. */
export function startDatasetLink(): () => void {
  return onLinkOpened((hash, { ignored }) => {
    if (hash.get(DATASET_HASH_KEY) !== '1') return;
    forgetRequest();
    // The recipe would no longer be what the sender meant: refuse rather than build defaults.
    if (ignored.length > 0) {
      show(
        'warning',
        'The link’s dataset recipe could not be read in full, so no dataset was built.',
        'Its Data settings fell back to defaults where it had values this lab cannot use (see the notice about the link). Check the Data panel and build the dataset from there.',
      );
      return;
    }
    void openLinkedDataset(useSettings.getState().values);
  });
}

/** Counts arrivals, so a flow overtaken by a newer link selects nothing. */
let arrival = 0;

async function openLinkedDataset(values: Settings): Promise<void> {
  const mine = ++arrival;
  const linked = linkedRecipe(values);
  if (!linked.ok) {
    show(
      'warning',
      'The link asks for its dataset, but its Data settings cannot build one; nothing was built.',
      linked.problem,
    );
    return;
  }
  const { params, recipe } = linked;
  if (await selectStored(recipe, mine)) return;

  show('info', 'Building the linked dataset…', buildingDetail(params), showProgressAction());
  await waitFor(useRuntime, (s) => s.status === 'ready');
  // Another build (the user's, or an earlier link's) holds the builder: wait, then look again.
  await waitFor(useDatasets, (s) => s.activeJobId === undefined);
  if (mine !== arrival || (await selectStored(recipe, mine))) return;

  const id = await useDatasets.getState().build(params);
  if (mine !== arrival) return;
  if (id) {
    useMask.getState().choose(id);
    show(
      'info',
      `Built the linked dataset “${params.name}” and selected it.`,
      'The Mask and Train panels use it now.',
    );
    return;
  }
  const outcome = useDatasets.getState().outcome;
  const stopped = outcome?.tone !== 'problem';
  show(
    stopped ? 'info' : 'error',
    stopped ? 'The linked dataset was not built.' : 'The linked dataset could not be built.',
    outcome?.text ?? 'Nothing was saved.',
  );
}

/** Selects the stored dataset built from `recipe`, if there is one; says so. */
async function selectStored(recipe: string, mine: number): Promise<boolean> {
  await useDatasets.getState().refresh();
  const found = storedDatasetFor(useDatasets.getState().records, recipe);
  if (!found || mine !== arrival) return false;
  useMask.getState().choose(found.id);
  show(
    'info',
    `Using the stored dataset “${found.name}”, built from this link’s recipe.`,
    'It was built in this browser before, so it is not built again. The Mask and Train panels use it now.',
  );
  return true;
}

function buildingDetail(params: BuildDatasetParams): string {
  return `“${params.name}”, from the Data settings in the link. Progress, time left and Stop are in the Data panel’s Datasets card.`;
}

/** Points at the build's progress from any panel other than Data. */
function showProgressAction(): Notice['action'] {
  if (useSettings.getState().values.app.panel === 'data') return undefined;
  return {
    label: 'Show progress',
    run: () => useSettings.getState().update('app', { panel: 'data' }),
  };
}

function show(tone: Notice['tone'], title: string, detail: string, action?: Notice['action']) {
  useNotices.getState().show({
    id: NOTICE_ID,
    tone,
    title,
    detail,
    ...(action ? { action } : {}),
    dismissible: true,
  });
}

/** Takes `ds` out of the address bar's hash, keeping anything else it asks. */
function forgetRequest(): void {
  const hash = new URLSearchParams(window.location.hash.replace(/^#/, ''));
  hash.delete(DATASET_HASH_KEY);
  const rest = hash.toString();
  const { pathname, search } = window.location;
  window.history.replaceState(
    window.history.state,
    '',
    `${pathname}${search}${rest ? `#${rest}` : ''}`,
  );
}

/** Resolves once `store`'s state satisfies `ready` (at once if it already does). */
function waitFor<S>(
  store: { getState(): S; subscribe(listener: (state: S) => void): () => void },
  ready: (state: S) => boolean,
): Promise<void> {
  if (ready(store.getState())) return Promise.resolve();
  return new Promise((resolve) => {
    const unsubscribe = store.subscribe((state) => {
      if (!ready(state)) return;
      unsubscribe();
      resolve();
    });
  });
}
