/**
 * Part of `npm run bench`: the measurements behind the variant set capture encodes
 * (shared/adapters/image-processing.ts). On a photograph-like 1080×1350 JPEG it prints
 *  1. what each candidate encoding costs (CPU, bytes) and keeps (PSNR, SSIM against the resized
 *     original), and
 *  2. which file Chromium fetches from the embed's `<picture>` at each column width and pixel
 *     density when every candidate is offered (AVIF, WebP, JPEG at 320, 640, 1080).
 * Prints figures; asserts nothing.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp, { type Sharp } from 'sharp';
import { AVIF_OPTIONS, JPEG_OPTIONS, VARIANT_SET } from '../../shared/adapters/image-processing.js';
import { DEFAULT_VARIANT, renderEmbedPage } from '../../shared/embed/index.js';
import type { ImageFormat, StoredVariant } from '../../shared/post/post.js';
import { launchBrowser } from '../support/browser.js';
import { photograph } from '../support/photograph.js';
import { postRecord, storedImage } from '../support/records.js';
import { cpuMs, median } from './stats.js';

const RUNS = 3;
const CANDIDATE_WIDTHS = [320, 640, 1080];
const EXT: Record<ImageFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg' };

interface Candidate {
  readonly label: string;
  readonly format: ImageFormat;
  readonly encode: (image: Sharp) => Sharp;
}

const CANDIDATES: readonly Candidate[] = [
  ...[0, 1, 2, 4].map(
    (effort): Candidate => ({
      label: `AVIF q${AVIF_OPTIONS.quality} effort ${effort}`,
      format: 'avif',
      encode: (image) => image.avif({ ...AVIF_OPTIONS, effort }),
    }),
  ),
  { label: 'WebP q78 effort 3 (0.1 set)', format: 'webp', encode: (image) => image.webp({ quality: 78, effort: 3 }) },
  { label: `JPEG q${JPEG_OPTIONS.quality} mozjpeg`, format: 'jpeg', encode: (image) => image.jpeg(JPEG_OPTIONS) },
];

const source = await photograph(1080, 1350, 'variants-bench');
const { data, info } = await sharp(source).raw().toBuffer({ resolveWithObject: true });
const pixels = (): Sharp => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });

console.log(
  `\nvariant candidates (photograph-like 1080×1350 JPEG of ${(source.length / 1024).toFixed(0)} KB, synthesized by test/support/photograph.ts; CPU median of ${RUNS})`,
);
console.log(
  `${'width'.padEnd(6)}${'encoding'.padEnd(30)}${'bytes'.padStart(10)}${'CPU'.padStart(10)}${'PSNR'.padStart(9)}${'SSIM'.padStart(8)}`,
);
const files = new Map<string, Buffer>();
const cpuByLabel = new Map<string, number>();
for (const width of CANDIDATE_WIDTHS) {
  const reference = await pixels().resize({ width }).raw().toBuffer({ resolveWithObject: true });
  for (const candidate of CANDIDATES) {
    const cpu: number[] = [];
    let out = Buffer.alloc(0);
    for (let run = 0; run < RUNS; run += 1) {
      const before = process.cpuUsage();
      out = await candidate.encode(pixels().resize({ width })).toBuffer();
      cpu.push(cpuMs(process.cpuUsage(before)));
    }
    const decoded = await sharp(out).removeAlpha().raw().toBuffer();
    const quality = compare(reference.data, decoded, reference.info.width, reference.info.height);
    const spent = median(cpu);
    cpuByLabel.set(`${width} ${candidate.label}`, spent);
    // What the 0.1 set stored (AVIF effort 1, WebP, JPEG) is what the reader test below offers.
    if (candidate.format !== 'avif' || candidate.label.endsWith('effort 1')) files.set(`${width}.${EXT[candidate.format]}`, out);
    console.log(
      `${String(width).padEnd(6)}${candidate.label.padEnd(30)}${`${(out.length / 1024).toFixed(1)} KB`.padStart(10)}${`${spent.toFixed(0)} ms`.padStart(10)}${quality.psnr.toFixed(2).padStart(9)}${quality.ssim.toFixed(3).padStart(8)}`,
    );
  }
}
const share = (format: ImageFormat, label: string) => {
  const all = CANDIDATE_WIDTHS.flatMap((w) =>
    [...cpuByLabel].filter(([k]) => k.startsWith(`${w} `) && (k.includes('effort 1') || !k.includes('AVIF'))).map(([k, v]) => ({ k, v })),
  );
  const total = all.reduce((sum, e) => sum + e.v, 0);
  const part = all.filter((e) => e.k.includes(label)).reduce((sum, e) => sum + e.v, 0);
  const bytes = [...files].reduce((sum, [, b]) => sum + b.length, 0);
  const partBytes = [...files].filter(([k]) => k.endsWith(`.${EXT[format]}`)).reduce((sum, [, b]) => sum + b.length, 0);
  return `${((part / total) * 100).toFixed(0)}% of the CPU, ${((partBytes / bytes) * 100).toFixed(0)}% of the bytes`;
};
console.log(`WebP in the 0.1 set (AVIF effort 1 + WebP + JPEG at 320/640/1080): ${share('webp', 'WebP')}`);

// The reader: the embed page's own markup, offering every candidate, served on loopback.
const hash = storedImage(1).hash;
const variants: StoredVariant[] = [...files].map(([name, bytes]) => {
  const [w, ext] = name.split('.') as [string, string];
  const width = Number(w);
  const format = (Object.entries(EXT).find(([, e]) => e === ext)?.[0] ?? 'jpeg') as ImageFormat;
  return { width, height: Math.round((width * 1350) / 1080), format, key: `media/${hash}/${name}`, bytes: bytes.length };
});
const record = postRecord({ media: [storedImage(1, 1.25, { variants })] });
const server = createServer((req, res) => {
  const path = req.url ?? '/';
  if (path === '/embed') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(renderEmbedPage(record, { baseUrl: base, variant: DEFAULT_VARIANT }));
    return;
  }
  const file = files.get(path.split('/').pop() ?? '');
  if (!file) {
    res.writeHead(404).end();
    return;
  }
  const ext = path.split('.').pop();
  res.writeHead(200, { 'Content-Type': ext === 'jpg' ? 'image/jpeg' : `image/${ext}`, 'Content-Length': file.length });
  res.end(file);
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const browser = await launchBrowser();
const loads = new Map<string, number>();
try {
  console.log(`\nwhat Chromium fetches from the embed's <picture> when AVIF, WebP and JPEG at ${CANDIDATE_WIDTHS.join('/')} w are offered`);
  const densities = [1, 2, 3];
  console.log(`${'column'.padEnd(8)}${densities.map((d) => `${d}×`.padStart(14)).join('')}`);
  for (const width of [320, 360, 390, 414, 500, 540, 700]) {
    const cells: string[] = [];
    for (const deviceScaleFactor of densities) {
      const context = await browser.newContext({ viewport: { width, height: 900 }, deviceScaleFactor });
      const page = await context.newPage();
      const fetched: string[] = [];
      page.on('request', (request) => {
        if (request.url().includes('/media/')) fetched.push(request.url().split('/').pop() ?? '');
      });
      await page.goto(`${base}/embed`, { waitUntil: 'load' });
      await context.close();
      for (const name of fetched) loads.set(name, (loads.get(name) ?? 0) + 1);
      cells.push(fetched.join('+').padStart(14));
    }
    console.log(`${`${width} px`.padEnd(8)}${cells.join('')}`);
  }
  const fetchedFormats = new Set([...loads.keys()].map((name) => name.split('.')[1]));
  console.log(
    `WebP fetched: ${fetchedFormats.has('webp') ? 'yes' : 'never'}; JPEG fetched: ${fetchedFormats.has('jpg') ? 'yes' : 'never (only browsers without AVIF take it)'}; 320 w fetched in ${loads.get('320.avif') ?? 0} of 21 cases`,
  );
} finally {
  await browser.close();
  server.close();
}

console.log(
  `\nchosen set: ${VARIANT_SET.map((v) => `${v.format.toUpperCase()} ${v.widths.join('/')} w`).join(', ')} (and the original width when narrower), AVIF effort ${AVIF_OPTIONS.effort}`,
);

/** PSNR over RGB and the mean SSIM of 8×8 luma blocks (Wang et al. 2004 constants). */
function compare(a: Buffer, b: Buffer, width: number, height: number): { psnr: number; ssim: number } {
  let squared = 0;
  for (let i = 0; i < a.length; i += 1) squared += (a[i]! - b[i]!) ** 2;
  const psnr = 10 * Math.log10((255 * 255) / (squared / a.length));
  const luma = (buf: Buffer) => {
    const y = new Float64Array(width * height);
    for (let i = 0; i < y.length; i += 1) y[i] = 0.299 * buf[i * 3]! + 0.587 * buf[i * 3 + 1]! + 0.114 * buf[i * 3 + 2]!;
    return y;
  };
  const ya = luma(a);
  const yb = luma(b);
  const c1 = (0.01 * 255) ** 2;
  const c2 = (0.03 * 255) ** 2;
  let sum = 0;
  let blocks = 0;
  for (let by = 0; by + 8 <= height; by += 8) {
    for (let bx = 0; bx + 8 <= width; bx += 8) {
      let ma = 0;
      let mb = 0;
      for (let y = 0; y < 8; y += 1) {
        for (let x = 0; x < 8; x += 1) {
          ma += ya[(by + y) * width + bx + x]!;
          mb += yb[(by + y) * width + bx + x]!;
        }
      }
      ma /= 64;
      mb /= 64;
      let va = 0;
      let vb = 0;
      let cov = 0;
      for (let y = 0; y < 8; y += 1) {
        for (let x = 0; x < 8; x += 1) {
          const da = ya[(by + y) * width + bx + x]! - ma;
          const db = yb[(by + y) * width + bx + x]! - mb;
          va += da * da;
          vb += db * db;
          cov += da * db;
        }
      }
      va /= 63;
      vb /= 63;
      cov /= 63;
      sum += ((2 * ma * mb + c1) * (2 * cov + c2)) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
      blocks += 1;
    }
  }
  return { psnr, ssim: sum / blocks };
}
