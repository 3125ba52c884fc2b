/**
 * ASP.NET-style route templates as Azure Functions uses them: literal segments (case-insensitive),
 * `{name}`, `{name?}`, `{name:int|long|bool|guid|alpha|double}` and a trailing `{*name}` catch-all.
 */
export interface RouteTemplate { template: string; segments: Segment[]; ranks: number[] }
type Segment =
  | { kind: 'literal'; value: string }
  | { kind: 'param'; name: string; optional: boolean; constraint?: string }
  | { kind: 'catchAll'; name: string };

const CONSTRAINTS: Record<string, RegExp> = {
  int: /^-?\d+$/, long: /^-?\d+$/, double: /^-?\d+(\.\d+)?$/, bool: /^(true|false)$/i, alpha: /^[a-z]+$/i,
  guid: /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i,
};

export function parseRoute(template: string): RouteTemplate {
  const segments: Segment[] = template.split('/').filter(Boolean).map((s): Segment => {
    const m = /^\{(\*?)([A-Za-z_][\w]*)(?::([a-z]+)(?:\([^)]*\))?)?(\?)?\}$/.exec(s);
    if (!m) return { kind: 'literal', value: s.toLowerCase() };
    if (m[1]) return { kind: 'catchAll', name: m[2] as string };
    return { kind: 'param', name: m[2] as string, optional: Boolean(m[4]), constraint: m[3] };
  });
  const ranks = segments.map((s) => (s.kind === 'literal' ? 3 : s.kind === 'param' ? (s.constraint ? 2 : 1) : 0));
  return { template, segments, ranks };
}

/**
 * Orders routes most specific first, segment by segment as ASP.NET routing does: a literal outranks
 * a constrained parameter, which outranks a plain one, which outranks a catch-all.
 */
export function compareRoutes(a: RouteTemplate, b: RouteTemplate): number {
  for (let i = 0; i < Math.max(a.ranks.length, b.ranks.length); i++) {
    const diff = (b.ranks[i] ?? -1) - (a.ranks[i] ?? -1);
    if (diff !== 0) return diff;
  }
  return a.template.localeCompare(b.template);
}

/** Matches a path (without the route prefix) against a template; returns the parameters or undefined. */
export function matchRoute(route: RouteTemplate, path: string): Record<string, string> | undefined {
  const parts = path.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  let i = 0;
  for (const seg of route.segments) {
    if (seg.kind === 'catchAll') {
      params[seg.name] = parts.slice(i).map(decode).join('/');
      return params;
    }
    const part = parts[i];
    if (part === undefined) {
      if (seg.kind === 'param' && seg.optional) continue;
      return undefined;
    }
    const value = decode(part);
    if (seg.kind === 'literal') {
      if (value.toLowerCase() !== seg.value) return undefined;
    } else {
      const check = seg.constraint ? CONSTRAINTS[seg.constraint] : undefined;
      if (check && !check.test(value)) return undefined;
      params[seg.name] = value;
    }
    i++;
  }
  return i === parts.length ? params : undefined;
}

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
