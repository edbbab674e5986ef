import sharp from 'sharp';

/**
 * A photograph-like JPEG made deterministically from a seed: a sky-to-ground tone ramp, value
 * noise at four scales (clouds, hills, foliage, fine texture), hard-edged shapes (skyline,
 * branches, a sun disc) and per-pixel film grain, saved at quality 90. No real photograph ships
 * with the project (there is no network at run time and no suitably licensed image in its
 * dependencies), so encoders get this instead of a gradient: it costs them what a grainy,
 * detailed phone photo costs (a 1080×1350 one is about 0.7-1 MB as JPEG).
 */
export async function photograph(width: number, height: number, seed = 'photo'): Promise<Buffer> {
  const cached = cache.get(`${width}x${height}:${seed}`);
  if (cached) return cached;
  const random = mulberry32(hashSeed(seed));
  const pixels = width * height;

  // Value noise: a small random grid per scale, enlarged by sharp's bicubic kernel.
  const octaves = await Promise.all(
    [
      { cell: 270, weight: 0.45 },
      { cell: 60, weight: 0.3 },
      { cell: 12, weight: 0.17 },
      { cell: 3, weight: 0.08 },
    ].map(async ({ cell, weight }) => {
      const w = Math.max(2, Math.ceil(width / cell));
      const h = Math.max(2, Math.ceil(height / cell));
      const grid = Buffer.alloc(w * h * 3);
      for (let i = 0; i < grid.length; i += 1) grid[i] = Math.floor(random() * 256);
      const data = await sharp(grid, { raw: { width: w, height: h, channels: 3 } })
        .resize(width, height, { kernel: 'cubic', fit: 'fill' })
        .raw()
        .toBuffer();
      return { data, weight };
    }),
  );

  const base = Buffer.alloc(pixels * 3);
  const horizon = 0.42 + random() * 0.1;
  for (let y = 0; y < height; y += 1) {
    const v = y / height;
    // Sky above the horizon (blue, brighter towards it), warm ground below it.
    const sky = v < horizon;
    const t = sky ? v / horizon : (v - horizon) / (1 - horizon);
    const tone = sky ? [70 + 110 * t, 120 + 90 * t, 200 + 40 * t] : [150 - 90 * t, 120 - 70 * t, 70 - 40 * t];
    for (let x = 0; x < width; x += 1) {
      const p = (y * width + x) * 3;
      // Mostly light and shade (one noise for all channels), with a little colour drift.
      let light = 0;
      let warm = 0;
      let green = 0;
      for (const o of octaves) {
        light += (o.data[p]! - 128) * o.weight;
        warm += (o.data[p + 1]! - 128) * o.weight;
        green += (o.data[p + 2]! - 128) * o.weight;
      }
      const gain = sky ? 0.6 : 1.1;
      base[p] = clamp(tone[0]! + gain * (light + 0.25 * warm));
      base[p + 1] = clamp(tone[1]! + gain * (light + 0.25 * green));
      base[p + 2] = clamp(tone[2]! + gain * (light - 0.25 * warm));
    }
  }

  const shapes = svgShapes(width, height, horizon, random);
  const { data: composed, info } = await sharp(base, { raw: { width, height, channels: 3 } })
    .composite([{ input: Buffer.from(shapes), blend: 'over' }])
    .raw()
    .toBuffer({ resolveWithObject: true });
  const stride = info.channels;

  // Film grain last, so it sits on the edges too, as it does in a photo.
  const out = Buffer.alloc(pixels * 3);
  for (let i = 0; i < pixels; i += 1) {
    const g = gaussian(random) * 9;
    for (let c = 0; c < 3; c += 1) out[i * 3 + c] = clamp(composed[i * stride + c]! + g + gaussian(random) * 3);
  }
  const jpeg = await sharp(out, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer();
  cache.set(`${width}x${height}:${seed}`, jpeg);
  return jpeg;
}

const cache = new Map<string, Buffer>();

function svgShapes(width: number, height: number, horizon: number, random: () => number): string {
  const parts: string[] = [];
  const sunX = width * (0.2 + random() * 0.6);
  const sunY = height * horizon * (0.3 + random() * 0.4);
  parts.push(`<circle cx="${sunX}" cy="${sunY}" r="${width * 0.06}" fill="#fff4d0" fill-opacity="0.85"/>`);
  // A skyline of buildings with lit windows along the horizon.
  let x = 0;
  const ground = height * horizon;
  while (x < width) {
    const w = width * (0.03 + random() * 0.08);
    const h = height * (0.05 + random() * 0.22);
    const shade = Math.floor(30 + random() * 60);
    parts.push(`<rect x="${x}" y="${ground - h}" width="${w}" height="${h}" fill="rgb(${shade},${shade},${shade + 15})"/>`);
    for (let wy = ground - h + 6; wy < ground - 8; wy += 14) {
      for (let wx = x + 4; wx < x + w - 6; wx += 10) {
        if (random() < 0.45) parts.push(`<rect x="${wx}" y="${wy}" width="5" height="7" fill="#ffd98a" fill-opacity="0.9"/>`);
      }
    }
    x += w + random() * 6;
  }
  // Branches across the foreground: thin, hard edges at every angle.
  for (let i = 0; i < 40; i += 1) {
    const x1 = random() * width;
    const y1 = height * (0.55 + random() * 0.45);
    const angle = random() * Math.PI * 2;
    const length = width * (0.05 + random() * 0.3);
    const x2 = x1 + Math.cos(angle) * length;
    const y2 = y1 + Math.sin(angle) * length;
    const shade = Math.floor(random() * 50);
    parts.push(
      `<line x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" stroke="rgb(${shade + 20},${shade + 10},${shade})" stroke-width="${1 + random() * 6}"/>`,
    );
  }
  // Leaves and pebbles: small ellipses in greens and greys.
  for (let i = 0; i < 600; i += 1) {
    const cx = random() * width;
    const cy = height * (horizon + random() * (1 - horizon));
    const g = Math.floor(80 + random() * 120);
    parts.push(
      `<ellipse cx="${cx}" cy="${cy}" rx="${2 + random() * 10}" ry="${1 + random() * 5}" fill="rgb(${g - 50},${g},${g - 70})" fill-opacity="${0.5 + random() * 0.5}"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

function clamp(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : Math.round(value);
}

function hashSeed(seed: string): number {
  let h = 2166136261;
  for (const ch of seed) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return h >>> 0;
}

/** A small seeded generator: the same seed always draws the same picture. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function gaussian(random: () => number): number {
  // Box-Muller; 1 - random() keeps the logarithm finite.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
