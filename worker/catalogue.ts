// The published content, as built by scripts/build-catalogue.ts and bundled with the worker.
// Validated once per isolate with the shared schema, so a bad build fails loudly at the first request.
// The app takes a catalogue as an option, so tests can run against fixtures with dates relative to now.

import { type Catalogue, type CatalogueEvent, catalogueSchema } from '../model/catalogue.ts';
import raw from './generated/catalogue.json';

export type CatalogueIndex = { catalogue: Catalogue; find: (id: string) => CatalogueEvent | undefined };

export function indexCatalogue(catalogue: Catalogue): CatalogueIndex {
  const byId = new Map(catalogue.events.map((e) => [e.id, e]));
  return { catalogue, find: (id) => byId.get(id) };
}

let bundled: CatalogueIndex | undefined;
export const bundledCatalogue = (): CatalogueIndex => (bundled ??= indexCatalogue(catalogueSchema.parse(raw)));
