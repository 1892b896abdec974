import { describe, expect, it } from 'vitest';
import { noAdapterMessage, type MachineFacts } from './adapterHelp';
import { chooseIcd, findVulkanLoader, SWIFTSHADER_ICD, type FileProbe } from './vulkanIcd';

/** A file system holding exactly these files. */
function files(...paths: string[]): FileProbe {
  return {
    exists: (path) => paths.includes(path),
    list: (dir) => paths.filter((p) => p.startsWith(`${dir}/`)).map((p) => p.slice(dir.length + 1)),
  };
}

const env = { HOME: '/root' };
const nvidiaExtra = '/usr/local/nvidia/share/vulkan/icd.d/nvidia_icd.json';

describe('chooseIcd', () => {
  it('leaves a manifest given in the environment alone', () => {
    const choice = chooseIcd(
      { ...env, VK_ICD_FILENAMES: '/a.json:/b.json' },
      files(SWIFTSHADER_ICD),
    );
    expect(choice).toEqual({ source: 'environment', files: ['/a.json', '/b.json'] });
    expect(chooseIcd({ ...env, VK_DRIVER_FILES: '/c.json' }, files()).source).toBe('environment');
  });

  it('prefers a driver in the standard folders over SwiftShader and sets nothing', () => {
    const choice = chooseIcd(
      env,
      files('/usr/share/vulkan/icd.d/nvidia_icd.json', SWIFTSHADER_ICD),
    );
    expect(choice).toEqual({
      source: 'system',
      files: ['/usr/share/vulkan/icd.d/nvidia_icd.json'],
    });
  });

  it('points the loader at NVIDIA’s manifest outside the standard folders', () => {
    expect(chooseIcd(env, files(nvidiaExtra, SWIFTSHADER_ICD))).toEqual({
      source: 'nvidia-extra',
      files: [nvidiaExtra],
      set: nvidiaExtra,
    });
  });

  it('falls back to Chromium’s SwiftShader only when there is no driver at all', () => {
    expect(chooseIcd(env, files(SWIFTSHADER_ICD)).set).toBe(SWIFTSHADER_ICD);
    expect(chooseIcd(env, files())).toEqual({ source: 'none', files: [] });
  });

  it('reads the folders of XDG_DATA_DIRS', () => {
    const choice = chooseIcd(
      { ...env, XDG_DATA_DIRS: '/opt/share' },
      files('/opt/share/vulkan/icd.d/x.json', '/usr/share/vulkan/icd.d/y.json'),
    );
    expect(choice.files).toEqual(['/opt/share/vulkan/icd.d/x.json']);
  });
});

describe('findVulkanLoader', () => {
  it('looks on LD_LIBRARY_PATH first, then the system folders', () => {
    const fs = files('/opt/vk/libvulkan.so.1', '/usr/lib/x86_64-linux-gnu/libvulkan.so.1');
    expect(findVulkanLoader({ LD_LIBRARY_PATH: '/opt/vk' }, fs)).toBe('/opt/vk/libvulkan.so.1');
    expect(findVulkanLoader({}, fs)).toBe('/usr/lib/x86_64-linux-gnu/libvulkan.so.1');
    expect(findVulkanLoader({}, files())).toBeUndefined();
  });
});

describe('noAdapterMessage', () => {
  const facts: MachineFacts = {
    platform: 'linux',
    icd: { source: 'none', files: [] },
    vulkanLoader: undefined,
    swiftshaderIcd: true,
    chromiumLoader: true,
  };

  it('names the missing loader and how to get it', () => {
    const text = noAdapterMessage(facts);
    expect(text).toContain('apt-get install libvulkan1');
    expect(text).toContain('LD_LIBRARY_PATH=/usr/lib/chromium');
  });

  it('says exactly what to set for SwiftShader when a driver gave no adapter', () => {
    const text = noAdapterMessage({
      ...facts,
      vulkanLoader: '/usr/lib/x86_64-linux-gnu/libvulkan.so.1',
      icd: { source: 'system', files: ['/usr/share/vulkan/icd.d/lvp_icd.x86_64.json'] },
    });
    expect(text).not.toContain('libvulkan1');
    expect(text).toContain('lvp_icd.x86_64.json');
    expect(text).toContain(`VK_ICD_FILENAMES=${SWIFTSHADER_ICD}`);
  });

  it('does not offer SwiftShader where Chromium is missing', () => {
    const text = noAdapterMessage({ ...facts, swiftshaderIcd: false, chromiumLoader: false });
    expect(text).not.toContain(`VK_ICD_FILENAMES=${SWIFTSHADER_ICD}`);
    expect(text).toContain('nvidia_icd.json');
  });
});
