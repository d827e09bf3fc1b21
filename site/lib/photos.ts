// People's photos through Astro's image pipeline at build time: square crops in AVIF and WebP at
// 1x and 2x of the size each page shows them, so no image is sent larger than it appears.
import { getImage } from 'astro:assets';
import type { ImageMetadata } from 'astro';
import type { CataloguePerson } from '../../model/catalogue.ts';
import type { ProcessedPhoto } from '../../ui/photo.tsx';

/** The sizes photos are shown at, in CSS pixels: on a person's page, and beside a session. */
export const PHOTO_SIZES = { page: 120, speaker: 56 } as const;

// Every image under content/ (the catalogue names photos by their path there), read at build time.
const files = import.meta.glob<{ default: ImageMetadata }>('/content/**/*.{jpg,jpeg,png,webp,avif,JPG,JPEG,PNG}', {
  eager: true,
});

const formats = [
  ['avif', 'image/avif'],
  ['webp', 'image/webp'],
] as const;

export async function processPhoto(
  photo: NonNullable<CataloguePerson['photo']>,
  size: number,
): Promise<ProcessedPhoto> {
  const file = files[`/content/${photo.src}`];
  if (!file)
    throw new Error(`The photo content/${photo.src} is not among the images the site build found in content/.`);
  const made = await Promise.all(
    formats.map(([format]) =>
      getImage({ src: file.default, width: size, height: size, fit: 'cover', format, densities: [1, 2] }),
    ),
  );
  return {
    alt: photo.alt,
    width: size,
    height: size,
    src: made[1]!.src,
    sources: made.map((m, i) => ({ type: formats[i]![1], srcset: m.srcSet.attribute })),
  };
}
