/**
 * Which Vulkan driver (ICD) Dawn will see in Node. Dawn's Vulkan backend goes through the system
 * loader (libvulkan.so.1), which reads VK_ICD_FILENAMES / VK_DRIVER_FILES or else the standard
 * icd.d folders. A machine without a GPU driver has none of those, but Debian's Chromium ships
 * SwiftShader (a CPU Vulkan) with its own manifest: we point the loader at it only when nothing
 * else is configured, so a real GPU is never shadowed by the emulator.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** NVIDIA manifests some container images install outside the loader's standard folders. */
export const EXTRA_GPU_ICDS = ['/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json'];

const LIBRARY_DIRS = [
  '/lib/x86_64-linux-gnu',
  '/usr/lib/x86_64-linux-gnu',
  '/lib/aarch64-linux-gnu',
  '/usr/lib/aarch64-linux-gnu',
  '/usr/lib64',
  '/lib64',
  '/usr/lib',
  '/usr/local/lib',
];

export interface FileProbe {
  exists(path: string): boolean;
  /** File names in a folder; [] when it is missing. */
  list(dir: string): string[];
}

export const realFiles: FileProbe = {
  exists: existsSync,
  list: (dir) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};

export type IcdSource =
  | 'environment' // VK_ICD_FILENAMES or VK_DRIVER_FILES was set by the user
  | 'system' // a manifest in a standard icd.d folder
  | 'nvidia-extra' // set here: an NVIDIA manifest outside the standard folders
  | 'swiftshader' // set here: Chromium's SwiftShader, no other driver found
  | 'none';

export interface IcdChoice {
  source: IcdSource;
  /** Manifests the loader will read (those found in the standard folders for 'system'). */
  files: string[];
  /** VK_ICD_FILENAMES to set before Dawn starts; undefined: leave the environment alone. */
  set?: string;
}

/** The loader's standard manifest folders on Linux (XDG config and data dirs, then /etc). */
export function standardIcdDirs(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? '';
  const configDirs = [env.XDG_CONFIG_HOME ?? join(home, '.config')]
    .concat((env.XDG_CONFIG_DIRS ?? '/etc/xdg').split(':'))
    .concat(['/etc']);
  const dataDirs = [env.XDG_DATA_HOME ?? join(home, '.local/share')].concat(
    (env.XDG_DATA_DIRS ?? '/usr/local/share:/usr/share').split(':'),
  );
  return [...configDirs, ...dataDirs]
    .filter((dir) => dir !== '')
    .map((dir) => join(dir, 'vulkan', 'icd.d'));
}

export function chooseIcd(env: NodeJS.ProcessEnv, files: FileProbe = realFiles): IcdChoice {
  const given = env.VK_ICD_FILENAMES ?? env.VK_DRIVER_FILES;
  if (given) return { source: 'environment', files: given.split(':') };
  const system = standardIcdDirs(env).flatMap((dir) =>
    files
      .list(dir)
      .filter((name) => name.endsWith('.json'))
      .map((name) => join(dir, name)),
  );
  if (system.length > 0) return { source: 'system', files: system };
  const nvidia = EXTRA_GPU_ICDS.find((path) => files.exists(path));
  if (nvidia) return { source: 'nvidia-extra', files: [nvidia], set: nvidia };
  if (files.exists(SWIFTSHADER_ICD))
    return { source: 'swiftshader', files: [SWIFTSHADER_ICD], set: SWIFTSHADER_ICD };
  return { source: 'none', files: [] };
}

/** Where the Vulkan loader library was found, or undefined (then Dawn cannot use Vulkan). */
export function findVulkanLoader(
  env: NodeJS.ProcessEnv,
  files: FileProbe = realFiles,
): string | undefined {
  const dirs = (env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean).concat(LIBRARY_DIRS);
  return dirs.map((dir) => join(dir, 'libvulkan.so.1')).find((path) => files.exists(path));
}
