// What the worker needs to show a person's photo beside a session (it cannot run the image
// pipeline): one small file per person with a photo, with the processed files' addresses, at
// ui/photo.tsx photoJsonPath.
import type { APIRoute } from 'astro';
import { siteCatalogue } from '../../../lib/catalogue.ts';
import { PHOTO_SIZES, processPhoto } from '../../../lib/photos.ts';

export function getStaticPaths() {
  return siteCatalogue()
    .people.filter((p) => p.photo)
    .map((p) => ({ params: { id: p.id }, props: { photo: p.photo! } }));
}

export const GET: APIRoute = async ({ props }) =>
  Response.json(await processPhoto(props.photo as { src: string; alt: string }, PHOTO_SIZES.speaker));
