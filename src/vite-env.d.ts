/// <reference types="vite/client" />

/** The lab's version, from package.json (defined in vite.config.ts). */
declare const __APP_VERSION__: string;
