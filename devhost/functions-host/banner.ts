import type { FunctionsHost } from './host';

export interface BannerOptions {
  title: string;
  readyMs: number;
  /** Extra blocks printed between the function list and the pages, each followed by a blank line. */
  sections?: string[][];
}

/** What the host prints once it is ready: where things are, every function, and the extensions' pages. */
export function hostBanner(host: FunctionsHost, opts: BannerOptions): string {
  const functions = [...host.core.registrations.values()].map((r) => {
    const route = host.httpRoutes.find((h) => h.reg === r);
    return route
      ? `    ${r.metadata.name.padEnd(28)} [${route.methods.join(',')}] ${host.url}${host.routePrefix}/${route.route.template}`
      : `    ${r.metadata.name.padEnd(28)} ${r.trigger.type}${r.trigger.type === 'timerTrigger' ? ` (${String(r.trigger.schedule)})` : ''}`;
  });
  // Notes line up in one column after the longest usual page path.
  // Columns as wide as the longest name and URL, so a note never runs into its URL.
  const nameWidth = Math.max(12, ...host.pages.map((p) => p.name.length + 1));
  const urlWidth = Math.max(host.url.length + 20, ...host.pages.map((p) => p.url.length + 2));
  const pages = host.pages.map((p) => `    ${p.name.padEnd(nameWidth)}${p.note ? `${p.url.padEnd(urlWidth)}${p.note}` : p.url}`);
  return [
    '',
    `${opts.title} — ready in ${opts.readyMs} ms`,
    `  Settings: ${host.settingsFile}`,
    `  Storage:  ${host.storage}`,
    `  API:      ${host.url}${host.routePrefix}`,
    '',
    '  Functions:',
    ...functions,
    '',
    ...(opts.sections ?? []).flatMap((s) => [...s, '']),
    ...(pages.length > 0 ? ['  Dev pages:', ...pages, ''] : []),
    'Press Ctrl+C to stop.',
    '',
  ].join('\n');
}
