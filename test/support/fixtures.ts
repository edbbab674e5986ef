import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Every fixture a test reads lives in test/fixtures, inside the repository, and is found from
 * this file's own location: a clone with nothing beside it passes. Each folder's README keeps
 * the provenance of what it holds (repository, path and commit of the real-world source).
 */
export const FIXTURES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../fixtures');

export function fixturePath(...parts: string[]): string {
  return join(FIXTURES_DIR, ...parts);
}

export function readFixture(...parts: string[]): string {
  return readFileSync(fixturePath(...parts), 'utf8');
}

export function readJsonlFixture<T>(...parts: string[]): T[] {
  return readFixture(...parts)
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as T);
}

export function listFixtures(...parts: string[]): string[] {
  return readdirSync(fixturePath(...parts)).sort();
}

/** The Big List of Naughty Strings (test/fixtures/security/README.md). */
export function readBlns(): string[] {
  return JSON.parse(readFixture('security', 'blns.json')) as string[];
}
