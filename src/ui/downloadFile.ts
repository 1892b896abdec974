/** Hands bytes to the browser as a download under `name`. */
export function downloadFile(name: string, bytes: Uint8Array, type = 'application/octet-stream') {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download has started reading the blob by then; revoking at once can cancel it in Firefox.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
