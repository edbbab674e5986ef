import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.htm': 'text/html',
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.txt': 'text/plain',
};

export interface ArticleFile {
  readonly path: string;
  readonly contentType: string;
}

/** The articles under a file or folder, recursively; our own `.rescued.` outputs are skipped. */
export async function listArticleFiles(target: string): Promise<ArticleFile[]> {
  const info = await stat(target);
  if (info.isFile()) {
    const type = TYPES[extname(target).toLowerCase()];
    if (!type) throw new Error(`${target}: not an article (.html, .htm, .md, .markdown or .txt)`);
    return [{ path: target, contentType: type }];
  }
  const files: ArticleFile[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile() && !entry.name.includes('.rescued.')) {
        const type = TYPES[extname(entry.name).toLowerCase()];
        if (type) files.push({ path, contentType: type });
      }
    }
  };
  await walk(target);
  return files;
}

/** `story.html` → `story.rescued.html`, beside the original, never over it. */
export function rescuedPath(path: string): string {
  const ext = extname(path);
  return `${path.slice(0, path.length - ext.length)}.rescued${ext}`;
}
