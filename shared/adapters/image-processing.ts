import { createHash } from 'node:crypto';
import sharp, { type Metadata, type Sharp } from 'sharp';
import { UpstreamError } from '../errors.js';
import type { ImageFormat } from '../post/post.js';

/**
 * What readers load, measured in Chromium (`npm run bench`, 2026-12): with AVIF offered, WebP is
 * never fetched at any column width or density, so it is not made (it cost 28% of the encode
 * CPU and 42% of the variant bytes); browsers without AVIF take the JPEG. A 320 w AVIF was
 * fetched only by a 320 px column at 1×, which now gets 640 w; the 320 w JPEG stays, cheap, as
 * the oEmbed thumbnail for consumers asking `maxwidth` below 640 (WordPress asks 500). Each width
 * is made where the original is at least that wide, plus the original width when it is narrower
 * than the widest; never upscaled (docs/design.md, shape of the system; about 25 MP at most per
 * input image).
 */
export const VARIANT_SET: readonly { readonly format: ImageFormat; readonly widths: readonly number[] }[] = [
  { format: 'avif', widths: [640, 1080] },
  { format: 'jpeg', widths: [320, 640, 1080] },
];
/**
 * Effort 0: on the photograph-like bench image, 1080 w at effort 0 has effort 1's SSIM (0.823 vs
 * 0.824) with 4% more bytes at 38% of its CPU; effort 4 costs 45 times effort 0's CPU for 0.02
 * more SSIM and no fewer bytes (`npm run bench`, 2026-12).
 */
export const AVIF_OPTIONS = { quality: 55, effort: 0 } as const;
export const JPEG_OPTIONS = { quality: 80, mozjpeg: true, progressive: true } as const;
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
  avif: (image) => image.avif(AVIF_OPTIONS),
  // Not made any more (see VARIANT_SET); kept so the type stays total for records of 0.1 that hold WebP.
  webp: (image) => image.webp({ quality: 78, effort: 3 }),
  jpeg: (image) => image.jpeg(JPEG_OPTIONS),
};

/**
 * Turns downloaded bytes into what readers get: the original kept as it came, each width ≤ the
 * original in AVIF and JPEG, and a ~200-byte blurred placeholder. Anything sharp cannot
 * read, or larger than 25 MP, is refused as an invalid upstream answer.
 */
export async function processImage(
  bytes: Buffer,
  onVariant?: (variant: ProcessedVariant) => Promise<void>,
  onOriginal?: (original: ProcessedImage['original']) => void,
): Promise<ProcessedImage> {
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

  // Known to be an image we keep: the original can be stored while the variants are encoded.
  onOriginal?.({ data: bytes, ...original });

  try {
    // Decode once: every variant is encoded from the same upright pixels instead of re-decoding.
    const { data, info } = await sharp(bytes, { limitInputPixels: LIMIT_INPUT_PIXELS, failOn: 'error', animated: false })
      .autoOrient()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixels = (): Sharp => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
    const { width, height } = info;
    const jobs = VARIANT_SET.flatMap(({ format, widths }) =>
      variantWidths(width, widths).map(async (w): Promise<ProcessedVariant> => {
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

/** The widths at most as wide as the original, and the original width when it is narrower than the widest. */
export function variantWidths(originalWidth: number, widths: readonly number[]): number[] {
  const kept = widths.filter((w) => w <= originalWidth);
  const widest = widths[widths.length - 1] ?? 0;
  if (originalWidth < widest && !kept.includes(originalWidth)) kept.push(originalWidth);
  return kept;
}

/** The content address of an original: media keys are `media/<this>/…`. */
export function contentHash(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
