// A person's photo as the build processed it (site/lib/photos.ts): AVIF, then WebP, each at 1x and
// 2x of the size shown, never larger; width and height set so nothing moves while it loads. Static
// pages and the pages the worker renders (from /people/<id>/photo.json) share this markup.
export type ProcessedPhoto = {
  alt: string;
  /** The size it is shown at, in CSS pixels. */
  width: number;
  height: number;
  /** The WebP at 1x, for browsers that take no <source>. */
  src: string;
  sources: { type: string; srcset: string }[];
};

/** Where the worker finds a person's processed photo (one small file per person with a photo). */
export const photoJsonPath = (personId: string) => `/people/${personId}/photo.json`;

/** `eager` for a photo at the top of its page, which the browser should fetch at once rather than lazily. */
export function Photo(props: { photo: ProcessedPhoto; class?: string; eager?: boolean }) {
  const p = props.photo;
  return (
    <picture>
      {p.sources.map((s) => (
        <source type={s.type} srcset={s.srcset} />
      ))}
      <img
        class={props.class}
        src={p.src}
        alt={p.alt}
        width={p.width}
        height={p.height}
        loading={props.eager ? undefined : 'lazy'}
        decoding="async"
      />
    </picture>
  );
}
