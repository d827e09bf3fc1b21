// The layers of the code, as the README's architecture section draws them, checked on every
// import: no cycles, and no arrow from a lower layer to a higher one.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const roots = ['model', 'ui', 'worker', 'site/lib', 'site/scripts'];
const files = roots.flatMap((root) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && /\.tsx?$/.test(f.name) && !/\.(test|d)\.ts$/.test(f.name))
    .map((f) => relative(process.cwd(), join(f.parentPath, f.name)))
    .filter((f) => !f.startsWith('worker/testing/')),
);

/** Local files each file imports (type-only imports count: they are dependencies too). */
const imports = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.{1,2}\/[^']+)'/g)].map((m) =>
      normalize(join(dirname(file), m[1]!)),
    );
    return [file, targets.filter((t) => files.includes(t))];
  }),
);

const pure = [
  /^worker\/registrations\/(lifecycle|answers|csv|export|event-changes)\.ts$/,
  /^worker\/messages\/(kinds|texts)\.ts$/,
  /^worker\/feeds\//,
  /^worker\/matching\/(score|suggestions|scheduler|blossom|profile|slots|plan|plan-meetings|figures)\.ts$/,
  /^worker\/access\/(rules|links|secrets)\.ts$/,
];

/** Layers, lowest first: a file may import its own layer and those below. */
function layer(file: string): { n: number; name: string } {
  if (file.startsWith('model/')) return { n: 0, name: 'model' };
  if (file.startsWith('ui/')) return { n: 1, name: 'ui' };
  if (file.startsWith('site/')) return { n: 5, name: 'site' };
  if (pure.some((p) => p.test(file))) return { n: 1, name: 'domain' };
  if (file.startsWith('worker/db/')) return { n: 2, name: 'db' };
  if (/^worker\/(routes\/|app\.ts|index\.ts)/.test(file)) return { n: 4, name: 'routes' };
  return { n: 3, name: 'services' };
}

describe('the architecture', () => {
  it('has the files it is checked on', () => {
    expect(files).toContain('worker/registrations/lifecycle.ts');
    expect(files).toContain('ui/registration-form.tsx');
  });

  it('has no import from a lower layer to a higher one', () => {
    const wrong: string[] = [];
    for (const [file, targets] of imports) {
      const from = layer(file);
      for (const target of targets) {
        const to = layer(target);
        // ui and the domain are side by side: neither imports the other; the site uses model and ui only.
        const sideways = (from.name === 'ui' && to.name === 'domain') || (from.name === 'domain' && to.name === 'ui');
        // ...except the console's scheduler, which runs the domain's pure scheduler in the organiser's browser.
        const browserScheduler =
          file.startsWith('site/scripts/console/') && /^worker\/matching\/plan(-meetings)?\.ts$/.test(target);
        const siteReach = from.name === 'site' && !['model', 'ui', 'site'].includes(to.name) && !browserScheduler;
        if (to.n > from.n || sideways || siteReach) wrong.push(`${file} (${from.name}) → ${target} (${to.name})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps SQL in db/ and the database out of pure code', () => {
    const offenders = files.filter(
      (f) => !f.startsWith('worker/db/') && /from 'drizzle-orm/.test(readFileSync(f, 'utf8')),
    );
    // The error handler only recognises drizzle's error type, to log it without parameters.
    expect(offenders).toEqual(['worker/http/errors.ts']);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const target of imports.get(file) ?? []) visit(target, [...path, file]);
      state.set(file, 'done');
    };
    for (const file of files) visit(file, []);
    expect(cycles).toEqual([]);
  });
});
