import { createHash } from 'node:crypto';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { UpstreamError } from '../errors.js';
import type { ImageFormat } from '../post/post.js';

/** docs/design.md, shape of the system: widths kept for readers, never upscaled; about 25 MP at most per input image. */
export const VARIANT_WIDTHS = [320, 640, 1080] as const;
export const FORMATS: readonly ImageFormat[] = ['avif', 'webp', 'jpeg'];
const LIMIT_INPUT_PIXELS = 25_000_000;

export interface ProcessedVariant {
  readonly width: number;
  readonly height: number;
  readonly format: ImageFormat;
  readonly data: Buffer;
}

export interface ProcessedImage {
  readonly width: number;
  readonly height: number;
  readonly original: { readonly data: Buffer; readonly contentType: string; readonly extension: string };
  readonly variants: readonly ProcessedVariant[];
  readonly placeholder: string;
}

const ORIGINAL_TYPES: Record<string, { contentType: string; extension: string }> = {
  jpeg: { contentType: 'image/jpeg', extension: 'jpg' },
  png: { contentType: 'image/png', extension: 'png' },
  webp: { contentType: 'image/webp', extension: 'webp' },
  gif: { contentType: 'image/gif', extension: 'gif' },
  heif: { contentType: 'image/heif', extension: 'heif' },
};

const ENCODERS: Record<ImageFormat, (image: Sharp) => Sharp> = {
  // Effort 1 keeps AVIF encoding near WebP's cost (1080 px: ~0.3 s vs ~0.9 s at effort 2, measured
  // 2026-11 on this machine); the files stay well under JPEG's.
  avif: (image) => image.avif({ quality: 55, effort: 1 }),
  webp: (image) => image.webp({ quality: 78, effort: 3 }),
  jpeg: (image) => image.jpeg({ quality: 80, mozjpeg: true, progressive: true }),
};

/**
 * Turns downloaded bytes into what readers get: the original kept as it came, each width ≤ the
 * original in AVIF, WebP and JPEG, and a ~200-byte blurred placeholder. Anything sharp cannot
 * read, or larger than 25 MP, is refused as an invalid upstream answer.
 */
export async function processImage(bytes: Buffer, onVariant?: (variant: ProcessedVariant) => Promise<void>): Promise<ProcessedImage> {
  let metadata: Metadata;
  try {
    // Reading the header alone is cheap whatever it claims; the pixel limit applies to decoding.
    metadata = await sharp(bytes, { limitInputPixels: false, failOn: 'error' }).metadata();
  } catch (error) {
    throw new UpstreamError('upstream_invalid', 'The image Instagram served could not be read.', { cause: error });
  }
  const original = ORIGINAL_TYPES[metadata.format ?? ''];
  if (!original || !metadata.width || !metadata.height) {
    throw new UpstreamError('upstream_invalid', `Instagram served ${metadata.format ?? 'something'} where an image was expected.`);
  }
  if (metadata.width * metadata.height > LIMIT_INPUT_PIXELS) {
    throw new UpstreamError('upstream_too_large', `The image is ${metadata.width}×${metadata.height}, larger than 25 megapixels.`);
  }

  try {
    // Decode once: every variant is encoded from the same upright pixels instead of re-decoding.
    const { data, info } = await sharp(bytes, { limitInputPixels: LIMIT_INPUT_PIXELS, failOn: 'error', animated: false })
      .autoOrient()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixels = (): Sharp => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    const { width, height } = info;
    const jobs = variantWidths(width).flatMap((w) =>
      FORMATS.map(async (format): Promise<ProcessedVariant> => {
        const { data: encoded, info: out } = await ENCODERS[format](pixels().resize({ width: w, withoutEnlargement: true })).toBuffer({
          resolveWithObject: true,
        });
        const variant = { width: out.width, height: out.height, format, data: encoded };
        // Each variant can be stored while the others are still encoding.
        await onVariant?.(variant);
        return variant;
      }),
    );
    const placeholderJob = pixels().resize({ width: 16, height: 16, fit: 'inside' }).blur(1).webp({ quality: 30 }).toBuffer();
    const [variants, placeholder] = await Promise.all([Promise.all(jobs), placeholderJob]);
    return {
      width,
      height,
      original: { data: bytes, ...original },
      variants,
      placeholder: `data:image/webp;base64,${placeholder.toString('base64')}`,
    };
  } catch (error) {
    throw new UpstreamError('upstream_invalid', 'The image Instagram served could not be processed.', { cause: error });
  }
}

/** 320/640/1080 where the original is at least that wide, and the original width when it is narrower than 1080. */
export function variantWidths(originalWidth: number): number[] {
  const widths: number[] = VARIANT_WIDTHS.filter((w) => w <= originalWidth);
  if (originalWidth < 1080 && !widths.includes(originalWidth)) widths.push(originalWidth);
  return widths;
}

/** The content address of an original: media keys are `media/<this>/…`. */
export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
