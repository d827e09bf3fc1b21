// Lets .astro pages use the hono/jsx components of ui/ directly: Astro asks this renderer for
// the HTML of any component that returns a hono JSX node (escaped by hono, like the worker's pages).
import { isValidElement } from 'hono/jsx';

type Component = (props: Record<string, unknown>) => unknown;

async function check(component: unknown, props: Record<string, unknown>) {
  if (typeof component !== 'function' || 'isAstroComponentFactory' in component) return false;
  try {
    return isValidElement(await (component as Component)(props));
  } catch {
    return false;
  }
}

async function renderToStaticMarkup(component: Component, props: Record<string, unknown>) {
  const node = await component(props);
  return { html: String(await String(node)) };
}

export default { name: 'hono-jsx', check, renderToStaticMarkup };
