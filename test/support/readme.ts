import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const README = resolve(dirname(fileURLToPath(import.meta.url)), '../../README.md');

/**
 * The PHP block of the README's "In a CMS" section, exactly as a reader copies it: the WordPress
 * test installs this very text, so the recipe cannot drift from what is tested.
 */
export function readmeWordPressRecipe(): string {
  const text = readFileSync(README, 'utf8');
  const section = text.slice(text.indexOf('## In a CMS'));
  const block = /```php\n([\s\S]*?)```/.exec(section.slice(0, section.indexOf('\n## ', 3)));
  if (!block?.[1]) throw new Error('README.md has no php block in "In a CMS"');
  return block[1].replace(/^ {2}/gm, '');
}
