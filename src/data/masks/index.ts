/**
 * Space-time patches, masks and interpolation baselines, in plain JS (safe for the main thread).
 * The tfjs patchify/unpatchify live in './patchesTf': import that file directly, worker-side.
 */
export * from './patches';
export * from './strategies';
export * from './baseline';
