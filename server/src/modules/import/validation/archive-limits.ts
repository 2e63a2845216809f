/** Bounds that keep a hostile archive from exhausting disk, memory or time. */
export interface ArchiveLimits {
  /** Sum of all entries' uncompressed sizes. */
  maxTotalUncompressedBytes: number;
  /** Largest uncompressed size of a single entry. */
  maxEntryUncompressedBytes: number;
  /** Uncompressed ÷ compressed size above which an entry counts as a zip bomb. */
  maxCompressionRatio: number;
  /** Entries smaller than this are exempt from the ratio check (tiny JSON files compress very well). */
  compressionRatioMinBytes: number;
  maxEntryCount: number;
  /** In bytes of the stored name. */
  maxEntryNameLength: number;
  /** Path depth below the archive root. */
  maxPathDepth: number;
  /** JSON files that are parsed (config.json, adapter_config.json, deployconfig.json...). */
  maxJsonFileBytes: number;
  /** A safetensors header (the JSON before the tensor data). */
  maxSafetensorsHeaderBytes: number;
}

export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxTotalUncompressedBytes: 200 * 1024 ** 3,
  maxEntryUncompressedBytes: 100 * 1024 ** 3,
  maxCompressionRatio: 100,
  compressionRatioMinBytes: 1024 * 1024,
  maxEntryCount: 10_000,
  maxEntryNameLength: 512,
  maxPathDepth: 16,
  maxJsonFileBytes: 16 * 1024 * 1024,
  maxSafetensorsHeaderBytes: 32 * 1024 * 1024,
};

export function resolveArchiveLimits(overrides: Partial<ArchiveLimits> = {}): ArchiveLimits {
  return { ...DEFAULT_ARCHIVE_LIMITS, ...overrides };
}
