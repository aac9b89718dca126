export interface Mount {
  /** URL path prefix ending in '/', e.g. '/' or '/blog/assets/optim-lab/'. */
  prefix: string;
  /** Folder served under that prefix. */
  dir: string;
}
export const MIME_TYPES: Record<string, string>;
export function resolveFile(mounts: Mount[], urlPath: string): string | null;
export function serveStatic(options: {
  mounts: Mount[];
  host?: string;
  port?: number;
  /** Sent with every file, e.g. { 'Content-Security-Policy': "script-src 'self'" }. */
  headers?: Record<string, string>;
}): Promise<{ url: string; close: () => Promise<void> }>;
