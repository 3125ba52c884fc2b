/** One page of IDs from a store's listing; `next` is the cursor of the next page, set only when there is one. */
export interface IdPage {
  readonly ids: readonly string[];
  readonly next?: string;
}

const PAGE_SIZE = 200;
const PARALLEL = 20;

/**
 * Runs `act` on every ID a listing pages through (200 a page, 20 at a time), as the reconciliations
 * do: `checked` counts the IDs listed, `acted` holds those for which `act` answered true, in listing
 * order. Memory stays bounded by one page.
 */
export async function eachListedId(list: (page: { after?: string; size: number }) => Promise<IdPage>, act: (id: string) => Promise<boolean>): Promise<{ checked: number; acted: string[] }> {
  const acted: string[] = [];
  let checked = 0;
  let after: string | undefined;
  do {
    const page = await list({ size: PAGE_SIZE, ...(after === undefined ? {} : { after }) });
    for (let i = 0; i < page.ids.length; i += PARALLEL) {
      const batch = page.ids.slice(i, i + PARALLEL);
      const results = await Promise.all(batch.map(act));
      batch.forEach((id, n) => results[n] && acted.push(id));
    }
    checked += page.ids.length;
    after = page.next;
  } while (after !== undefined);
  return { checked, acted };
}
