// A throwaway static site the way a blog hosts the embed: dist/ copied to a nested path,
// pages served by plain node:http (scripts/serve-static.mjs), no Vite in between, and a
// system-Chromium page that records every failed request.
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright';
import type { Browser, Page } from 'playwright';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';
import { serveStatic } from '../../scripts/serve-static.mjs';
import { distDir, readBuilt } from '../build/dist';

/** Where the embed lives on the fake blog: deliberately not the site root. */
export const EMBED_PREFIX = '/blog/assets/optim-lab/';

export interface Site {
  url: string;
  /** Writes a page at `pathname` (e.g. '/blog/posts/lab.html'). */
  addPage(pathname: string, html: string): void;
  close(): Promise<void>;
}

export interface SiteOptions {
  /** Sent with every file, e.g. a Content-Security-Policy (workers take it from theirs). */
  headers?: Record<string, string>;
}

export async function createSite(options: SiteOptions = {}): Promise<Site> {
  readBuilt('optim-lab.js');
  const root = mkdtempSync(path.join(tmpdir(), 'optim-lab-site-'));
  const embedDir = path.join(root, ...EMBED_PREFIX.split('/').filter(Boolean));
  mkdirSync(embedDir, { recursive: true });
  cpSync(distDir, embedDir, { recursive: true });
  const server = await serveStatic({
    mounts: [{ prefix: '/', dir: root }],
    headers: options.headers,
  });
  return {
    url: server.url,
    addPage(pathname, html) {
      const file = path.join(root, ...pathname.split('/').filter(Boolean));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, html);
    },
    async close() {
      await server.close();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A page whose console errors and failed or non-2xx requests are collected as problems. */
export interface WatchedPage {
  page: Page;
  problems: string[];
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
}

export async function watchedPage(browser: Browser): Promise<WatchedPage> {
  const page = await browser.newPage();
  const problems: string[] = [];
  page.on('requestfailed', (request) =>
    problems.push(`request failed: ${request.url()} (${request.failure()?.errorText})`),
  );
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  return { page, problems };
}

/** A minimal HTML document (no favicon request, so no stray 404s). */
export function htmlPage(body: string): string {
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>optim-lab embed test</title><link rel="icon" href="data:,"></head>
  <body>
${body}
  </body>
</html>
`;
}

/** One CSP violation report (report-uri's JSON body, the fields the tests read). */
export interface CspReport {
  'document-uri': string;
  'effective-directive': string;
  'blocked-uri': string;
  'source-file'?: string;
  'script-sample'?: string;
}

export interface CspReportCollector {
  /** For the policy's `report-uri`: a violation in a worker fires no event the page sees. */
  url: string;
  reports: CspReport[];
  close(): Promise<void>;
}

/** A server on its own port that keeps every CSP violation report posted to it. */
export async function collectCspReports(): Promise<CspReportCollector> {
  const reports: CspReport[] = [];
  const server = createServer((request, response) => {
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      try {
        reports.push((JSON.parse(body) as { 'csp-report': CspReport })['csp-report']);
      } catch {
        reports.push({
          'document-uri': '',
          'effective-directive': 'unparsed',
          'blocked-uri': body,
        });
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/csp-report`,
    reports,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
