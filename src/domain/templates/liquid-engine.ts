import { Liquid } from 'liquidjs';
import type { RenderMode } from './template-types';

/** Longest template source accepted, in characters. */
export const MAX_TEMPLATE_LENGTH = 100_000;

/** Render budget: tag/output renders per call (deterministic, unlike a time limit). */
export const RENDER_OPTIONS = { templateLimit: 100_000 } as const;

/** Tags that read other templates from disk: admins' templates must not reach the file system. */
const FORBIDDEN_TAGS = ['include', 'render', 'layout'] as const;

function createEngine(mode: RenderMode): Liquid {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    parseLimit: MAX_TEMPLATE_LENGTH,
    memoryLimit: 1_000_000,
    ...(mode === 'html' ? { outputEscape: 'escape' as const } : {}),
  });
  for (const name of FORBIDDEN_TAGS) {
    engine.registerTag(name, {
      parse() {
        throw new Error(`the ${name} tag is not allowed in message templates`);
      },
      render() {
        return '';
      },
    });
  }
  return engine;
}

/** One engine per mode, shared: engines hold no per-render state. */
export const ENGINES: Readonly<Record<RenderMode, Liquid>> = { html: createEngine('html'), text: createEngine('text') };
