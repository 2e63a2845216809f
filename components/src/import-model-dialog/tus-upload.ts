/**
 * Uploads one file and resolves with the server's upload id; the contract ImportModelDialog needs. `onCreated`,
 * when the uploader can tell, reports the id as soon as the server knows the upload, so the import can start
 * (and the model show as Importing) while the bytes are still on their way.
 */
export type FileUploader = (
  file: File,
  options: {
    onProgress: (sentBytes: number, totalBytes: number) => void;
    onCreated?: (uploadId: string) => void;
    signal: AbortSignal;
  },
) => Promise<string>;

/**
 * A resumable tus upload to `endpoint` (Hangar's `/uploads`). tus-js-client remembers the upload URL by file
 * fingerprint, so after a dropped connection or a page refresh the same file continues where it stopped.
 */
export function tusUploader(endpoint: string, token?: string): FileUploader {
  return async (file, { onProgress, onCreated, signal }) => {
    const { Upload } = await import('tus-js-client');
    return new Promise<string>((resolve, reject) => {
      const upload = new Upload(file, {
        endpoint,
        headers: token ? { authorization: `Bearer ${token}` } : {},
        metadata: { filename: file.name, filetype: file.type || 'application/zip' },
        chunkSize: 8 * 1024 * 1024,
        retryDelays: [0, 1000, 3000, 5000, 10000],
        storeFingerprintForResuming: true,
        removeFingerprintOnSuccess: true,
        onProgress: (sent, total) => onProgress(sent, total),
        onUploadUrlAvailable: () => {
          const id = upload.url?.split('/').pop();
          if (id) onCreated?.(id);
        },
        onError: (error) => reject(error),
        onSuccess: () => {
          finished = true;
          const id = upload.url?.split('/').pop();
          if (id) resolve(id);
          else reject(new Error('The upload finished but the server sent no upload URL.'));
        },
      });
      let finished = false;
      signal.addEventListener('abort', () => {
        // A finished upload belongs to the import now (the server removes it when done): leave it alone.
        if (finished) return;
        // Terminating can fail (the upload may already be gone); cancelling is best effort.
        upload.abort(true).catch(() => undefined);
        reject(new DOMException('Upload cancelled.', 'AbortError'));
      });
      void upload.findPreviousUploads().then((previous) => {
        const latest = previous[0];
        if (latest) upload.resumeFromPreviousUpload(latest);
        upload.start();
      }, reject);
    });
  };
}
