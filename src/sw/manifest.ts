/**
 * What the build tells the service worker, and what the page and the service worker say to each
 * other. Types and plain constants only: the build (Node), the page and the service worker all
 * read this file.
 */

/** One file of the site that the service worker stores for offline use. */
export interface PrecacheEntry {
  /** Path relative to the site's base (where sw.js lives): 'index.html', 'assets/katex-B1x.js'. */
  url: string;
  /** SHA-256 of the file's bytes, lowercase hex: the service worker checks what it downloads. */
  sha256: string;
  /** Size in bytes (for the install's progress and the README's figure). */
  bytes: number;
}

/** The precache list of one build. */
export interface PrecacheManifest {
  /** Hash of the list (urls and their hashes): a new build with any changed file has a new version. */
  version: string;
  /** Sorted by url. */
  entries: PrecacheEntry[];
  /** The page served to a navigation when the network is unreachable: 'index.html'. */
  shell: string;
}

/** Prefix of the service worker's cache names; the version follows it. */
export const CACHE_PREFIX = 'sindy-precache-';

/** Page → waiting service worker: take over now (the page reloads when it has). */
export const SKIP_WAITING = 'SKIP_WAITING';
