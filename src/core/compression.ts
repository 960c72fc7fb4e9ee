/** Endings of files whose bytes are already compressed: deflating them again only costs time. */
const COMPRESSED = /\.(zip|gz|tgz|bz2|xz|zst|lz4|7z|rar|npz|pt|pth|ckpt|safetensors|onnx|h5|keras|pb|tflite|parquet|jpg|jpeg|png|webp|mp3|mp4)$/i

/** Above this, deflate is slower than storing and uploading the bytes as they are. */
const LARGE_TOTAL = 256 * 1024 * 1024

/**
 * The zlib level for an artifact's zip: 0 (store) when most bytes are already compressed or the
 * artifact is large, else 6 (deflate's default), which shrinks text and pickles well.
 */
export function compressionLevelFor(files: ReadonlyArray<{ path: string; size: number }>): number {
  const total = files.reduce((sum, file) => sum + file.size, 0)
  if (total >= LARGE_TOTAL) return 0
  const compressed = files.filter((file) => COMPRESSED.test(file.path)).reduce((sum, file) => sum + file.size, 0)
  return total > 0 && compressed * 2 > total ? 0 : 6
}
