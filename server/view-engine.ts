import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import Handlebars from 'handlebars';
import { registerHelpers } from './helpers/index.ts';

export const VIEWS_DIR = join(import.meta.dirname, '..', 'views');

type Template = Handlebars.TemplateDelegate;

/**
 * A small Handlebars engine for Express: partials from views/partials, a layout from
 * views/layouts (the `layout` local, default "main"), pages compiled once and cached.
 * `{{ }}` escapes; nothing in views/ uses the unescaped `{{{ }}}` except for HTML this code
 * built and escaped itself (the highlighted document), which is marked SafeString there.
 */
export function createViewEngine(viewsDir = VIEWS_DIR) {
  const hbs = Handlebars.create();
  registerHelpers(hbs);
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  for (const file of walk(join(viewsDir, 'partials')).filter((f) => f.endsWith('.hbs'))) {
    const name = relative(join(viewsDir, 'partials'), file).replace(/\.hbs$/, '');
    hbs.registerPartial(name, readFileSync(file, 'utf8'));
  }
  const cache = new Map<string, Template>();
  const template = (file: string): Template => {
    let t = cache.get(file);
    if (!t) {
      t = hbs.compile(readFileSync(file, 'utf8'), { strict: false });
      cache.set(file, t);
    }
    return t;
  };

  return function render(filePath: string, options: object, callback: (e: unknown, rendered?: string) => void): void {
    try {
      const locals = options as Record<string, unknown>;
      const body = template(filePath)(locals);
      const layoutName = locals.layout === false ? null : ((locals.layout as string | undefined) ?? 'main');
      if (!layoutName) {
        callback(null, body);
        return;
      }
      const layout = template(join(viewsDir, 'layouts', `${basename(layoutName, '.hbs')}.hbs`));
      callback(null, layout({ ...locals, body: new hbs.SafeString(body) }));
    } catch (e) {
      callback(e);
    }
  };
}
