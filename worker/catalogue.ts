// The published content, as built by scripts/build-catalogue.ts and bundled with the worker.
// Validated once per isolate with the shared schema, so a bad build fails loudly at the first request.
import raw from './generated/catalogue.json';
import { catalogueSchema, type Catalogue, type CatalogueEvent } from '../model/catalogue.ts';

let loaded: { catalogue: Catalogue; byId: Map<string, CatalogueEvent> } | undefined;

function load() {
  if (!loaded) {
    const catalogue = catalogueSchema.parse(raw);
    loaded = { catalogue, byId: new Map(catalogue.events.map((e) => [e.id, e])) };
  }
  return loaded;
}

export const getCatalogue = (): Catalogue => load().catalogue;
export const findEvent = (id: string): CatalogueEvent | undefined => load().byId.get(id);
