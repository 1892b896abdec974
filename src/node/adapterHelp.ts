/** What to tell the user when Dawn finds no WebGPU adapter, from what the machine has. */
import { SWIFTSHADER_ICD, type IcdChoice } from './vulkanIcd';

export interface MachineFacts {
  platform: NodeJS.Platform;
  icd: IcdChoice;
  /** Path of libvulkan.so.1, or undefined when none was found. */
  vulkanLoader: string | undefined;
  /** Whether Chromium's SwiftShader manifest and its libvulkan.so.1 copy exist. */
  swiftshaderIcd: boolean;
  chromiumLoader: boolean;
}

export function noAdapterMessage(facts: MachineFacts): string {
  const lines = ['Dawn (the webgpu package) found no WebGPU adapter.'];
  if (facts.platform !== 'linux') {
    lines.push('Check that this machine has a GPU driver with Vulkan, Metal or Direct3D 12.');
    return lines.join('\n');
  }
  if (!facts.vulkanLoader) {
    lines.push(
      '- The Vulkan loader libvulkan.so.1 is missing: install it (Debian/Ubuntu: apt-get install libvulkan1)' +
        (facts.chromiumLoader
          ? ', or use Chromium’s copy: LD_LIBRARY_PATH=/usr/lib/chromium.'
          : ', or put a copy of it on LD_LIBRARY_PATH.'),
    );
  }
  const emulate = facts.swiftshaderIcd
    ? ` For a GPU emulated on the CPU (slow), set VK_ICD_FILENAMES=${SWIFTSHADER_ICD}.`
    : ' Debian’s chromium package ships SwiftShader, a CPU Vulkan driver, for testing.';
  switch (facts.icd.source) {
    case 'none':
      lines.push(
        `- No Vulkan driver manifest (ICD) was found in the standard icd.d folders: install your GPU’s Vulkan driver (NVIDIA: its manifest is nvidia_icd.json) or set VK_ICD_FILENAMES to it.${emulate}`,
      );
      break;
    case 'swiftshader':
      lines.push(
        `- No GPU driver was found, so VK_ICD_FILENAMES was set to Chromium’s SwiftShader (${SWIFTSHADER_ICD}) and that gave no adapter either.`,
      );
      break;
    default:
      lines.push(
        `- The Vulkan driver manifests ${facts.icd.files.join(', ')} (${facts.icd.source === 'environment' ? 'from VK_ICD_FILENAMES / VK_DRIVER_FILES' : 'found in the icd.d folders'}) gave no adapter Dawn accepts; Dawn’s warnings above say why.${emulate}`,
      );
  }
  return lines.join('\n');
}
