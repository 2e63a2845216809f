/** The pre-upload check of the seed ("The system validates the file extension"); also the validator's first step. */
export type ArchiveFileNameCheck = { ok: true } | { ok: false; message: string };

export function checkArchiveFileName(name: string): ArchiveFileNameCheck {
  const base = name.split(/[\\/]/).pop() ?? '';
  if (base.trim() === '') {
    return { ok: false, message: 'The file has no name. Choose a .zip file that holds the model files.' };
  }
  if (!/\.zip$/i.test(base)) {
    const dot = base.lastIndexOf('.');
    const extension = dot > 0 ? base.slice(dot) : '(none)';
    return {
      ok: false,
      message:
        `"${base}" has the extension ${extension}, but models are imported as .zip archives. ` +
        'Put the model files (a .gguf file, or config.json with weights and tokenizer files) into a .zip archive and upload that.',
    };
  }
  if (base.length === 4) {
    return {
      ok: false,
      message: 'The file is named only ".zip". Give the archive a name: it becomes the model name.',
    };
  }
  return { ok: true };
}
