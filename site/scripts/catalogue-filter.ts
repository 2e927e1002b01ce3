/**
 * Progressive enhancement of the catalogue: the filter links (which are static pages
 * without JavaScript) filter the table in place, combine across facets, and keep the
 * state in the URL query (`?stage=production&task=regression`) so it can be shared.
 */
const FACETS = ["stage", "task", "owner", "drift"] as const;
type Facet = (typeof FACETS)[number];

function readState(search: string): Map<Facet, string> {
  const params = new URLSearchParams(search);
  const state = new Map<Facet, string>();
  for (const facet of FACETS) {
    const value = params.get(facet);
    if (value) state.set(facet, value);
  }
  return state;
}

function rowMatches(row: HTMLTableRowElement, state: Map<Facet, string>): boolean {
  for (const [facet, value] of state) {
    if (!(row.dataset[facet] ?? "").split(" ").includes(value)) return false;
  }
  return true;
}

function render(doc: Document, table: HTMLTableElement, state: Map<Facet, string>): void {
  const rows = [...(table.tBodies[0]?.rows ?? [])];
  let shown = 0;
  for (const row of rows) {
    const match = rowMatches(row, state);
    row.hidden = !match;
    if (match) shown += 1;
  }
  for (const link of doc.querySelectorAll<HTMLAnchorElement>("a[data-facet]")) {
    const facet = link.dataset.facet as Facet;
    const selected = (state.get(facet) ?? "") === (link.dataset.value ?? "");
    if (selected) link.setAttribute("aria-current", "true");
    else link.removeAttribute("aria-current");
  }
  const status = doc.querySelector("[data-status]");
  if (status) status.textContent = `Showing ${shown} of ${rows.length} models.`;
}

/** Wires the catalogue page's filter links; a no-op on pages without the catalogue table. */
export function enhanceCatalogue(doc: Document): void {
  const table = doc.querySelector<HTMLTableElement>("table[data-catalogue]");
  const nav = doc.querySelector<HTMLElement>("[data-filters]");
  if (!table || !nav) return;
  const state = readState(doc.location.search);
  nav.addEventListener("click", (event) => {
    const link = (event.target as Element).closest<HTMLAnchorElement>("a[data-facet]");
    if (!link || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    const facet = link.dataset.facet as Facet;
    const value = link.dataset.value ?? "";
    if (value === "" || state.get(facet) === value) state.delete(facet);
    else state.set(facet, value);
    const query = new URLSearchParams([...state.entries()]).toString();
    history.replaceState(null, "", query ? `?${query}` : doc.location.pathname);
    render(doc, table, state);
  });
  render(doc, table, state);
}
