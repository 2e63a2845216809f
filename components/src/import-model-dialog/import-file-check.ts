/** The check the seed asks for before any byte is sent: only .zip archives are accepted. */
export function checkImportFile(file: Pick<File, 'name' | 'size'>): string | null {
  if (!file.name.toLowerCase().endsWith('.zip')) {
    return `"${file.name}" is not a .zip archive. Compress the model folder (weights, config and tokenizer files) into a .zip and upload that.`;
  }
  if (file.size === 0) return `"${file.name}" is empty.`;
  return null;
}
