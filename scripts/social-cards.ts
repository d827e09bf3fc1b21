// Build step: a PNG social card (og:image) for every event and one for the site, 1200×630, since
// the big social and chat apps show no SVG. satori lays the words out as paths with Inter (from
// @fontsource, so no system font is needed) and sharp rasterises them. Cards are cached by the key
// of their words (model/social-card.ts) across builds, so a build renders only new or changed ones.
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import satori from 'satori';
import sharp from 'sharp';
import { cataloguePaths, siteCatalogueSchema } from '../model/catalogue.ts';
import { cardKey, cardPath, eventCard, type SocialCard, siteCard } from '../model/social-card.ts';

const WIDTH = 1200;
const HEIGHT = 630;

const require = createRequire(import.meta.url);
const font = (file: string) => readFileSync(require.resolve(`@fontsource/inter/files/${file}`));
let fonts: Parameters<typeof satori>[1]['fonts'] | undefined;
const loadFonts = () =>
  (fonts ??= (['latin', 'latin-ext'] as const).flatMap((subset) =>
    ([400, 700] as const).map((weight) => ({
      name: 'Inter',
      data: font(`inter-${subset}-${weight}-normal.woff`),
      weight,
      style: 'normal' as const,
    })),
  ));

type Node = { type: string; props: { style: Record<string, unknown>; children?: unknown } };
const box = (style: Record<string, unknown>, children?: unknown): Node => ({ type: 'div', props: { style, children } });

/** The card's layout: the site's colours, the title large, when and where below. */
function layout(card: SocialCard): Node {
  const size = card.title.length > 60 ? 56 : card.title.length > 30 ? 68 : 80;
  return box(
    {
      width: WIDTH,
      height: HEIGHT,
      boxSizing: 'border-box',
      display: 'flex',
      flexDirection: 'column',
      justifyContent: 'space-between',
      padding: '64px 72px',
      background: '#fbfaf7',
      borderTop: '24px solid #0b6e69',
      color: '#1c1b22',
      fontFamily: 'Inter',
    },
    [
      box({ fontSize: 30, fontWeight: 700, color: '#0b6e69' }, card.kicker),
      box({ fontSize: size, fontWeight: 700, lineHeight: 1.1, letterSpacing: '-0.02em' }, card.title),
      box(
        { display: 'flex', flexDirection: 'column', fontSize: 32, color: '#55525f' },
        card.lines.map((line) => box({}, line)),
      ),
    ],
  );
}

/** The card as SVG, its words drawn as paths. */
export const cardSvg = (card: SocialCard) =>
  satori(layout(card) as never, { width: WIDTH, height: HEIGHT, fonts: loadFonts() });

export async function renderCard(card: SocialCard): Promise<Buffer> {
  return sharp(Buffer.from(await cardSvg(card)))
    .png({ compressionLevel: 6 })
    .toBuffer();
}

export type CardReport = { cards: number; rendered: number; ms: number };

/**
 * Writes every card into site/cards (hard links to the cache), rendering only those the cache lacks,
 * a few at a time: satori runs on this thread while sharp rasterises on libuv's.
 */
export async function writeSocialCards(o: { catalogue: string; site: string; cache: string }): Promise<CardReport> {
  const started = performance.now();
  const { events } = siteCatalogueSchema.parse(
    JSON.parse(readFileSync(join(o.catalogue, cataloguePaths.siteCatalogue), 'utf8')),
  );
  const cards = [{ name: 'gathering', card: siteCard }, ...events.map((e) => ({ name: e.id, card: eventCard(e) }))];
  const out = join(o.site, 'cards');
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  mkdirSync(o.cache, { recursive: true });
  let rendered = 0;
  const inFlight = new Set<Promise<void>>();
  for (const { name, card } of cards) {
    const cached = join(o.cache, `${cardKey(card)}.png`);
    const target = join(o.site, cardPath(name, card));
    const place = () => {
      try {
        linkSync(cached, target);
      } catch {
        writeFileSync(target, readFileSync(cached));
      }
    };
    if (existsSync(cached)) {
      place();
      continue;
    }
    rendered++;
    const job = renderCard(card).then((png) => {
      // Written whole, then renamed: a build stopped half-way leaves no broken card in the cache.
      const partial = `${cached}.${process.pid}.tmp`;
      writeFileSync(partial, png);
      renameSync(partial, cached);
      place();
    });
    inFlight.add(job);
    job.finally(() => inFlight.delete(job));
    if (inFlight.size >= 4) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  return { cards: cards.length, rendered, ms: performance.now() - started };
}

/** The cache every build shares: cards are named by their words' key, so sharing is safe. */
export const defaultCardCache = () => process.env.SOCIAL_CARD_CACHE ?? join('node_modules', '.cache', 'social-cards');
