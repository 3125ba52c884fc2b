import { Liquid } from 'liquidjs';
import type { RenderMode } from './template-types';

/** Longest template source accepted, in characters. */
export const MAX_TEMPLATE_LENGTH = 100_000;

/**
 * Longest one render may take, in milliseconds. LiquidJS checks it before every template node it
 * renders (each loop iteration included), so a template of nested loops stops here instead of
 * holding the event loop: rendering is synchronous. Real messages render in well under 1 ms.
 */
export const RENDER_LIMIT_MS = 200;

/** Most objects (array items, string characters) one render may create: bounds `split`, `join`, ranges… */
export const MEMORY_LIMIT = 1_000_000;

/** Options of every render call (the engines set the same limits; a render call must not loosen them). */
export const RENDER_OPTIONS = { renderLimit: RENDER_LIMIT_MS, memoryLimit: MEMORY_LIMIT } as const;

/** Tags that read other templates from disk: admins' templates must not reach the file system. */
const FORBIDDEN_TAGS = ['include', 'render', 'layout'] as const;

function createEngine(mode: RenderMode): Liquid {
  const engine = new Liquid({
    strictVariables: true,
    strictFilters: true,
    ownPropertyOnly: true,
    parseLimit: MAX_TEMPLATE_LENGTH,
    renderLimit: RENDER_LIMIT_MS,
    memoryLimit: MEMORY_LIMIT,
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
